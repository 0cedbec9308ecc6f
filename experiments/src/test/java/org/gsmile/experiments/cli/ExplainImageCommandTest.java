package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gsmile.core.explain.Artifact;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.image.Image;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.experiments.cli.ExplainCommandTest.Result;
import org.gsmile.models.testing.TinyEditor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** gsmile explain-image on the shared tinyeditor: what it prints and writes, and every input mistake in one line. */
class ExplainImageCommandTest {
    static final String RAIN = "Remove the rain from the image.";

    @TempDir
    static Path temp;

    static Path rainy;

    @BeforeAll
    static void files() throws Exception {
        rainy = TinyEditor.folder().resolve("scenes/scene03_rainy_day_sharp.png");
        Files.writeString(temp.resolve("notes.png"), "not an image\n");
        Files.write(temp.resolve("truncated.png"), java.util.Arrays.copyOf(Files.readAllBytes(rainy), 40));
        TinyEditor.scene("scene03_rainy_day_sharp.png").resized(32, 48).writePng(temp.resolve("small.png"));
        Files.createDirectories(temp.resolve("folder"));
        Files.writeString(temp.resolve("a-file"), "x");
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GSMILE_MODELS", TinyEditor.folder().getParent().toString());
        return env;
    }

    @Test
    void explainsTheRainInstructionAndWritesTheTellingImages() throws Exception {
        Path out = temp.resolve("out");
        Result r = gsmile(env(), "explain-image", "--image", rainy.toString(), "--out", out.toString(), RAIN);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Image: " + rainy + " (64x64 image, mean RGB "), r.out());
        assertTrue(r.out().contains("Prompt: " + RAIN + "\nOutput: 64x64 image, mean RGB "), r.out());
        assertTrue(r.out().contains("output distance: channel-wasserstein"), r.out());
        assertTrue(r.out().matches("(?s).*\n   1  #1  Remove .*\n   2  #3  rain .*"), r.out());
        assertTrue(r.out().contains("without-top-unit.png  without-top-unit, shift "), r.out());
        for (String f : List.of("input.png", "edited.png", "without-top-unit.png", "top-k-only.png", "largest-shift.png")) {
            Image im = Image.read(out.resolve(f), Image.DEFAULT_MAX_PIXELS);
            assertEquals(64, im.width(), f);
        }
        assertEquals(TinyEditor.scene("scene03_rainy_day_sharp.png"), Image.read(out.resolve("input.png"), 1 << 20));
    }

    @Test
    void jsonRecordsTheFilesAndReadsBackEqual() {
        Path out = temp.resolve("json");
        Result r = gsmile(env(), "explain-image", "--image", rainy.toString(), "--out", out.toString(), "--format",
                "json", "--preset", "thesis", "--distance", "ssim", "--samples", "24", RAIN);
        assertEquals(0, r.exit(), r.err());
        Explanation e = ExplanationJson.read(r.out());
        assertEquals(e, ExplanationJson.read(ExplanationJson.write(e)));
        assertEquals("ssim", e.provenance().spec().distance().label());
        assertEquals(List.of("input", "output", "without-top-unit", "top-k-only", "largest-shift"),
                e.artifacts().stream().map(Artifact::role).toList());
        Artifact edited = e.artifacts().get(1);
        assertEquals(out.resolve("edited.png").toString(), edited.file());
        assertEquals(Image.read(Path.of(edited.file()), 1 << 20).sha256(), edited.sha256());
        assertTrue(e.output().endsWith(edited.sha256().substring(0, 16)), e.output());
        assertEquals(TinyEditor.scene("scene03_rainy_day_sharp.png").sha256(),
                e.provenance().modelSettings().get("inputImage"));
    }

    @Test
    void resizeScalesAnImageOfAnotherSize() {
        Result r = gsmile(env(), "explain-image", "--image", temp.resolve("small.png").toString(), "--resize",
                "--samples", "16", RAIN);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Image: " + temp.resolve("small.png") + " (32x48 image"), r.out());
        assertTrue(r.out().contains("resized to 64x64"), r.out());
    }

    record Mistake(List<String> args, String expected) {
        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    static Mistake row(String expected, String... args) {
        List<String> all = new ArrayList<>(List.of("explain-image"));
        all.addAll(List.of(args));
        return new Mistake(all, expected);
    }

    static Stream<Mistake> mistakes() {
        String image = "{rainy}";
        return Stream.of(
                row("{tmp}/notes.png is not an image file that can be read (PNG, JPEG, BMP or GIF): give a PNG image",
                        "--image", "{tmp}/notes.png", RAIN),
                row("{tmp}/truncated.png is damaged or not an image", "--image", "{tmp}/truncated.png", RAIN),
                row("{tmp}/none.png does not exist: give the path of an image file (PNG)", "--image", "{tmp}/none.png",
                        RAIN),
                row("{tmp}/folder is a folder: give an image file (PNG)", "--image", "{tmp}/folder", RAIN),
                row("the input image is 32x48 but onnx-editor:tinyeditor edits only 64x64 images: give an image of that"
                        + " size, or set --resize to scale it", "--image", "{tmp}/small.png", RAIN),
                row(image + " is 64x64 = 4096 pixels, over the limit of 1000: give a smaller image, or raise"
                        + " --max-pixels", "--image", image, "--max-pixels", "1000", RAIN),
                row("--max-pixels must be at least 1, got 0", "--image", image, "--max-pixels", "0", RAIN),
                row("onnx-editor:tinyeditor edits an image: give it with --image IN.png", RAIN),
                row("--max-new-tokens has no effect with explain-image: it configures text outputs; leave"
                        + " --max-new-tokens out", "--image", image, "--max-new-tokens", "8", RAIN),
                row("--timeout has no effect with --model onnx-editor:tinyeditor: it configures calls to a server",
                        "--image", image, "--timeout", "3", RAIN),
                row("--logprobs has no effect with explain-image", "--image", image, "--logprobs", "5", RAIN),
                row("--distance token-wasserstein compares text, and onnx-editor:tinyeditor returns images: choose"
                        + " --distance channel-wasserstein, sliced-wasserstein, ssim or feature-wasserstein",
                        "--image", image, "--distance", "token-wasserstein", RAIN),
                row("unknown --distance 'ssmi': did you mean ssim?", "--image", image, "--distance", "ssmi", RAIN),
                row("--distance feature-wasserstein compares the feature vectors of an image model: name its ONNX file"
                        + " with --feature-model", "--image", image, "--distance", "feature-wasserstein", RAIN),
                row("--feature-model has no effect with --distance ssim", "--image", image, "--distance", "ssim",
                        "--feature-model", "{tmp}/f.onnx", RAIN),
                row("{tmp}/f.onnx does not exist: --feature-model names the .onnx file of an image model", "--image",
                        image, "--distance", "feature-wasserstein", "--feature-model", "{tmp}/f.onnx", RAIN),
                row("'local:stories260K' is a text model, explained by gsmile explain", "--model", "local:stories260K",
                        "--image", image, RAIN),
                row("unknown image model reference 'tinyeditor': use onnx-editor:NAME", "--model", "tinyeditor",
                        "--image", image, RAIN),
                row("onnx-editor:nothere exists only in the shared models folder", "--model", "onnx-editor:nothere",
                        "--image", image, RAIN),
                row("--out {tmp}/a-file is a file: give a folder for the images", "--image", image, "--out",
                        "{tmp}/a-file", RAIN),
                row("units=tokens needs the model's tokenizer", "--image", image, "--units", "tokens", RAIN),
                row("the instruction \"" + "the ".repeat(25).strip() + "\" has 25 words but onnx-editor:tinyeditor"
                        + " reads at most 24: shorten it", "--image", image, "the ".repeat(25).strip()));
    }

    static String fill(String s) {
        return s.replace("{tmp}", temp.toString()).replace("{rainy}", rainy.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void everyMistakeIsOneLineAndExitCodeTwo(Mistake m) {
        Map<String, String> env = env();
        if (m.expected().contains("nothere")) {
            env.put("GSMILE_MODELS", temp.toString());
        }
        Result r = gsmile(env, m.args().stream().map(ExplainImageCommandTest::fill).toArray(String[]::new));
        assertEquals(2, r.exit(), "exit code\n" + r.err() + r.out());
        assertEquals("", r.out(), "nothing on stdout");
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "exactly one line:\n" + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "stack trace: " + err);
        String expected = fill(m.expected()).replace("units=tokens", "--units tokens");
        assertTrue(err.contains(expected), "expected\n  " + expected + "\nin\n  " + err);
        assertTrue(err.length() < 400, "a long line (" + err.length() + " characters): " + err);
    }
}
