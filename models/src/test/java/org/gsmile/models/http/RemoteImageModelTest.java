package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.model.ImageEditor;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.model.ImageSize;
import org.gsmile.models.http.FakeModelServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The five image endpoints against a real HTTP server on loopback. */
class RemoteImageModelTest {
    static final String KEY = "sk-gsmile-FAKE-img-9c2e7b41d05a3f68";
    /** An input whose values are exact 8-bit levels, so that its PNG holds it exactly. */
    static final Image INPUT = gradient(24, 16);

    /** The endpoints, each as a reference on a server's base URL. */
    enum Endpoint {
        GENERIC(true, "/edit", base -> "http-editor:" + base + "/edit"),
        OPENAI_EDITS(true, "/v1/images/edits", base -> "openai-editor:" + base + "/v1#dall-e-2"),
        OPENAI_GENERATIONS(false, "/v1/images/generations",
                base -> "openai-generator:" + base + "/v1#dall-e-3?size=32x24"),
        A1111_IMG2IMG(true, "/sdapi/v1/img2img", base -> "a1111-editor:" + base + "?steps=5&seed=7&denoising=0.5"),
        A1111_TXT2IMG(false, "/sdapi/v1/txt2img", base -> "a1111-generator:" + base + "?size=40x32&steps=5&seed=7");

        final boolean editor;
        final String path;
        final Function<String, String> reference;

        Endpoint(boolean editor, String path, Function<String, String> reference) {
            this.editor = editor;
            this.path = path;
            this.reference = reference;
        }

        ImageSize size() {
            return switch (this) {
                case OPENAI_GENERATIONS -> new ImageSize(32, 24);
                case A1111_TXT2IMG -> new ImageSize(40, 32);
                default -> new ImageSize(INPUT.width(), INPUT.height());
            };
        }

        /** What the stand-in model answers to the prompt. */
        Image expected(String prompt) {
            return editor ? FakeImageApis.edit(INPUT, prompt) : FakeImageApis.draw(size(), prompt);
        }

        /** A successful answer of this endpoint that carries {@code value} where the image belongs. */
        String answerWith(String value) {
            String v = value == null ? "null" : "\"" + value + "\"";
            return switch (this) {
                case GENERIC -> "{\"image\": " + v + "}";
                case OPENAI_EDITS, OPENAI_GENERATIONS -> "{\"created\": 1, \"data\": [{\"b64_json\": " + v + "}]}";
                case A1111_IMG2IMG, A1111_TXT2IMG -> "{\"images\": [" + v + "], \"parameters\": {}, \"info\": \"{}\"}";
            };
        }
    }

    @TempDir
    Path temp;

    private FakeModelServer server;
    private final List<BlackBoxModel> opened = new ArrayList<>();

    @AfterEach
    void stop() {
        opened.forEach(BlackBoxModel::close);
        if (server != null) {
            server.close();
        }
    }

    static Image gradient(int w, int h) {
        float[] p = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            p[i] = (i * 7 % 256) / 255f;
            p[w * h + i] = (i * 3 % 256) / 255f;
            p[2 * w * h + i] = (255 - i % 256) / 255f;
        }
        return Image.of(w, h, p);
    }

    /** Short timeouts and backoffs keep the suite fast; the policy is the same as in production. */
    static RemoteOptions options(Map<String, String> env, String apiKeyEnv, Path cache, int concurrency, int maxRetries) {
        return new RemoteOptions(env, apiKeyEnv, 0, cache, concurrency,
                new RetryPolicy(maxRetries, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofSeconds(2), 42),
                Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    BlackBoxModel open(Endpoint e, RemoteOptions options) {
        BlackBoxModel m = RemoteImageModels.open(e.reference.apply(server.base()), options);
        opened.add(m);
        assertEquals(e.editor, m instanceof ImageEditor, m.getClass().getName());
        assertEquals(!e.editor, m instanceof ImageGenerator, m.getClass().getName());
        return m;
    }

    static CompletableFuture<List<Image>> ask(BlackBoxModel m, List<String> prompts) {
        return m instanceof ImageEditor editor ? editor.editAsync(INPUT, prompts)
                : ((ImageGenerator) m).generateAsync(prompts);
    }

    static List<Image> images(BlackBoxModel m, List<String> prompts) {
        return Futures.join(ask(m, prompts));
    }

    static RemoteCallStats stats(BlackBoxModel m) {
        return ((RemoteImageModel) m).stats();
    }

    /** The failure of one call, unwrapped; a failed call of a batch is an {@link ImageCallsFailedException}. */
    static CallFailedException failure(BlackBoxModel m, String prompt) {
        CompletionException e = assertThrows(CompletionException.class, () -> ask(m, List.of(prompt)).join());
        return assertInstanceOf(ImageCallsFailedException.class, e.getCause());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void everyEndpointAnswersWithTheStandInsImage(Endpoint e) throws IOException {
        server = new FakeModelServer(FakeImageApis::answer);
        BlackBoxModel m = open(e, options(Map.of(), null, null, 2, 0));
        List<String> prompts = List.of("Make it look like night", "Add rain", "Keep it");
        List<Image> got = images(m, prompts);
        for (int i = 0; i < prompts.size(); i++) {
            assertEquals(e.expected(prompts.get(i)), got.get(i), prompts.get(i));
        }
        assertEquals(3, server.requests());
        assertTrue(server.calls.stream().allMatch(c -> c.path().equals(e.path)), server.calls.toString());
        assertNull(server.calls.get(0).authorization(), "no key in the environment: no header");
        assertEquals(new RemoteCallStats(3, 0, 0, 0), stats(m));
    }

    /** The request the endpoint's client sends for one prompt, as the stand-in server received it. */
    FakeModelServer.Call request(Endpoint e, Map<String, String> env, String prompt) throws IOException {
        server = new FakeModelServer(FakeImageApis::answer);
        images(open(e, options(env, null, null, 1, 0)), List.of(prompt));
        return server.calls.get(0);
    }

    @Test
    void theGenericEndpointTakesTheImageAndInstructionAsJson() throws IOException {
        FakeModelServer.Call call = request(Endpoint.GENERIC, Map.of(), "Remove the rain");
        assertEquals("application/json", call.contentType());
        assertEquals(List.of("image", "instruction"), fieldNames(call.body()));
        assertEquals(INPUT, FakeImageApis.image(call.body().get("image").asText()));
        assertEquals("Remove the rain", call.body().get("instruction").asText());
    }

    @Test
    void openAiEditsIsAMultipartFormWithThePngAsAFile() throws IOException {
        FakeModelServer.Call call = request(Endpoint.OPENAI_EDITS, Map.of("OPENAI_API_KEY", KEY), "Make it night");
        assertTrue(call.contentType().startsWith("multipart/form-data; boundary="), call.contentType());
        JsonNode form = call.body();
        assertEquals(List.of("image", "prompt", "model", "size", "response_format"), fieldNames(form));
        assertEquals("image.png", form.at("/image/filename").asText());
        assertEquals("image/png", form.at("/image/contentType").asText());
        assertEquals(INPUT, FakeImageApis.image(form.at("/image/base64").asText()));
        assertEquals("Make it night", form.get("prompt").asText());
        assertEquals("dall-e-2", form.get("model").asText());
        assertEquals("24x16", form.get("size").asText());
        assertEquals("b64_json", form.get("response_format").asText());
        assertEquals("Bearer " + KEY, call.authorization());
    }

    @Test
    void openAiGenerationsIsJsonAndTheGptImageFamilyIsNotAskedForAFormat() throws IOException {
        FakeModelServer.Call call = request(Endpoint.OPENAI_GENERATIONS, Map.of("OPENAI_API_KEY", KEY), "a red sun");
        assertEquals("application/json", call.contentType());
        assertEquals(List.of("model", "prompt", "size", "response_format"), fieldNames(call.body()));
        assertEquals("dall-e-3", call.body().get("model").asText());
        assertEquals("a red sun", call.body().get("prompt").asText());
        assertEquals("32x24", call.body().get("size").asText());
        assertEquals("b64_json", call.body().get("response_format").asText());
        assertEquals("Bearer " + KEY, call.authorization());

        // gpt-image models always answer in base64 and refuse response_format (HTTP 400 "Unknown parameter").
        opened.add(RemoteImageModels.open("openai-generator:" + server.base() + "/v1#gpt-image-1?size=32x24",
                options(Map.of(), null, null, 1, 0)));
        images(opened.get(1), List.of("a red sun"));
        assertFalse(server.calls.get(1).body().has("response_format"));
        opened.add(RemoteImageModels.open("openai-editor:" + server.base() + "/v1#gpt-image-1",
                options(Map.of(), null, null, 1, 0)));
        images(opened.get(2), List.of("night"));
        assertFalse(server.calls.get(2).body().has("response_format"));
    }

    @Test
    void a1111Img2imgSendsTheFixedSeedStepsAndDenoising() throws IOException {
        FakeModelServer.Call call = request(Endpoint.A1111_IMG2IMG, Map.of("OPENAI_API_KEY", KEY), "Make it night");
        JsonNode body = call.body();
        assertEquals(List.of("init_images", "prompt", "steps", "seed", "denoising_strength", "width", "height"),
                fieldNames(body));
        assertEquals(1, body.get("init_images").size());
        assertEquals(INPUT, FakeImageApis.image(body.at("/init_images/0").asText()));
        assertEquals("Make it night", body.get("prompt").asText());
        assertEquals(5, body.get("steps").asInt());
        assertEquals(7, body.get("seed").asLong());
        assertEquals(0.5, body.get("denoising_strength").asDouble());
        assertEquals(24, body.get("width").asInt());
        assertEquals(16, body.get("height").asInt());
        assertNull(call.authorization(), "OPENAI_API_KEY is openai-editor:'s, never sent to another server");
    }

    @Test
    void a1111Txt2imgDrawsAtTheSizeAskedForWithTheDefaultSeed() throws IOException {
        JsonNode body = request(Endpoint.A1111_TXT2IMG, Map.of(), "sun").body();
        assertEquals(List.of("prompt", "steps", "seed", "width", "height"), fieldNames(body));
        assertEquals(40, body.get("width").asInt());
        assertEquals(32, body.get("height").asInt());
        assertEquals(Map.of("size", "40x32", "steps", 5, "seed", 7L), opened.get(0).settings());

        opened.add(RemoteImageModels.open("a1111-generator:" + server.base(), options(Map.of(), null, null, 1, 0)));
        images(opened.get(1), List.of("sun"));
        body = server.calls.get(1).body();
        assertEquals(ImageReference.DEFAULT_SEED, body.get("seed").asLong());
        assertEquals(ImageReference.DEFAULT_STEPS, body.get("steps").asInt());
        assertEquals(512, body.get("width").asInt());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aRepeatedInputNeverReachesTheServerTwice(Endpoint e) throws IOException {
        server = new FakeModelServer(FakeImageApis::answer);
        Path cache = temp.resolve("responses");
        List<String> prompts = List.of("night", "rain", "Make it look like night");
        List<Image> first = images(open(e, options(Map.of(), null, cache, 2, 0)), prompts);
        assertEquals(3, server.requests());

        BlackBoxModel again = open(e, options(Map.of(), null, cache, 2, 0));
        assertEquals(first, images(again, prompts));
        assertEquals(3, server.requests(), "the repeat reached the server");
        assertEquals(new RemoteCallStats(0, 0, 3, 0), stats(again));
        if (e.editor) {
            // Another input image is another question.
            Futures.join(((ImageEditor) again).editAsync(gradient(24, 16).resized(12, 8), List.of("night")));
            assertEquals(4, server.requests());
        }
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(e.editor ? 4 : 3, files.filter(f -> f.toString().endsWith(".json")).count());
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void noMoreCallsInFlightThanTheConcurrency(Endpoint e) throws IOException {
        server = new FakeModelServer(call -> FakeImageApis.answer(call).after(30));
        BlackBoxModel m = open(e, options(Map.of(), null, null, 3, 0));
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            prompts.add("prompt " + i);
        }
        images(m, prompts);
        assertEquals(3, server.maxInFlight.get());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void rateLimitsAndOverloadsAreRetriedNoSoonerThanRetryAfter(Endpoint e) throws IOException {
        server = new FakeModelServer(call -> call.attempt() > 0 ? FakeImageApis.answer(call)
                : call.prompt().equals("limited") ? Reply.status(429, "{\"error\":{\"message\":\"Rate limit\"}}",
                Map.of("Retry-After", "1"))
                : Reply.status(503, "overloaded", Map.of("Retry-After", "1")));
        BlackBoxModel m = open(e, options(Map.of(), null, null, 2, 2));
        long t0 = System.nanoTime();
        List<Image> got = images(m, List.of("limited", "busy"));
        assertTrue((System.nanoTime() - t0) / 1e6 >= 1000, "retried sooner than the server asked");
        assertEquals(List.of(e.expected("limited"), e.expected("busy")), got);
        assertEquals(new RemoteCallStats(4, 2, 0, 0), stats(m));
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void theKeyIsSentAsABearerHeaderAndNeverShown(Endpoint e) throws IOException {
        // openai-* read OPENAI_API_KEY by default; the others send a key only when {apiKeyEnv} names one.
        boolean openAi = e.name().startsWith("OPENAI");
        Map<String, String> env = Map.of(openAi ? "OPENAI_API_KEY" : "EDITOR_KEY", KEY);
        String variable = openAi ? null : "EDITOR_KEY";
        server = new FakeModelServer(call -> switch (call.prompt()) {
            case "echo" -> Reply.status(400, "{\"error\":{\"message\":\"bad request from key " + KEY + "\"}}", Map.of());
            case "reject" -> Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}",
                    Map.of());
            default -> FakeImageApis.answer(call);
        });
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<String> shown = new ArrayList<>();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            BlackBoxModel m = open(e, options(env, variable, temp.resolve("c"), 1, 1));
            images(m, List.of("night"));
            assertEquals("Bearer " + KEY, server.calls.get(0).authorization());
            CallFailedException refused = failure(m, "echo");
            assertTrue(refused.getMessage().contains("bad request from key ***"), refused.getMessage());
            shown.add(refused.getMessage());
            UserInputException rejected = assertThrows(UserInputException.class, () -> images(m, List.of("reject")));
            assertTrue(rejected.getMessage().contains("set " + (openAi ? "OPENAI_API_KEY" : "EDITOR_KEY")
                    + " to a valid API key"), rejected.getMessage());
            shown.add(rejected.getMessage());
            shown.add(m.info().toString());
            shown.add(m.settings().toString());
            shown.add(m.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        shown.add(printed.toString(StandardCharsets.UTF_8));
        for (String s : shown) {
            assertFalse(s.contains(KEY), s);
        }
        try (Stream<Path> files = Files.walk(temp.resolve("c"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains(KEY), "key in " + f);
            }
        }
    }

    @Test
    void aKeyVariableThatIsNotSetIsAUserErrorBeforeAnyCall() throws IOException {
        server = new FakeModelServer(FakeImageApis::answer);
        UserInputException e = assertThrows(UserInputException.class,
                () -> open(Endpoint.GENERIC, options(Map.of(), "EDITOR_KEY", null, 1, 0)));
        assertEquals("{apiKeyEnv} names EDITOR_KEY, which is not set: set EDITOR_KEY to your API key", e.template());
        assertEquals(0, server.requests());
    }

    /** What a broken server sends instead of an image. */
    enum Malformed {
        NOT_JSON("not JSON"), NO_IMAGE("missing"), NOT_BASE64("is not base64"), NOT_A_PNG("is not a PNG but a JPEG"),
        WRONG_SIZE("is 8x8, not ");

        final String says;

        Malformed(String says) {
            this.says = says;
        }

        String body(Endpoint e) throws IOException {
            return switch (this) {
                case NOT_JSON -> "<html>502 from a proxy</html>";
                case NO_IMAGE -> e.answerWith(null);
                case NOT_BASE64 -> e.answerWith("@@not*base64@@");
                case NOT_A_PNG -> e.answerWith(Base64.getEncoder().encodeToString(jpeg()));
                case WRONG_SIZE -> e.answerWith(FakeImageApis.png64(gradient(8, 8)));
            };
        }
    }

    static byte[] jpeg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aMalformedAnswerFailsThatCallAloneAfterItsRetries(Endpoint e) throws IOException {
        Map<String, String> bodies = new HashMap<>();
        for (Malformed m : Malformed.values()) {
            bodies.put(m.name(), m.body(e));
        }
        server = new FakeModelServer(call -> bodies.containsKey(call.prompt()) ? Reply.ok(bodies.get(call.prompt()))
                : FakeImageApis.answer(call));
        BlackBoxModel model = open(e, options(Map.of(), null, temp.resolve("c"), 2, 1));
        for (Malformed m : Malformed.values()) {
            CallFailedException f = failure(model, m.name());
            assertTrue(f.getMessage().contains("malformed answer (") && f.getMessage().contains(m.says)
                    && f.getMessage().endsWith("still after 1 retry"), m + ": " + f.getMessage());
        }
        assertEquals(2 * Malformed.values().length, server.requests(), "each malformed answer is retried once");
        // A batch keeps what arrived: only the malformed prompt is lost, and nothing malformed was cached.
        ImageCallsFailedException partial = assertInstanceOf(ImageCallsFailedException.class, assertThrows(
                CompletionException.class, () -> ask(model, List.of("night", "WRONG_SIZE", "rain")).join()).getCause());
        assertEquals(e.expected("night"), partial.images().get(0));
        assertNull(partial.images().get(1));
        assertEquals(e.expected("rain"), partial.images().get(2));
        assertEquals(List.of(1), List.copyOf(partial.reasons().keySet()));
        assertTrue(partial.getMessage().startsWith("1 of 3 image calls failed; the first: "), partial.getMessage());
        try (Stream<Path> files = Files.walk(temp.resolve("c"))) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".json")).count());
        }
    }

    @Test
    void anOpenAiAnswerWithAUrlSaysTheFormatWasIgnored() throws IOException {
        server = new FakeModelServer(call -> Reply.ok("{\"data\": [{\"url\": \"https://example.com/x.png\"}]}"));
        CallFailedException f = failure(open(Endpoint.OPENAI_GENERATIONS, options(Map.of(), null, null, 1, 0)), "x");
        assertTrue(f.getMessage().contains("gives data[0].url, not data[0].b64_json"), f.getMessage());
    }

    @Test
    void anApiThatIsNotThereIsAUserErrorNamingTheFix() throws IOException {
        server = new FakeModelServer(FakeImageApis::answer);
        // A web UI started without --api answers its API paths with 404 {"detail": "Not Found"}.
        BlackBoxModel m = RemoteImageModels.open("a1111-editor:" + server.base() + "/ui",
                options(Map.of(), null, null, 1, 0));
        opened.add(m);
        UserInputException e = assertThrows(UserInputException.class, () -> images(m, List.of("night")));
        assertEquals(server.base() + "/ui/sdapi/v1/img2img answered 404 (not found: Not Found): check the URL in"
                + " {model}, and that the web UI was started with --api", e.template());

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BlackBoxModel gone = RemoteImageModels.open("http-editor:http://127.0.0.1:" + port + "/edit",
                options(Map.of(), null, null, 1, 0));
        opened.add(gone);
        e = assertThrows(UserInputException.class, () -> images(gone, List.of("night")));
        assertTrue(e.getMessage().startsWith("cannot reach http://127.0.0.1:" + port + "/edit (connection refused)"),
                e.getMessage());
    }

    @Test
    void anEditorWithAFixedSizeRefusesOtherInputsAndNamesTheSize() throws IOException {
        server = new FakeModelServer(FakeImageApis::answer);
        ImageEditor editor = (ImageEditor) RemoteImageModels.open("http-editor:" + server.base() + "/edit?size=32x32",
                options(Map.of(), null, null, 1, 0));
        opened.add(editor);
        assertEquals(List.of(new ImageSize(32, 32)), editor.inputSizes());
        UserInputException e = assertThrows(UserInputException.class, () -> editor.bind(INPUT));
        assertTrue(e.getMessage().contains("edits only 32x32 images"), e.getMessage());
        assertEquals(0, server.requests());
    }

    @Test
    void logprobsAreRefusedForAnImageModel() {
        RemoteOptions withLogprobs = new RemoteOptions(Map.of(), null, 5, null, 1, RetryPolicy.defaults(0),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        UserInputException e = assertThrows(UserInputException.class,
                () -> RemoteImageModels.open("a1111-generator:", withLogprobs));
        assertTrue(e.template().startsWith("{logprobs} has no effect with a1111-generator:"), e.template());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
