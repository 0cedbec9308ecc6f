/**
 * Shapley values as ground truth and as the target of the surrogate.
 *
 * <p>The value of a coalition S of units is v(S) = Δ(prompt keeping only S): the output distance
 * the explanation already measures, with the removed units treated by the explanation's operator.
 * With this sign the Shapley value φᵢ is on the scale of the surrogate's θᵢ: negative when keeping
 * unit i holds the output in place. v(N) = Δ(prompt, prompt) = 0, and v(∅) is the distance of the
 * prompt with every unit removed: for the drop operator that is the empty prompt, which a local
 * model reads as BOS alone, and which the explainer then sends on purpose.
 *
 * <p>{@link org.gsmile.core.reference.ShapleyValues} computes exact values by enumeration and
 * leave-one-out; {@link org.gsmile.core.reference.ShapleyKernel} and
 * {@link org.gsmile.core.reference.ConstrainedLeastSquares} make the surrogate's coefficients an
 * estimate of the Shapley values (KernelSHAP's weighted regression with the efficiency constraint),
 * and {@link org.gsmile.core.reference.ReferenceExplainer} turns both references into explanations.
 */
package org.gsmile.core.reference;
