/**
 * Fidelity: how well an explanation's linear surrogate Δ ≈ θ·z + θ₀ reproduces the model's output
 * shifts, on the samples it was fitted to ({@link org.gsmile.metrics.fidelity.InSampleFidelity}) and
 * on fresh coalitions drawn after the fit ({@link org.gsmile.metrics.fidelity.OutOfSampleFidelity}).
 * A surrogate can fit its own samples and still mispredict the rest; only the second shows it.
 */
package org.gsmile.metrics.fidelity;
