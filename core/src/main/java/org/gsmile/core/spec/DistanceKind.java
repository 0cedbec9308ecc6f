package org.gsmile.core.spec;

/** How far an output moved from the original one. */
public enum DistanceKind implements Choice {
    /**
     * token-wasserstein where the model gives token probabilities (in-process models, or a server
     * asked for log-probabilities), else embedding-wasserstein; the explanation records which ran.
     */
    AUTO("auto"),
    /** Wasserstein-1 between next-token distributions. */
    TOKEN_WASSERSTEIN("token-wasserstein"),
    /** mean rise in negative log-likelihood of the original output. */
    LOGPROB_SHIFT("logprob-shift"),
    /** Word Mover's Distance between the output texts. */
    EMBEDDING_WASSERSTEIN("embedding-wasserstein"),
    /** cosine distance between sentence embeddings of the outputs. */
    SENTENCE_EMBEDDING("sentence-embedding");

    private final String label;

    DistanceKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The value the user named, or one line listing the accepted names. */
    public static DistanceKind of(String name) {
        return Choice.parse(DistanceKind.class, Setting.DISTANCE, name);
    }
}
