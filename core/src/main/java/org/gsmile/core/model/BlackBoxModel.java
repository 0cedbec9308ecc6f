package org.gsmile.core.model;

import java.util.Map;
import java.util.Optional;

/**
 * A black-box model as an explanation sees it, whatever it returns (text, an image): an identity
 * for provenance, the settings that shape its outputs, a way to count what its client did for one
 * explanation, and perhaps its tokenizer. {@link GenerativeModel} (text) and
 * {@link ImageGenerator} (images) are the two kinds an explainer observes; an {@link ImageEditor}
 * is observed once it is bound to its input image ({@link ImageEditor#bind}).
 */
public interface BlackBoxModel extends AutoCloseable {

    ModelInfo info();

    /**
     * Settings of this model that shape what it returns and belong in an explanation's provenance
     * (e.g. the number of top log-probabilities asked of a server, or an editor's input image); in a
     * stable order.
     */
    default Map<String, Object> settings() {
        return Map.of();
    }

    /**
     * This model with its calls counted into {@code meter}: a view sharing every resource (weights,
     * connections, caches) with this one. Models whose client neither retries nor caches on disk
     * return themselves.
     */
    default BlackBoxModel metered(CallMeter meter) {
        return this;
    }

    /** The model's tokenizer, for token units; empty where the model does not expose one. */
    default Optional<TokenPieces> tokenPieces() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
