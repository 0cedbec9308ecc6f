/**
 * Consistency: whether explaining the same prompt again, with another seed, gives the same scores.
 * Per unit the spread of its score over the runs ({@link org.gsmile.metrics.consistency.UnitSpread}),
 * and over all units the runs' agreement on the ranking, Kendall's W
 * ({@link org.gsmile.metrics.consistency.Consistency}).
 */
package org.gsmile.metrics.consistency;
