package org.gsmile.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.FeatureWassersteinDistance;
import org.gsmile.core.distance.Wasserstein;
import org.gsmile.core.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature model the user supplies as ONNX, built here by hand: per channel the global mean and
 * maximum (GlobalAveragePool and GlobalMaxPool, concatenated and flattened: six features), whose
 * values the test computes itself; and the thesis code's distance on them.
 */
class OnnxFeatureExtractorTest {
    @TempDir
    Path temp;

    Path poolingModel(Object h, Object w) throws Exception {
        return new OnnxWriter()
                .input("pixels", OnnxWriter.FLOAT, "batch", 3L, h, w)
                .output("features", OnnxWriter.FLOAT, "batch", 6L)
                .node("GlobalAveragePool", List.of("pixels"), List.of("avg"))
                .node("GlobalMaxPool", List.of("pixels"), List.of("max"))
                .node("Concat", List.of("avg", "max"), List.of("both"), OnnxWriter.intAttribute("axis", 1))
                .node("Flatten", List.of("both"), List.of("features"), OnnxWriter.intAttribute("axis", 1))
                .write(temp.resolve("pool.onnx"));
    }

    static Image image(int w, int h, int seed) {
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 37 + seed * 11) % 256) / 255f;
        }
        return Image.of(w, h, v);
    }

    static float[] expected(Image im) {
        float[] f = new float[6];
        for (int c = 0; c < 3; c++) {
            float[] ch = im.channel(c);
            double sum = 0;
            float max = 0;
            for (float x : ch) {
                sum += x;
                max = Math.max(max, x);
            }
            f[c] = (float) (sum / ch.length);
            f[3 + c] = max;
        }
        return f;
    }

    @Test
    void givesTheGraphsFeaturesPerImageInOneBatch() throws Exception {
        try (OnnxFeatureExtractor extractor = OnnxFeatureExtractor.load(poolingModel("h", "w"))) {
            Image a = image(9, 7, 1);
            Image b = image(9, 7, 2);
            List<float[]> got = extractor.features(List.of(a, b));
            assertArrayEquals(expected(a), got.get(0), 1e-6f);
            assertArrayEquals(expected(b), got.get(1), 1e-6f);
            // Images of different sizes go one at a time.
            assertArrayEquals(expected(image(4, 5, 3)), extractor.features(List.of(a, image(4, 5, 3))).get(1), 1e-6f);
            assertTrue(extractor.name().contains("sha256 " + extractor.sha256()));
            double d = new FeatureWassersteinDistance(extractor).distance(a, b);
            double[] fa = new double[6];
            double[] fb = new double[6];
            for (int i = 0; i < 6; i++) {
                fa[i] = expected(a)[i];
                fb[i] = expected(b)[i];
            }
            assertEquals(Wasserstein.w1(fa, fb), d, 1e-6);
        }
    }

    @Test
    void resizesToAFixedInputSize() throws Exception {
        try (OnnxFeatureExtractor extractor = OnnxFeatureExtractor.load(poolingModel(8L, 8L))) {
            Image big = image(16, 16, 4);
            assertArrayEquals(expected(big.resized(8, 8)), extractor.features(List.of(big)).get(0), 1e-6f);
        }
    }

    @Test
    void refusesWhatIsNoFeatureModelInOneLine() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.onnx"), "not a model");
        UserInputException damaged = assertThrows(UserInputException.class, () -> OnnxFeatureExtractor.load(text));
        assertTrue(damaged.getMessage().contains("cannot be loaded by ONNX Runtime"), damaged.getMessage());
        UserInputException missing = assertThrows(UserInputException.class,
                () -> OnnxFeatureExtractor.load(temp.resolve("none.onnx")));
        assertTrue(missing.getMessage().endsWith("does not exist: featureModel names the .onnx file of an image model"),
                missing.getMessage());
        Path lm = OnnxWriter.toyLanguageModel(5, 2, 5, 1).write(temp.resolve("lm.onnx"));
        UserInputException wrong = assertThrows(UserInputException.class, () -> OnnxFeatureExtractor.load(lm));
        assertTrue(wrong.getMessage().contains("but a feature model takes float32 [batch, 3, H, W]"), wrong.getMessage());
        for (UserInputException e : List.of(damaged, missing, wrong)) {
            assertEquals(1, e.getMessage().lines().count());
        }
    }
}
