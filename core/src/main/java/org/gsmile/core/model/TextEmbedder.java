package org.gsmile.core.model;

import java.util.List;

/**
 * Maps texts to dense vectors, for distances between outputs that are text. Core only sees this
 * interface; the embedding models themselves live in the models module. Implementations are
 * thread-safe: distances are computed in parallel.
 */
public interface TextEmbedder {

    /** Names the embedding model, for provenance. */
    String name();

    /** One vector per text, in the order of the texts; every vector has the same length. */
    List<float[]> embed(List<String> texts);
}
