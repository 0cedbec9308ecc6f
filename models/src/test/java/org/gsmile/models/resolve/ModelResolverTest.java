package org.gsmile.models.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.models.llama.LocalLlamaModel;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {

    private static final URI UNUSED = URI.create("http://127.0.0.1:9/");

    @TempDir
    Path temp;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void resolvesStories260KFromTheModelsFolder() {
        Path models = TestModels.stories260K("stories260K.bin").getParent().getParent();
        ModelResolver resolver = new ModelResolver(models, temp.resolve("cache"), UNUSED);
        try (GenerativeModel model = resolver.resolve("local:stories260K")) {
            assertEquals(new ModelInfo("local:stories260K", TestModels.STORIES_BIN_SHA256, 512), model.info());
            assertTrue(model.tokenScorer().isPresent());
            String text = model.generateAsync(List.of("Once upon a time"), DecodingOptions.greedy(5)).join()
                    .get(0).text();
            assertTrue(text.startsWith(", there was"), text);
        }
        assertFalse(Files.exists(temp.resolve("cache")), "the cache must not be touched when GSMILE_MODELS is set");
    }

    @Test
    void downloadsVerifiesAndCachesOnFirstUse() throws IOException {
        URI base = serve(UnaryOperator.identity());
        Path cache = temp.resolve("cache");
        try (GenerativeModel model = new ModelResolver(null, cache, base).resolve("local:stories260K")) {
            assertEquals(TestModels.STORIES_BIN_SHA256, model.info().sha256());
        }
        assertEquals(List.of("/stories260K/stories260K.bin", "/stories260K/tok512.bin"), requests);
        assertTrue(Files.isRegularFile(cache.resolve("stories260K/stories260K.bin")));
        try (Stream<Path> leftovers = Files.list(cache.resolve("stories260K"))) {
            assertEquals(2, leftovers.count(), "no temporary files may remain");
        }

        try (GenerativeModel again = new ModelResolver(null, cache, base).resolve("local:stories260K")) {
            assertEquals(TestModels.STORIES_BIN_SHA256, again.info().sha256());
        }
        assertEquals(2, requests.size(), "a cached model must not be downloaded again");
    }

    @Test
    void corruptedDownloadIsRejectedAndNotCached() throws IOException {
        URI base = serve(bytes -> {
            byte[] damaged = bytes.clone();
            damaged[damaged.length / 2] ^= 0x55;
            return damaged;
        });
        Path cache = temp.resolve("cache");
        ModelResolver resolver = new ModelResolver(null, cache, base);
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve("local:stories260K"));
        assertTrue(e.getMessage().contains(base.resolve("stories260K/stories260K.bin").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + ModelResolver.STORIES_WEIGHTS.sha256()), e.getMessage());
        assertTrue(e.getMessage().matches(".*sha256 [0-9a-f]{64}.*"), e.getMessage());
        try (Stream<Path> files = Files.list(cache.resolve("stories260K"))) {
            assertEquals(0, files.count(), "a damaged download must leave nothing in the cache");
        }
    }

    @Test
    void unreachableServerGivesAOneLineOfflineMessage() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        ModelResolver resolver = new ModelResolver(null, temp.resolve("cache"), base);
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve("local:stories260K"));
        String message = e.getMessage();
        assertTrue(message.contains("GSMILE_MODELS"), message);
        assertTrue(message.contains(base + "stories260K/stories260K.bin"), message);
        assertTrue(message.contains(base + "stories260K/tok512.bin"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void damagedFileInTheModelsFolderNamesBothHashes() throws IOException {
        Path stories = Files.createDirectories(temp.resolve("models/stories260K"));
        byte[] bin = Files.readAllBytes(TestModels.stories260K("stories260K.bin"));
        bin[100] ^= 1;
        Files.write(stories.resolve("stories260K.bin"), bin);
        Files.copy(TestModels.stories260K("tok512.bin"), stories.resolve("tok512.bin"));
        ModelResolver resolver = new ModelResolver(temp.resolve("models"), temp.resolve("cache"), UNUSED);
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve("local:stories260K"));
        assertTrue(e.getMessage().startsWith(stories.resolve("stories260K.bin") + " has sha256 "), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + TestModels.STORIES_BIN_SHA256), e.getMessage());
    }

    @Test
    void missingFilesInTheModelsFolderNameThePathAndVariable() throws IOException {
        Files.createDirectories(temp.resolve("empty"));
        ModelResolver resolver = new ModelResolver(temp.resolve("empty"), temp.resolve("cache"), UNUSED);
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve("local:stories260K"));
        assertTrue(e.getMessage().contains(temp.resolve("empty/stories260K/stories260K.bin").toString()),
                e.getMessage());
        assertTrue(e.getMessage().contains("GSMILE_MODELS"), e.getMessage());

        Path missing = temp.resolve("nowhere/model.bin");
        UserInputException path = assertThrows(UserInputException.class, () -> resolver.resolve("local:" + missing));
        assertTrue(path.getMessage().contains(missing.toString()), path.getMessage());
        assertTrue(path.getMessage().contains("GSMILE_MODELS"), path.getMessage());
    }

    @Test
    void resolvesCheckpointAndGgufPaths() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("mine"));
        Path bin = Files.copy(TestModels.stories260K("stories260K.bin"), folder.resolve("model.bin"));
        ModelResolver resolver = new ModelResolver(null, temp.resolve("cache"), UNUSED);
        UserInputException noTokenizer = assertThrows(UserInputException.class,
                () -> resolver.resolve("local:" + bin));
        assertTrue(noTokenizer.getMessage().contains("tok512.bin or tokenizer.bin"), noTokenizer.getMessage());

        Files.copy(TestModels.stories260K("tok512.bin"), folder.resolve("tokenizer.bin"));
        try (GenerativeModel model = resolver.resolve("local:" + bin)) {
            assertEquals(TestModels.STORIES_BIN_SHA256, model.info().sha256());
            assertEquals("local:" + bin, model.info().id());
        }
        Path gguf = TestModels.stories260K("stories260K.gguf");
        try (GenerativeModel model = resolver.resolve("local:" + gguf)) {
            assertTrue(model instanceof LocalLlamaModel);
            assertEquals(64, model.tokenScorer().orElseThrow().tokenEmbeddings()[0].length);
        }
    }

    @Test
    void truncatedCheckpointIsReportedAsSuch() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("cut"));
        byte[] all = Files.readAllBytes(TestModels.stories260K("stories260K.bin"));
        Path bin = Files.write(folder.resolve("stories260K.bin"), Arrays.copyOf(all, all.length / 3));
        Files.copy(TestModels.stories260K("tok512.bin"), folder.resolve("tok512.bin"));
        ModelResolver resolver = new ModelResolver(null, temp.resolve("cache"), UNUSED);
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve("local:" + bin));
        assertEquals(bin + " is truncated: expected " + all.length + " bytes, found " + all.length / 3
                + "; delete it and download again", e.getMessage());
    }

    @Test
    void unknownReferencesSayWhatTheyLackInOneShortLine() throws IOException {
        ModelResolver resolver = new ModelResolver(null, temp.resolve("cache"), UNUSED);
        Path folder = Files.createDirectories(temp.resolve("folder"));
        Path text = Files.writeString(temp.resolve("notes.txt"), "not a model\n");
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("openai:gpt-4", "names no server: write openai:<baseUrl>#<model>");
        cases.put("stories260K", "did you mean local:stories260K?");
        cases.put("local:Stories260K", "did you mean local:stories260K?");
        cases.put("local:stories15M", "the one local model known by name is stories260K");
        cases.put("local:model.onnx", "write onnx:model.onnx");
        cases.put("local:", "names no model: use local:stories260K");
        cases.put("  ", "is empty");
        cases.put("gpt5", "unknown model reference 'gpt5': use local:stories260K");
        cases.put("http://127.0.0.1:8000/v1#m", "write openai:http://127.0.0.1:8000/v1#m");
        cases.put("local:" + folder, "is a folder: name the model file in it");
        cases.put("local:" + text, "is neither a llama2.c checkpoint (.bin) nor a GGUF file");
        cases.put("onnx:" + folder, "is a folder without model.onnx");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve(c.getKey()));
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + " → " + e.getMessage());
            assertTrue(e.getMessage().length() < 250, "too long: " + e.getMessage());
        }
        assertFalse(Files.exists(temp.resolve("cache")));
    }

    @Test
    void aFolderNamesTheModelFilesInIt() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("mine"));
        Files.copy(TestModels.stories260K("stories260K.bin"), folder.resolve("model.bin"));
        Files.copy(TestModels.stories260K("tok512.bin"), folder.resolve("tok512.bin"));
        ModelResolver resolver = new ModelResolver(null, temp.resolve("cache"), UNUSED);
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve("local:" + folder));
        assertEquals("'local:" + folder + "' is a folder: name the model file in it, as in local:"
                + folder.resolve("model.bin"), e.getMessage());
    }

    @Test
    void aTextFileIsNoCheckpointWhetherOrNotATokenizerIsBesideIt() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("text"));
        Path bin = Files.writeString(folder.resolve("x.bin"), "hello\n");
        ModelResolver resolver = new ModelResolver(null, temp.resolve("cache"), UNUSED);
        UserInputException e = assertThrows(UserInputException.class, () -> resolver.resolve("local:" + bin));
        assertTrue(e.getMessage().startsWith(bin + " is a text file, not a llama2.c checkpoint"), e.getMessage());
        Files.copy(TestModels.stories260K("tok512.bin"), folder.resolve("tok512.bin"));
        e = assertThrows(UserInputException.class, () -> resolver.resolve("local:" + bin));
        assertTrue(e.getMessage().startsWith(bin + " is a text file, not a llama2.c checkpoint"), e.getMessage());
        Path gguf = Files.writeString(folder.resolve("x.gguf"), "hello\n");
        e = assertThrows(UserInputException.class, () -> resolver.resolve("local:" + gguf));
        assertTrue(e.getMessage().contains("not a GGUF file"), e.getMessage());
    }

    @Test
    void modelsFolderThatIsAFileOrMissingIsNamed() throws IOException {
        Path file = Files.writeString(temp.resolve("models.txt"), "x");
        UserInputException e = assertThrows(UserInputException.class,
                () -> new ModelResolver(file, temp.resolve("cache"), UNUSED).resolve("local:stories260K"));
        assertEquals("GSMILE_MODELS=" + file + " is a file, not a folder: point GSMILE_MODELS at the folder holding"
                + " stories260K/, or unset it", e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> new ModelResolver(file, temp.resolve("cache"), UNUSED).resolve("onnx:tinygpt"));
        assertTrue(e.getMessage().startsWith("GSMILE_MODELS=" + file + " is a file, not a folder"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> new ModelResolver(temp.resolve("absent"),
                temp.resolve("cache"), UNUSED).resolve("local:stories260K"));
        assertTrue(e.getMessage().startsWith("GSMILE_MODELS=" + temp.resolve("absent") + " does not exist"),
                e.getMessage());
    }

    @Test
    void referencesAreReadWithoutSurroundingSpacesAndWithTheirPrefixInAnyCase() {
        assertEquals("local:stories260K", ModelResolver.normalized(" LOCAL:stories260K "));
        assertEquals("openai:http://h/v1#M", ModelResolver.normalized("OpenAI: http://h/v1#M"));
        assertEquals("gpt5", ModelResolver.normalized("gpt5 "));
    }

    @Test
    void environmentChoosesTheFolders() {
        Path home = Path.of("/home/someone");
        ModelResolver plain = ModelResolver.fromEnvironment(Map.of(), home);
        assertEquals(home.resolve(".cache/gsmile/models"), plain.cacheDir());
        assertNull(plain.modelsDir());
        ModelResolver xdg = ModelResolver.fromEnvironment(
                Map.of("XDG_CACHE_HOME", "/var/cache/me", "GSMILE_MODELS", "/models"), home);
        assertEquals(Path.of("/var/cache/me/gsmile/models"), xdg.cacheDir());
        assertEquals(Path.of("/models"), xdg.modelsDir());
        assertEquals(URI.create("https://huggingface.co/karpathy/tinyllamas/resolve/main/stories260K/tok512.bin"),
                plain.url(ModelResolver.STORIES_TOKENIZER));
    }

    /** Serves the real stories260K files, passed through {@code transform}, and records each request. */
    private URI serve(UnaryOperator<byte[]> transform) throws IOException {
        Path bin = TestModels.stories260K("stories260K.bin");
        Path tok = TestModels.stories260K("tok512.bin");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (Path file : List.of(bin, tok)) {
            server.createContext("/stories260K/" + file.getFileName(), exchange -> {
                requests.add(exchange.getRequestURI().getPath());
                byte[] body = transform.apply(Files.readAllBytes(file));
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
        }
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }
}
