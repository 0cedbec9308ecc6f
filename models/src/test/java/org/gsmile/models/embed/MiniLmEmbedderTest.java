package org.gsmile.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gsmile.core.distance.SentenceEmbeddingDistance;
import org.gsmile.core.distance.WordMoversDistance;
import org.junit.jupiter.api.Test;

/** The packaged all-MiniLM-L6-v2, offline. */
class MiniLmEmbedderTest {
    static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void unitVectorsOf384DimensionsTheSameOnEveryCall() {
        List<float[]> v = MiniLmEmbedder.shared().embed(List.of("The cat sat on the mat.", "cat", ""));
        assertEquals(384, v.get(0).length);
        assertEquals(1.0, cosine(v.get(0), v.get(0)), 1e-5);
        assertEquals(1.0, cosine(v.get(1), v.get(1)), 1e-5);
        assertArrayEquals(new float[384], v.get(2), "blank text is the zero vector");
        // Alone or in a batch, a text embeds the same.
        assertArrayEquals(v.get(1), MiniLmEmbedder.shared().embed(List.of("cat")).get(0), 1e-6f);
    }

    @Test
    void djlsOnnxRuntimeEngineStillStartsAfterTheEmbedder() {
        // Both share one ONNX Runtime environment; the onnx: models need DJL's engine to start.
        MiniLmEmbedder.shared().embed(List.of("x"));
        assertEquals("OnnxRuntime", ai.djl.engine.Engine.getEngine("OnnxRuntime").getEngineName());
    }

    @Test
    void relatedWordsAndSentencesAreCloser() {
        List<float[]> v = MiniLmEmbedder.shared().embed(List.of("cat", "kitten", "spreadsheet"));
        assertTrue(cosine(v.get(0), v.get(1)) > cosine(v.get(0), v.get(2)) + 0.2);

        WordMoversDistance wmd = new WordMoversDistance(MiniLmEmbedder.shared());
        double near = wmd.distance("The girl kicked the ball.", "A child kicked a ball.");
        double far = wmd.distance("The girl kicked the ball.", "Quarterly revenue exceeded forecasts.");
        assertTrue(near < far, near + " vs " + far);
        assertTrue(far > 0 && far <= 2);

        SentenceEmbeddingDistance sentence = new SentenceEmbeddingDistance(MiniLmEmbedder.shared());
        assertTrue(sentence.distance("Lily played with her red ball.", "Lily was playing with a red ball.")
                < sentence.distance("Lily played with her red ball.", "The stock market fell sharply."));
    }
}
