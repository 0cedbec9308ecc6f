package org.gsmile.core.model;

/**
 * One generated continuation.
 *
 * @param text   the continuation as text (the prompt not repeated)
 * @param tokens the continuation token ids, or an empty array where the backend has none
 */
public record Generation(String text, int[] tokens) {
}
