package org.gsmile.core.explain;

/**
 * Model calls of one explanation.
 *
 * @param requested    observations the explainer asked for: one per sample plus the original prompt
 * @param unique       distinct prompts that reached the model
 * @param cacheHits    requested − unique: prompts answered without calling the model again
 * @param preparation  calls made to produce the original output (the greedy continuation)
 */
public record CallStats(int requested, int unique, int cacheHits, int preparation) {
}
