package org.gsmile.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.model.ImageSize;
import org.gsmile.models.testing.TinyEditor;
import org.junit.jupiter.api.Test;

/**
 * The shared tinyeditor through DJL's ONNX Runtime reproduces the outputs its references.json
 * publishes (PROVENANCE.md: ONNX Runtime 1.21 in Java agrees to 4e-7; the JSON rounds to 6 decimals),
 * tokenises as config.json says, and gives a row the same edit whatever batch it is in.
 */
class TinyEditorTest {
    static final double TOL = 1e-6;

    @Test
    void reproducesThePublishedReferenceOutputs() {
        OnnxImageEditor editor = TinyEditor.editor();
        JsonNode references = TinyEditor.json("references.json");
        assertEquals(6, references.size());
        for (JsonNode r : references) {
            String instruction = r.path("instruction").asText();
            Image input = Image.read(TinyEditor.folder().resolve(r.path("scene").asText()), Image.DEFAULT_MAX_PIXELS);
            long[] ids = new long[r.path("input_ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.path("input_ids").get(i).asLong();
            }
            assertArrayEquals(ids, editor.encode(instruction), instruction);
            Image out = editor.editAsync(input, List.of(instruction)).join().get(0);
            double[] mean = out.meanRgb();
            for (int c = 0; c < 3; c++) {
                assertEquals(r.path("mean_rgb").get(c).asDouble(), mean[c], TOL, instruction + " mean " + c);
                // pixel_Y_X: row Y, column X.
                assertEquals(r.path("pixel_0_0").get(c).asDouble(), out.get(c, 0, 0), TOL, instruction);
                assertEquals(r.path("pixel_40_31").get(c).asDouble(), out.get(c, 31, 40), TOL, instruction);
            }
            double l1 = 0;
            float[] a = out.planes();
            float[] b = input.planes();
            for (int i = 0; i < a.length; i++) {
                l1 += Math.abs(a[i] - b[i]);
            }
            assertEquals(r.path("l1_to_input").asDouble(), l1 / a.length, TOL, instruction + " l1");
        }
    }

    @Test
    void aRowsEditDoesNotDependOnItsBatch() {
        Image rainy = TinyEditor.scene("scene03_rainy_day_sharp.png");
        List<String> instructions = List.of("Remove the rain from the image.", "Make it dusk", "",
                "Change the weather to foggy and make it night", "rain", "the", "Turn the day into night",
                "Please make the road snowy at sunset", "Add some noise to the image", "remove");
        List<Image> batched = TinyEditor.editor().editAsync(rainy, instructions).join();
        try (OnnxImageEditor single = OnnxImageEditor.resolve(TinyEditor.REFERENCE + "?batch=1",
                TinyEditor.folder().getParent())) {
            List<Image> alone = new ArrayList<>();
            for (String i : instructions) {
                alone.add(single.editAsync(rainy, List.of(i)).join().get(0));
            }
            for (int k = 0; k < instructions.size(); k++) {
                float[] x = batched.get(k).planes();
                float[] y = alone.get(k).planes();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-5, instructions.get(k));
                }
            }
        }
    }

    @Test
    void tokenisesLetterRunsLowerCasedWithUnknownWordsAndTheEmptyInstruction() {
        OnnxImageEditor editor = TinyEditor.editor();
        // "image." is the word image; digits and punctuation separate words; "zebra" is not in the vocabulary.
        assertArrayEquals(new long[] {79, 96, 76, 41, 96, 48}, editor.encode("Remove the RAIN from the image."));
        assertArrayEquals(new long[] {79, 1, 76}, editor.encode("remove zebra3rain"));
        assertArrayEquals(new long[] {1}, editor.encode("  ... 42 "));
        assertEquals(List.of(new ImageSize(64, 64)), editor.inputSizes());
        UserInputException tooLong = assertThrows(UserInputException.class,
                () -> editor.encode("the ".repeat(25)));
        assertTrue(tooLong.getMessage().contains("has 25 words but onnx-editor:tinyeditor reads at most 24"),
                tooLong.getMessage());
    }

    @Test
    void boundToItsInputItIsAGeneratorThatNamesTheImageInItsSettings() {
        Image rainy = TinyEditor.scene("scene03_rainy_day_sharp.png");
        ImageGenerator bound = TinyEditor.editor().bind(rainy);
        assertEquals(rainy.sha256(), bound.settings().get("inputImage"));
        assertEquals(TinyEditor.REFERENCE, bound.info().id());
        assertEquals(TinyEditor.editor().editAsync(rainy, List.of("Make it dusk")).join(),
                bound.generateAsync(List.of("Make it dusk")).join());
        UserInputException wrongSize = assertThrows(UserInputException.class,
                () -> TinyEditor.editor().bind(rainy.resized(32, 48)));
        assertEquals("the input image is 32x48 but onnx-editor:tinyeditor edits only 64x64 images: give an image of"
                + " that size, or set resize to scale it", wrongSize.getMessage());
    }
}
