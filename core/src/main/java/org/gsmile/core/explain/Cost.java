package org.gsmile.core.explain;

/**
 * What an explanation cost.
 *
 * @param calls   model calls, cache hits, failures and retries
 * @param timings time inside and outside the model
 */
public record Cost(CallStats calls, Timings timings) {
}
