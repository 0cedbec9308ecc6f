package org.gsmile.core.explain;

import org.gsmile.core.distance.OutputDistance;

/** How an explanation observes a model and compares two observations. */
public record Observation<O>(OutputProbe<O> probe, OutputDistance<O> distance) {
}
