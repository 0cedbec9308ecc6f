package org.gsmile.core.model;

/**
 * What a model is, for provenance.
 *
 * @param id            the reference the user gave, e.g. {@code local:stories260K}
 * @param sha256        hash of the weights file, or empty where unknown (remote models)
 * @param contextLength maximum number of tokens, prompt and continuation together
 */
public record ModelInfo(String id, String sha256, int contextLength) {
}
