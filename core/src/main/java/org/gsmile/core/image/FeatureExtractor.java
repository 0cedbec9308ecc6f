package org.gsmile.core.image;

import java.util.List;

/**
 * An image model that maps an image to a feature vector (an embedding of a vision network), for
 * distances that compare what such a model sees in two images. Core only sees this interface; the
 * ONNX extractor lives in the models module. Implementations are thread-safe and deterministic.
 */
public interface FeatureExtractor {

    /** Names the model, for provenance: its file and weights hash. */
    String name();

    /** One feature vector per image, in order; every vector has the same length. */
    List<float[]> features(List<Image> images);
}
