package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.assertUserError;
import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.image.Image;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.experiments.cli.ExplainCommandTest.Result;
import org.gsmile.models.http.FakeImageApis;
import org.gsmile.models.http.FakeModelServer;
import org.gsmile.models.http.FakeModelServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gsmile explain-image against real HTTP servers on loopback that speak the image APIs, with
 * stand-in models whose pictures depend on known words (see {@link FakeImageApis}): the editor
 * darkens the image when the instruction says "night" and tints it faintly red for "look".
 */
class HttpImageExplainTest {
    static final String KEY = "sk-gsmile-FAKE-cli-3e8a61f0b27d94c5";
    static final String NIGHT = "Make the street look like night";

    @TempDir
    Path temp;

    private FakeModelServer server;
    private Path scene;

    @BeforeEach
    void scene() {
        float[] p = new float[3 * 32 * 32];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i * 11 % 200 + 40) / 255f;
        }
        scene = temp.resolve("street.png");
        Image.of(32, 32, p).writePng(scene);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** explain-image with a private cache, retries fast enough for a test and JSON out. */
    Result explain(Map<String, String> env, String model, String... more) {
        List<String> args = new ArrayList<>(List.of("explain-image", "--model", model, "--format", "json", "--cache",
                temp.resolve("cache").toString(), "--retry-delay-ms", "5", "--timeout", "5"));
        args.addAll(List.of(more));
        return gsmile(env, args.toArray(String[]::new));
    }

    static String top(Explanation e) {
        return e.units().get(e.attribution().ranking()[0]).text();
    }

    @Test
    void theExplanationRanksTheWordThatDarkensTheEditFirstAndARepeatMakesNoCalls() throws IOException {
        server = new FakeModelServer(FakeImageApis::answer);
        String editor = "http-editor:" + server.base() + "/edit";
        Result r = explain(Map.of(), editor, "--image", scene.toString(), NIGHT);
        assertEquals(0, r.exit(), r.err());
        Explanation e = ExplanationJson.read(r.out());
        assertEquals("night", top(e));
        assertEquals("look", e.units().get(e.attribution().ranking()[1]).text());
        assertEquals(editor, e.provenance().modelId());
        assertEquals(Image.read(scene, 1 << 20).sha256(), e.provenance().modelSettings().get("inputImage"));
        assertEquals(e.calls().unique(), server.requests(), "each distinct instruction is one request");
        assertEquals(0, e.calls().failed());
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());

        int before = server.requests();
        Result again = explain(Map.of(), editor, "--image", scene.toString(), NIGHT);
        assertEquals(0, again.exit(), again.err());
        assertEquals(before, server.requests(), "the repeat reached the server");
        Explanation e2 = ExplanationJson.read(again.out());
        assertEquals(e2.calls().unique(), e2.calls().diskCacheHits());
        assertEquals("night", top(e2));
    }

    @Test
    void aGeneratorTakesThePromptAloneAndTheTextOutputNamesIt() throws IOException {
        server = new FakeModelServer(FakeImageApis::answer);
        String generator = "a1111-generator:" + server.base() + "?size=24x24&steps=4";
        Result r = gsmile(Map.of(), "explain-image", "--model", generator, "--cache", "none", "--samples", "16",
                "--out", temp.resolve("out").toString(), "a red car under the sun at night");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Prompt: a red car under the sun at night\nOutput: 24x24 image"), r.out());
        assertTrue(r.out().contains("  generated.png "), r.out());
        assertEquals(24, Image.read(temp.resolve("out/generated.png"), 1 << 20).width());
        assertTrue(server.calls.stream().allMatch(c -> c.path().equals("/sdapi/v1/txt2img")
                && c.body().get("seed").asLong() == 42), "every call with the fixed seed");

        Result withImage = gsmile(Map.of(), "explain-image", "--model", generator, "--image", scene.toString(), "x");
        assertUserError(withImage);
        assertTrue(withImage.err().contains("makes an image from the prompt alone: leave --image out"), withImage.err());
    }

    @Test
    void aPromptWhoseCallsKeepFailingIsLeftOutOfTheFit() throws IOException {
        // Without "night" and "look" the server keeps failing one instruction; the others are answered.
        server = new FakeModelServer(call -> call.prompt().equals("Make the street like")
                ? Reply.status(500, "{\"error\": {\"message\": \"CUDA out of memory\"}}", Map.of())
                : FakeImageApis.answer(call));
        Result r = explain(Map.of(), "http-editor:" + server.base() + "/edit", "--image", scene.toString(),
                "--max-retries", "1", NIGHT);
        assertEquals(0, r.exit(), r.err());
        Explanation e = ExplanationJson.read(r.out());
        assertEquals(1, e.calls().failed());
        assertEquals("night", top(e));
        assertTrue(e.samples().stream().noneMatch(s -> s.prompt().equals("Make the street like")));
    }

    @Test
    void aServerThatRefusesTheEmptyInstructionCostsTheAnchorNotTheExplanation() throws IOException {
        // OpenAI's images API answers an empty prompt with 400; the Shapley kernel's empty anchor is one.
        server = new FakeModelServer(call -> call.prompt().isEmpty()
                ? Reply.status(400, "{\"error\": {\"message\": \"prompt is required\"}}", Map.of())
                : FakeImageApis.answer(call));
        Result r = explain(Map.of(), "openai-editor:" + server.base() + "/v1#dall-e-2", "--image", scene.toString(), NIGHT);
        assertEquals(0, r.exit(), r.err());
        Explanation e = ExplanationJson.read(r.out());
        assertEquals("night", top(e));
        assertEquals(1, e.calls().failed());
        assertTrue(e.warnings().stream().anyMatch(w -> w.code().name().equals("ANCHOR_REJECTED")
                && w.message().contains("prompt is required")), e.warnings().toString());
    }

    @Test
    void aServerThatFailsWhileTheImagesForOutAreDrawnIsOneLine() throws IOException {
        // The instruction without its top word is answered during the explanation, then no more.
        server = new FakeModelServer(call -> call.prompt().equals("Make the street look like") && call.attempt() > 0
                ? Reply.status(503, "overloaded", Map.of()) : FakeImageApis.answer(call));
        Result r = gsmile(Map.of(), "explain-image", "--model", "http-editor:" + server.base() + "/edit", "--cache",
                "none", "--max-retries", "0", "--image", scene.toString(), "--out", temp.resolve("out").toString(),
                NIGHT);
        assertUserError(r);
        assertTrue(r.err().contains("the images for --out could not be drawn: ") && r.err().contains("HTTP 503")
                && r.err().contains("run again, or leave --out out"), r.err());
    }

    @Test
    void theKeyGoesInTheHeaderAndARejectedOneIsOneLineNamingTheVariable() throws IOException {
        server = new FakeModelServer(call -> "Bearer good".equals(call.authorization()) ? FakeImageApis.answer(call)
                : Reply.status(401, "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + "\"}}",
                Map.of()));
        String editor = "openai-editor:" + server.base() + "/v1#gpt-image-1";
        Result r = explain(Map.of("OPENAI_API_KEY", KEY), editor, "--image", scene.toString(), NIGHT);
        assertUserError(r);
        assertTrue(r.err().contains("answered 401 (unauthorized, the key was rejected): set OPENAI_API_KEY to a valid"
                + " API key"), r.err());
        assertFalse(r.err().contains(KEY) || r.out().contains(KEY), r.err());

        Result ok = explain(Map.of("MY_KEY", "good"), editor, "--api-key-env", "MY_KEY", "--samples", "16", "--image",
                scene.toString(), NIGHT);
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("Bearer good", server.calls.get(server.calls.size() - 1).authorization());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http-editor: | 'http-editor:' names no server: write the URL of the edit endpoint",
            "openai-editor:http://127.0.0.1:9/v1 | names no model: write it after '#'",
            "a1111-editor:?seed=-1 | asks for a random seed",
            "a1111-editor:?steps=0 | must be from 1 to 150, got 0",
            "a1111-generator:?denoising=0.5 | unknown setting 'denoising'",
            "http-editor:http://user:pw-s3cr3t@127.0.0.1:9/edit | holds credentials, which gsmile never sends",
            "http://127.0.0.1:9/edit | write http-editor:http://127.0.0.1:9/edit"})
    void badReferencesAreOneLineAndExitCodeTwo(String reference, String says) {
        Result r = gsmile(Map.of(), "explain-image", "--model", reference, "--image", scene.toString(), NIGHT);
        assertUserError(r);
        assertTrue(r.err().contains(says), r.err());
        assertFalse(r.err().contains("s3cr3t"), r.err());
    }

    @Test
    void clientSettingsAreCheckedAndRefusedWhereNoServerReadsThem() {
        Result r = gsmile(Map.of(), "explain-image", "--model", "http-editor:http://127.0.0.1:9/edit", "--api-key-env",
                "EDITOR_KEY", "--image", scene.toString(), NIGHT);
        assertUserError(r);
        assertTrue(r.err().contains("--api-key-env names EDITOR_KEY, which is not set: set EDITOR_KEY to your API key"),
                r.err());

        r = gsmile(Map.of(), "explain-image", "--model", "http-editor:http://127.0.0.1:9/edit", "--concurrency", "0",
                "--image", scene.toString(), NIGHT);
        assertUserError(r);
        assertTrue(r.err().contains("--concurrency must be between 1 and 256, got 0"), r.err());

        r = gsmile(Map.of(), "explain-image", "--cache", "none", "--image", scene.toString(), NIGHT);
        assertUserError(r);
        assertTrue(r.err().contains("--cache has no effect with --model onnx-editor:tinyeditor: it configures calls to"
                + " a server"), r.err());

        r = gsmile(Map.of(), "explain-image", "--model", "http-editor:http://127.0.0.1:9/edit", "--logprobs", "5",
                "--image", scene.toString(), NIGHT);
        assertUserError(r);
        assertTrue(r.err().contains("--logprobs has no effect with explain-image"), r.err());
    }

    @Test
    void anUnreachableServerIsOneLineNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result r = gsmile(Map.of(), "explain-image", "--model", "a1111-editor:http://127.0.0.1:" + port, "--cache",
                "none", "--image", scene.toString(), NIGHT);
        assertUserError(r);
        assertTrue(r.err().contains("cannot reach http://127.0.0.1:" + port + "/sdapi/v1/img2img"), r.err());
    }
}
