package org.gsmile.core.spec;

/** How far an output moved from the original one. */
public enum DistanceKind implements Choice {
    /**
     * For a text model, token-wasserstein where the model gives token probabilities (in-process
     * models, or a server asked for log-probabilities), else embedding-wasserstein; for a model whose
     * output is an image, channel-wasserstein. The explanation records which ran.
     */
    AUTO("auto"),
    /** Wasserstein-1 between next-token distributions. */
    TOKEN_WASSERSTEIN("token-wasserstein"),
    /** mean rise in negative log-likelihood of the original output. */
    LOGPROB_SHIFT("logprob-shift"),
    /** Word Mover's Distance between the output texts. */
    EMBEDDING_WASSERSTEIN("embedding-wasserstein"),
    /** cosine distance between sentence embeddings of the outputs. */
    SENTENCE_EMBEDDING("sentence-embedding"),
    /** images: Wasserstein-1 between the pixel-intensity distributions of each channel, averaged over R, G, B. */
    CHANNEL_WASSERSTEIN("channel-wasserstein"),
    /** images: sliced Wasserstein-1 between the two images' clouds of RGB pixels, over seeded directions. */
    SLICED_WASSERSTEIN("sliced-wasserstein"),
    /** images: 1 − SSIM (Wang et al. 2004), the mean over R, G, B. */
    SSIM("ssim"),
    /** images: 1-D Wasserstein-1 between the feature vectors an ONNX image model gives the two images. */
    FEATURE_WASSERSTEIN("feature-wasserstein");

    private final String label;

    DistanceKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether this distance compares images (otherwise text or token distributions; auto serves both). */
    public boolean comparesImages() {
        return this == CHANNEL_WASSERSTEIN || this == SLICED_WASSERSTEIN || this == SSIM || this == FEATURE_WASSERSTEIN;
    }

    /** Whether this distance compares text outputs or their token distributions. */
    public boolean comparesText() {
        return this != AUTO && !comparesImages();
    }

    /** The value the user named, or one line listing the accepted names. */
    public static DistanceKind of(String name) {
        return Choice.parse(DistanceKind.class, Setting.DISTANCE, name);
    }
}
