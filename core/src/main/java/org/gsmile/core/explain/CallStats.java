package org.gsmile.core.explain;

/**
 * Model calls of one explanation.
 *
 * @param requested     observations the explainer asked for: one per sample plus the original prompt
 * @param unique        distinct prompts that reached the model
 * @param cacheHits     requested − unique: prompts answered without calling the model again
 * @param preparation   calls made to produce the original output (the greedy continuation)
 * @param failed        distinct prompts whose observation still failed after retries; their samples
 *                      are left out of the fit
 * @param retries       calls repeated after a transient failure (rate limit, server error, timeout,
 *                      dropped connection); 0 for in-process models
 * @param diskCacheHits answers read from the on-disk response cache instead of calling the model
 */
public record CallStats(int requested, int unique, int cacheHits, int preparation, int failed, int retries,
                        int diskCacheHits) {

    /** Calls of a model that never fails, retries or caches on disk. */
    public CallStats(int requested, int unique, int cacheHits, int preparation) {
        this(requested, unique, cacheHits, preparation, 0, 0, 0);
    }

    /** The same counts with what only the model's client knows: its retries and on-disk cache hits. */
    public CallStats withClient(int retries, int diskCacheHits) {
        return new CallStats(requested, unique, cacheHits, preparation, failed, retries, diskCacheHits);
    }
}
