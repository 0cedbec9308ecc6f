/**
 * Faithfulness: whether the units an explanation ranks first are those the model's output depends
 * on. {@link org.gsmile.metrics.faithfulness.Faithfulness#measure} intervenes on the prompt through
 * {@code OutputShifts} (deletion and insertion {@link org.gsmile.metrics.faithfulness.Curve}s, ERASER's
 * {@link org.gsmile.metrics.faithfulness.FaithfulnessScores}) and compares the explanation's ranking
 * with random and leave-one-out ones; {@link org.gsmile.metrics.faithfulness.ModelFaithfulness}
 * correlates explanation quality with model quality across models.
 */
package org.gsmile.metrics.faithfulness;
