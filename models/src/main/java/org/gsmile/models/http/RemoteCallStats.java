package org.gsmile.models.http;

/**
 * What a remote model's client did.
 *
 * @param sent          HTTP requests sent, retries included
 * @param retries       requests repeated after a transient failure
 * @param diskCacheHits answers read from the on-disk response cache
 * @param failed        prompts whose call failed for good
 */
public record RemoteCallStats(int sent, int retries, int diskCacheHits, int failed) {
}
