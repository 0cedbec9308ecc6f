package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Artifact;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.image.Image;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Method;
import org.gsmile.core.spec.Preset;
import org.gsmile.models.testing.TinyEditor;
import org.junit.jupiter.api.Test;

/**
 * Image outputs go through the same factory and surrogate explainer as text: a text-to-image model
 * with known Shapley values, and the real tinyeditor bound to a rainy scene.
 */
class ImageExplanationTest {
    static final String RAIN = "Remove the rain from the image.";

    /**
     * A text-to-image model whose image is a flat colour: "red" adds 0.4 to the red channel, "blue"
     * 0.2 to the blue one, from a grey 0.3. Each channel's distribution moves by the sum of what the
     * removed words added, so channel-wasserstein is additive: Δ = (0.4·[red removed] + 0.2·[blue
     * removed]) / 3, whose Shapley values are −0.4/3 and −0.2/3, and 0 for every other word.
     */
    static final class ColourWords implements ImageGenerator {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ModelInfo info() {
            return new ModelInfo("colour-words", "", 1 << 10);
        }

        @Override
        public CompletableFuture<List<Image>> generateAsync(List<String> prompts) {
            List<Image> out = new ArrayList<>();
            for (String p : prompts) {
                calls.incrementAndGet();
                List<String> words = List.of(p.toLowerCase(Locale.ROOT).split("\\W+"));
                float[] v = new float[3 * 16];
                for (int i = 0; i < 16; i++) {
                    v[i] = 0.3f + (words.contains("red") ? 0.4f : 0f);
                    v[16 + i] = 0.3f;
                    v[32 + i] = 0.3f + (words.contains("blue") ? 0.2f : 0f);
                }
                out.add(Image.of(4, 4, v));
            }
            return CompletableFuture.completedFuture(out);
        }
    }

    @Test
    void aTextToImageModelGetsItsExactShapleyValues() {
        ColourWords model = new ColourWords();
        ExplanationRequest request = new ExplanationRequest("a red house with a blue door", 7);
        Explanation exact = Explainers.create(ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).build())
                .explain(request, model);
        assertEquals(DistanceKind.CHANNEL_WASSERSTEIN, exact.provenance().spec().distance(), "auto: the image distance");
        double[] phi = exact.attribution().scores();
        double[] expected = {0, -0.4 / 3, 0, 0, 0, -0.2 / 3, 0};
        for (int i = 0; i < phi.length; i++) {
            assertEquals(expected[i], phi[i], 1e-6, exact.units().get(i).text());
        }
        assertTrue(exact.warnings().stream().noneMatch(w -> w.code().label().equals("distance-chosen")));
        // The default surrogate on the same model ranks the two colour words first.
        Explanation e = Explainers.create(ExplanationSpec.defaults()).explain(request, model);
        int[] ranking = e.attribution().ranking();
        assertEquals("red", e.units().get(ranking[0]).text());
        assertEquals("blue", e.units().get(ranking[1]).text());
        assertTrue(e.output().startsWith("4x4 image, mean RGB 0.7000 0.3000 0.5000, sha256 "), e.output());
    }

    @Test
    void textDistancesAreRefusedForImagesAndImageDistancesForTextInOneLine() {
        ExplanationRequest request = new ExplanationRequest("a red house", 1);
        UserInputException text = assertThrows(UserInputException.class, () -> Explainers.create(
                ExplanationSpec.builder().distance(DistanceKind.TOKEN_WASSERSTEIN).build()).explain(request,
                new ColourWords()));
        assertEquals("distance=token-wasserstein compares text, and colour-words returns images: choose distance"
                + " channel-wasserstein, sliced-wasserstein, ssim or feature-wasserstein (or leave it out)",
                text.getMessage());
        UserInputException image = assertThrows(UserInputException.class, () -> Explainers.create(
                ExplanationSpec.builder().distance(DistanceKind.SSIM).build()).explain(request,
                org.gsmile.models.oracle.KeywordOracle.fromReference("oracle:keywords#red=1")));
        assertTrue(image.getMessage().startsWith("distance=ssim compares images, and oracle:"), image.getMessage());
    }

    @Test
    void tinyeditorExplainsTheRainInstructionThroughTheSameExplainer() {
        Image rainy = TinyEditor.scene("scene03_rainy_day_sharp.png");
        ImageGenerator bound = TinyEditor.editor().bind(rainy);
        ExplanationRequest request = new ExplanationRequest(RAIN, 42);
        Explanation e = Explainers.create(ExplanationSpec.defaults()).explain(request, bound);
        assertEquals(6, e.units().size());
        assertEquals(64, e.samples().size(), "the default budget of 64, anchors included");
        Image edited = TinyEditor.editor().editAsync(rainy, List.of(RAIN)).join().get(0);
        assertEquals(edited.describe(), e.output());
        assertEquals(rainy.sha256(), e.provenance().modelSettings().get("inputImage"));
        assertEquals(TinyEditor.REFERENCE, e.provenance().modelId());
        assertEquals(DistanceKind.CHANNEL_WASSERSTEIN, e.provenance().spec().distance());
        assertEquals(1, e.calls().preparation());
        // The original and each distinct perturbation once: the full prompt is the original, and dropping either
        // "the" alone gives the same instruction.
        assertEquals(65, e.calls().requested());
        java.util.Set<String> prompts = new java.util.HashSet<>(List.of(RAIN));
        e.samples().forEach(x -> prompts.add(x.prompt()));
        assertEquals(prompts.size(), e.calls().unique());
        for (Sample s : e.samples()) {
            assertTrue(s.output().matches("64x64 image, mean RGB .*"), s.output());
        }
        // "Remove" and "rain" carry the edit: they rank first.
        int[] ranking = e.attribution().ranking();
        List<String> top2 = List.of(e.units().get(ranking[0]).text(), e.units().get(ranking[1]).text());
        assertTrue(top2.contains("Remove") && top2.contains("rain"), top2.toString());

        Explanation shown = e.withArtifacts(List.of(new Artifact("input", "input.png", "", "", Double.NaN,
                rainy.sha256()), new Artifact("output", "edited.png", "111111", RAIN, 0.0, edited.sha256())));
        assertEquals(shown, ExplanationJson.read(ExplanationJson.write(shown)));
        assertEquals(e, ExplanationJson.read(ExplanationJson.write(e)));
        assertTrue(!ExplanationJson.write(e).contains("\"files\""), "no files key where none were written");
    }

    @Test
    void outputShiftsAndTellingPerturbationsMeasureAsTheExplanationDid() {
        Image rainy = TinyEditor.scene("scene03_rainy_day_sharp.png");
        ImageGenerator bound = TinyEditor.editor().bind(rainy);
        ExplanationSpec spec = ExplanationSpec.builder().preset(Preset.THESIS).distance(DistanceKind.SSIM).build();
        Explanation e = Explainers.create(spec).explain(new ExplanationRequest(RAIN, 3), bound);
        OutputShifts shifts = OutputShifts.of(e, bound);
        Sample s = e.samples().get(5);
        assertEquals(s.outputDistance(), shifts.shift(s.mask()), 0.0);
        assertEquals(1, shifts.calls(), "only the re-generated y0");
        TellingPerturbations.Result telling = TellingPerturbations.of(e, bound);
        assertEquals("output", telling.shown().get(0).role());
        assertEquals(e.output(), telling.shown().get(0).image().describe());
        TellingPerturbations.Shown without = telling.shown().get(1);
        assertEquals("without-top-unit", without.role());
        assertEquals(5, without.mask().keptCount());
        // Measured afresh where the explanation never drew that mask: the same distance as a fresh shift.
        assertEquals(OutputShifts.of(e, bound).shift(without.mask()), without.outputDistance(), 1e-12);
        assertTrue(telling.calls() >= 3 && telling.calls() <= 4, "distinct prompts shown: " + telling.calls());
        assertNotEquals(telling.shown().get(0).image(), without.image());
    }

    @Test
    void anObservationStoreAnswersARepeatedImageExplanationWithoutTheModel() {
        Image rainy = TinyEditor.scene("scene03_rainy_day_sharp.png");
        MemoryObservationStore store = new MemoryObservationStore();
        ExplanationSpec spec = ExplanationSpec.builder().samples(16).build();
        ExplanationRequest request = new ExplanationRequest(RAIN, 5);
        Explanation first = Explainers.create(spec, store).explain(request, TinyEditor.editor().bind(rainy));
        Explanation again = Explainers.create(spec, store).explain(request, TinyEditor.editor().bind(rainy));
        assertEquals(0, again.calls().preparation());
        assertEquals(again.calls().unique(), again.calls().diskCacheHits());
        assertEquals(first.attribution(), again.attribution());
        // Another input image is another model to the store: nothing is answered from the first one's.
        Image snowy = TinyEditor.scene("scene06_snowy_day_sharp.png");
        Explanation other = Explainers.create(spec, store).explain(request, TinyEditor.editor().bind(snowy));
        assertEquals(0, other.calls().diskCacheHits());
        Mask full = Mask.allKept(6);
        assertEquals(full.size(), other.units().size());
    }
}
