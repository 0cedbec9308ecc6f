package org.gsmile.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gsmile.models.onnx.OnnxFeatureExtractor;

/**
 * The feature models of {@code feature-wasserstein}, loaded once per file for the process, as the
 * MiniLM embedder is: every explainer of one spec (and the metrics' re-explanations) shares one
 * ONNX Runtime session instead of loading the model again. A file changed on disk while the process
 * runs is not read again.
 */
final class FeatureModels {
    private static final Map<Path, OnnxFeatureExtractor> LOADED = new ConcurrentHashMap<>();

    private FeatureModels() {
    }

    static OnnxFeatureExtractor shared(String path) {
        return LOADED.computeIfAbsent(Path.of(path).toAbsolutePath().normalize(), OnnxFeatureExtractor::load);
    }
}
