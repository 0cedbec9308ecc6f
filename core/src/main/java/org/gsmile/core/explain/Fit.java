package org.gsmile.core.explain;

import org.gsmile.core.surrogate.Fidelity;

/**
 * How well the surrogate reproduces the observed shifts on its own samples.
 *
 * @param fidelity weighted R², adjusted R² and weighted MSE
 * @param ridge    the tiny L2 penalty the exact solver needed (0 when the design had full rank)
 */
public record Fit(Fidelity fidelity, double ridge) {
}
