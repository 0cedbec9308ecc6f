package org.gsmile.core.explain;

/**
 * Where an explanation's wall-clock time went.
 *
 * @param modelMs time waiting on the model (generation and observations)
 * @param totalMs the whole explanation; totalMs − modelMs is gSMILE's own overhead
 */
public record Timings(double modelMs, double totalMs) {
    public double outsideModelFraction() {
        return totalMs <= 0 ? 0 : (totalMs - modelMs) / totalMs;
    }
}
