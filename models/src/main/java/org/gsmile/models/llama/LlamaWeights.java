package org.gsmile.models.llama;

import java.util.List;

/**
 * All weights of a Llama model, immutable once loaded and shared by every inference call.
 *
 * @param config         the model shape
 * @param tokenEmbedding input embeddings, row-major [vocab][dim]
 * @param layers         one entry per transformer block
 * @param finalNorm      RMSNorm gain before the classifier, [dim]
 * @param classifier     output projection, [vocab][dim]; the same array as tokenEmbedding when shared
 */
public record LlamaWeights(LlamaConfig config, float[] tokenEmbedding, List<LayerWeights> layers,
                           float[] finalNorm, float[] classifier) {

    public LlamaWeights {
        layers = List.copyOf(layers);
        long table = (long) config.vocabSize() * config.dim();
        if (tokenEmbedding.length != table || classifier.length != table) {
            throw new IllegalArgumentException("embedding/classifier tables must hold vocab*dim = " + table + " values");
        }
        if (finalNorm.length != config.dim()) {
            throw new IllegalArgumentException("final norm must hold dim = " + config.dim() + " values");
        }
        if (layers.size() != config.nLayers()) {
            throw new IllegalArgumentException("expected " + config.nLayers() + " layers, got " + layers.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).checkShape(config, l);
        }
    }

    public boolean sharedClassifier() {
        return classifier == tokenEmbedding;
    }
}
