package org.gsmile.core.explain;

/**
 * Where an explanation's wall-clock time went.
 *
 * @param modelMs time waiting on the model (generation and observations)
 * @param totalMs the whole explanation; totalMs − modelMs is gSMILE's own overhead
 */
public record Timings(double modelMs, double totalMs) {

    /** Rounded to microseconds, so that the JSON form reads back equal. */
    public static Timings ofNanos(long modelNanos, long totalNanos) {
        return new Timings(Math.round(modelNanos / 1e3) / 1e3, Math.round(totalNanos / 1e3) / 1e3);
    }

    public double outsideModelFraction() {
        return totalMs <= 0 ? 0 : (totalMs - modelMs) / totalMs;
    }
}
