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

    /**
     * One vector per text, in the order of the texts; every vector has the same length. A text's
     * vector must not depend on the other texts of the call or on earlier calls: the distances keep
     * each text's vector for the rest of the process, whichever call embedded it first.
     */
    List<float[]> embed(List<String> texts);
}
