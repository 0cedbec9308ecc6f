package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.PROMPT;
import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gsmile.experiments.cli.ExplainCommandTest.Result;
import org.gsmile.models.http.FakeModelServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake a careless user makes on the command line, one row each: the arguments and a part
 * of the one line that must be printed. Each row must exit with code 2, print exactly one line on
 * stderr and nothing on stdout, show no stack trace, and never show a secret: neither the password
 * in a URL nor the API key in the environment. Remote rows talk to loopback servers only.
 */
class CliMistakesTest {
    /** The password typed into URLs; it must never be printed. */
    static final String SECRET = "hunter2-s3cr3t";
    /** The API key in the environment; it must never be printed either. */
    static final String KEY = "sk-gsmile-FAKE-cli-mistakes-91c2";

    @TempDir
    static Path temp;

    static FakeModelServer fast;
    static FakeModelServer slow;
    static int unusedPort;

    @BeforeAll
    static void start() throws IOException {
        fast = FakeModelServer.healthy();
        // Slower than any --timeout below: each of its answers times out.
        slow = new FakeModelServer(call -> FakeModelServer.answer(call).after(400));
        try (ServerSocket s = new ServerSocket(0)) {
            unusedPort = s.getLocalPort();
        }
        Files.createDirectories(temp.resolve("folder"));
        Files.createDirectories(temp.resolve("onnx-folder"));
        Files.writeString(temp.resolve("text.bin"), "hello, this is not a model\n");
        Files.writeString(temp.resolve("text.gguf"), "hello\n");
        Files.writeString(temp.resolve("notes"), "no ending\n");
        Files.writeString(temp.resolve("a-file"), "x");
    }

    @AfterAll
    static void stop() {
        fast.close();
        slow.close();
    }

    /** One mistake: the arguments ({fast}, {slow}, {port}, {tmp} filled in), a part of the line, extra environment. */
    /** A remote model on a port nothing listens on: remote-only options are checked before any call. */
    static final String REMOTE = "--model=openai:http://127.0.0.1:1/v1#m";

    record Mistake(List<String> args, String expected, Map<String, String> env) {
        @Override
        public String toString() {
            return String.join(" ", args.stream().map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a)
                    .toList()) + (env.isEmpty() ? "" : " with " + env);
        }
    }

    static Mistake row(String expected, String... args) {
        return new Mistake(List.of(args), expected, Map.of());
    }

    static Mistake rowWithEnv(String expected, Map<String, String> env, String... args) {
        return new Mistake(List.of(args), expected, env);
    }

    /** The explain command on a remote model, with a private cache and fast retries. */
    static Mistake remote(String expected, String model, String... more) {
        List<String> args = new ArrayList<>(List.of("explain", "--model", model, "--distance", "embedding-wasserstein",
                "--retry-delay-ms", "1", "--max-retries", "1"));
        if (!List.of(more).contains("--cache")) {
            args.addAll(List.of("--cache", "{tmp}/cache"));
        }
        args.addAll(List.of(more));
        args.add(PROMPT);
        return new Mistake(args, expected, Map.of());
    }

    static Stream<Mistake> mistakes() {
        List<Mistake> rows = new ArrayList<>(List.of(
                // Remote URLs: port, credentials, shape.
                remote("port 99999 in 'http://127.0.0.1:99999/v1' is out of range: ports go from 1 to 65535",
                        "openai:http://127.0.0.1:99999/v1#m"),
                remote("port 0 in", "openai:http://127.0.0.1:0/v1#m"),
                remote("port 70000 in", "ollama:llama3@http://127.0.0.1:70000"),
                remote("'http://user:***@127.0.0.1:8080/v1' in --model holds credentials, which gsmile never sends",
                        "openai:http://user:" + SECRET + "@127.0.0.1:8080/v1#m"),
                remote("'http://***@127.0.0.1:8080/v1' in --model holds credentials",
                        "openai:http://" + SECRET + "@127.0.0.1:8080/v1#m"),
                remote("'http://me:***@127.0.0.1:{port}' in --model holds credentials",
                        "ollama:llama3@http://me:" + SECRET + "@127.0.0.1:{port}"),
                remote("unknown api 'nope' in 'openai:http://user:***@127.0.0.1:8080/v1#m?api=nope'",
                        "openai:http://user:" + SECRET + "@127.0.0.1:8080/v1#m?api=nope"),
                remote("unknown option 'api_key=***'", "openai:http://127.0.0.1:8080/v1?api_key=" + SECRET + "#m"),
                remote("is a server, not a model reference: write openai:http://127.0.0.1:1/v1#m for an"
                        + " OpenAI-compatible server, or ollama:<model>@http://127.0.0.1:1 for Ollama; a key goes in",
                        "http://user:" + SECRET + "@127.0.0.1:1/v1#m"),
                remote("'ollama:' names no model: write it as ollama:llama3.2", "ollama:"),
                remote("names no model", "ollama:   "),
                remote("'openai:' names no server: write openai:<baseUrl>#<model>", "openai:"),
                remote("'openai:gpt-4o' names no server", "openai:gpt-4o"),
                remote("'openai:#m' names no server: write it before '#'", "openai:#m"),
                remote("names no model: write the model after '#'", "openai:http://127.0.0.1:{port}/v1"),
                remote("names no model", "openai:http://127.0.0.1:{port}/v1#"),
                remote("is not a URL: write the server with its scheme, as in http://127.0.0.1:8000/v1",
                        "openai:127.0.0.1:8000/v1#m"),
                remote("is not a valid URL (it holds a space)", "openai:http://127.0.0.1:8000 /v1#m"),
                remote("is not an http(s) URL", "openai:ftp://127.0.0.1/v1#m"),
                remote("unknown api 'embeddings'", "openai:http://127.0.0.1:{port}/v1#m?api=embeddings"),
                // Remote calls: no server, a slow one, a timeout shorter than connecting.
                remote("cannot reach http://127.0.0.1:{port}/v1/chat/completions (connection refused): start the"
                        + " server or fix the URL in --model", "openai:http://127.0.0.1:{port}/v1#m"),
                remote("no answer within 50 ms, still after 1 retry: raise --timeout if the server is just slow",
                        "openai:{slow}/v1#m", "--timeout", "0.05"),
                remote("no answer within 1 ms, still after 1 retry: raise --timeout", "openai:{slow}/v1#m",
                        "--timeout", "0.001"),
                remote("--api-key-env names NOPE_NOT_SET, which is not set", "openai:{fast}/v1#m",
                        "--api-key-env", "NOPE_NOT_SET"),
                remote("--api-key-env takes the name of an environment variable", "openai:{fast}/v1#m",
                        "--api-key-env", KEY),
                remote("--api-key-env is empty", "openai:{fast}/v1#m", "--api-key-env", " "),
                remote("--units tokens needs the model's tokenizer", "openai:{fast}/v1#m", "--units", "tokens"),
                // The response cache.
                remote("the response cache {tmp}/a-file is a file, not a folder: set --cache to a folder, or"
                        + " --cache none", "openai:{fast}/v1#m", "--cache", "{tmp}/a-file"),
                remote("cannot create the response cache {tmp}/a-file/sub (not a directory)", "openai:{fast}/v1#m",
                        "--cache", "{tmp}/a-file/sub"),
                remote("--cache is empty: give a folder, or --cache none", "openai:{fast}/v1#m", "--cache", " "),
                // Numbers: out of range, too large, not numbers at all.
                row("--timeout must be between 0.001 and 86400 seconds (a day), got 1000000000000: try --timeout 120",
                        "explain", REMOTE, "--timeout", "1e12", PROMPT),
                row("--timeout must be between 0.001 and 86400 seconds (a day), got 0.0000000001",
                        "explain", REMOTE, "--timeout", "1e-10", PROMPT),
                row("--timeout must be between 0.001 and 86400", "explain", REMOTE, "--timeout", "0", PROMPT),
                row("--timeout must be between 0.001 and 86400", "explain", REMOTE, "--timeout", "-5", PROMPT),
                row("--timeout takes a number, got 'NaN': try --timeout 120", "explain", REMOTE, "--timeout", "NaN", PROMPT),
                row("--timeout takes a number, got 'Infinity'", "explain", REMOTE, "--timeout", "Infinity", PROMPT),
                row("--timeout takes a finite number, got '1e400'", "explain", REMOTE, "--timeout", "1e400", PROMPT),
                row("--timeout takes a number, got '2m'", "explain", REMOTE, "--timeout", "2m", PROMPT),
                row("--samples 99999999999 is too large: give a number from 1 to 100000, or auto",
                        "explain", "--samples", "99999999999", PROMPT),
                row("--samples 100001 is too large", "explain", "--samples", "100001", PROMPT),
                row("--samples takes a number from 1 to 100000, or auto, got 'many': try --samples 64",
                        "explain", "--samples", "many", PROMPT),
                row("--samples takes a number from 1 to 100000, or auto, got '1.5'", "explain", "--samples", "1.5",
                        PROMPT),
                row("--samples must be at least 1, got 0", "explain", "--samples", "0", PROMPT),
                row("--samples must be at least 1, got -3", "explain", "--samples", "-3", PROMPT),
                row("--samples is empty: give a number from 1 to 100000, or auto", "explain", "--samples", " ", PROMPT),
                row("--samples needs a value (J|auto)", "explain", "--samples"),
                row("--max-samples 999999 is too large: give a number from 16 to 100000",
                        "explain", "--samples", "auto", "--max-samples", "999999", PROMPT),
                row("--max-samples must be at least 16, got 4", "explain", "--samples", "auto", "--max-samples", "4",
                        PROMPT),
                row("--max-samples takes a whole number up to 2147483647, got 99999999999 (too large): try"
                        + " --max-samples 256", "explain", "--max-samples", "99999999999", PROMPT),
                row("--top-k takes a whole number, got '1.5': try --top-k 3", "explain", "--top-k", "1.5", PROMPT),
                row("--top-k takes a whole number up to 2147483647, got 99999999999 (too large)",
                        "explain", "--top-k", "99999999999", PROMPT),
                row("--top-k must be at least 1, got 0", "explain", "--top-k", "0", PROMPT),
                row("--top-k takes a whole number from -2147483648, got -99999999999 (too small)",
                        "explain", "--top-k", "-99999999999", PROMPT),
                row("--seed takes a whole number up to 9223372036854775807", "explain", "--seed",
                        "99999999999999999999", PROMPT),
                row("--seed takes a whole number, got '1e3': try --seed 42", "explain", "--seed", "1e3", PROMPT),
                row("--keep takes a number, got 'NaN': try --keep 0.5", "explain", "--keep", "NaN", PROMPT),
                row("--keep takes a finite number, got '1e400'", "explain", "--keep", "1e400", PROMPT),
                // Options that have no effect with the chosen settings are refused, naming the setting that makes them so.
                row("--keep has no effect with --sampler profile (the default preset's sampler)", "explain", "--keep",
                        "0.3", PROMPT),
                row("--sigma has no effect with --kernel shapley (the default preset's kernel)", "explain", "--sigma",
                        "1", PROMPT),
                row("--max-samples has no effect without --samples auto", "explain", "--max-samples", "100", PROMPT),
                row("--mask-token has no effect with --operator drop", "explain", "--mask-token", "X", PROMPT),
                row("--samples has no effect with --reference shapley", "explain", "--reference", "shapley",
                        "--samples", "10", PROMPT),
                row("--kernel has no effect with --reference loo", "explain", "--reference", "loo", "--kernel",
                        "gaussian", PROMPT),
                row("--top-k has no effect with --surrogate sgd", "explain", "--surrogate", "sgd", "--top-k", "2",
                        PROMPT),
                row("--logprobs has no effect with --model local:stories260K: it configures calls to a server",
                        "explain", "--logprobs", "3", PROMPT),
                row("--cache has no effect with --model local:stories260K", "explain", "--cache", "none", PROMPT),
                row("--keep must be strictly between 0 and 1, got 1.0", "explain", "--sampler", "bernoulli", "--keep", "1",
                        PROMPT),
                row("--keep must be strictly between 0 and 1, got -0.5", "explain", "--preset", "thesis", "--keep", "-0.5",
                        PROMPT),
                row("--sigma must be a positive number, got 0.0", "explain", "--kernel", "gaussian", "--sigma", "0", PROMPT),
                row("--sigma takes a number, got 'Infinity'", "explain", "--sigma", "Infinity", PROMPT),
                row("--sigma takes a number, got an empty value", "explain", "--sigma", "", PROMPT),
                row("--max-new-tokens must be at least 1, got 0", "explain", "--max-new-tokens", "0", PROMPT),
                row("--max-new-tokens takes a whole number up to 2147483647", "explain", "--max-new-tokens",
                        "99999999999", PROMPT),
                row("exceeds the model's context of 512 tokens: shorten the prompt or lower --max-new-tokens",
                        "explain", "--max-new-tokens", "100000", PROMPT),
                row("--logprobs must be between 1 and 20 (or 0 for none), got 21", "explain", REMOTE, "--logprobs", "21",
                        PROMPT),
                row("--logprobs takes a whole number, got '" + PROMPT + "': try --logprobs 5, or put -- before the"
                        + " prompt", "explain", REMOTE, "--logprobs", PROMPT),
                row("--concurrency must be between 1 and 256, got 0", "explain", REMOTE, "--concurrency", "0", PROMPT),
                row("--concurrency must be between 1 and 256, got 257", "explain", REMOTE, "--concurrency", "257", PROMPT),
                row("--concurrency takes a whole number, got 'four': try --concurrency 4", "explain", REMOTE, "--concurrency",
                        "four", PROMPT),
                row("--max-retries must be between 0 and 20, got -1", "explain", REMOTE, "--max-retries", "-1", PROMPT),
                row("--max-retries must be between 0 and 20, got 21", "explain", REMOTE, "--max-retries", "21", PROMPT),
                row("--batch must be between 1 and 4096 prompts, got 0: try --batch 64", "bench", "--batch", "0"),
                row("--batch must be between 1 and 4096 prompts, got 100000", "bench", "--batch", "100000"),
                row("--batch takes a whole number, got '1.5': try --batch 64", "bench", "--batch", "1.5"),
                row("--rounds must be between 1 and 1000, got 0: try --rounds 5", "bench", "--rounds", "0"),
                // Names: empty, blank, in the wrong case, misspelt.
                row("--model is empty: name a model, such as --model local:stories260K", "explain", "--model", "",
                        PROMPT),
                row("--model is empty", "explain", "--model", "   ", PROMPT),
                row("--preset is empty: choose default or thesis", "explain", "--preset", "", PROMPT),
                row("--units is empty: choose words, tokens, phrases, sentences, phrases-then-words or sentences-then-words", "explain", "--units", " ", PROMPT),
                row("--operator is empty: choose drop, mask or synonym", "explain", "--operator", "", PROMPT),
                row("--sampler is empty", "explain", "--sampler", "", PROMPT),
                row("--kernel is empty", "explain", "--kernel", "", PROMPT),
                row("--reference is empty", "explain", "--reference", "", PROMPT),
                row("--distance is empty", "explain", "--distance", " ", PROMPT),
                row("--surrogate is empty", "explain", "--surrogate", "", PROMPT),
                row("--mask-token is empty: give a placeholder such as --mask-token [MASK]", "explain", "--operator",
                        "mask", "--mask-token", "  ", PROMPT),
                row("--format is empty: choose text or json", "explain", "--format", "", PROMPT),
                row("unknown --format 'JSON': did you mean json? choose text or json", "explain", "--format", "JSON",
                        PROMPT),
                row("unknown --units 'WORDS': did you mean words?", "explain", "--units", "WORDS", PROMPT),
                row("unknown --distance 'wasserstein': did you mean token-wasserstein?", "explain", "--distance",
                        "wasserstein", PROMPT),
                row("unknown --sampler 'strat': did you mean strata?", "explain", "--sampler", "strat", PROMPT),
                row("unknown --reference 'surrogate': choose shapley or loo", "explain", "--reference", "surrogate",
                        PROMPT),
                // Local and ONNX models given by a path that is not one.
                row("'local:{tmp}/folder' is a folder: name the model file in it, as in local:{tmp}/folder/model.bin",
                        "explain", "--model", "local:{tmp}/folder", PROMPT),
                row("{tmp}/text.bin is a text file, not a llama2.c checkpoint", "explain", "--model",
                        "local:{tmp}/text.bin", PROMPT),
                row("{tmp}/text.gguf is not a GGUF file (no GGUF magic at its start; it is text)", "explain",
                        "--model", "local:{tmp}/text.gguf", PROMPT),
                row("{tmp}/notes is neither a llama2.c checkpoint (.bin) nor a GGUF file (.gguf)", "explain",
                        "--model", "local:{tmp}/notes", PROMPT),
                row("{tmp}/absent.bin does not exist: check the path", "explain", "--model", "local:{tmp}/absent.bin",
                        PROMPT),
                row("onnx:{tmp}/onnx-folder is a folder without model.onnx", "explain", "--model",
                        "onnx:{tmp}/onnx-folder", PROMPT),
                row("{tmp}/text.bin is not an ONNX model (no .onnx ending)", "explain", "--model",
                        "onnx:{tmp}/text.bin", PROMPT),
                row("'local:' names no model: use local:stories260K", "explain", "--model", "local:", PROMPT),
                row("unknown local model 'Stories260K': did you mean local:stories260K?", "explain", "--model",
                        "local:Stories260K", PROMPT),
                row("unknown model reference 'stories260K': did you mean local:stories260K?", "explain", "--model",
                        "stories260K", PROMPT),
                row("unknown model reference 'gpt5': use local:stories260K", "explain", "--model", "gpt5", PROMPT),
                row("unknown local model 'stories15M': the one local model known by name is stories260K", "explain",
                        "--model", "local:stories15M", PROMPT),
                row("'local:model.onnx' is an ONNX model: write onnx:model.onnx", "explain", "--model",
                        "local:model.onnx", PROMPT),
                row("ONNX batch size must be between 1 and 4096, got 0", "explain", "--model", "onnx:tinygpt?batch=0",
                        PROMPT),
                rowWithEnv("GSMILE_MODELS={tmp}/a-file is a file, not a folder", Map.of("GSMILE_MODELS", "{tmp}/a-file"),
                        "explain", PROMPT),
                rowWithEnv("GSMILE_MODELS={tmp}/nowhere does not exist", Map.of("GSMILE_MODELS", "{tmp}/nowhere"),
                        "explain", PROMPT),
                rowWithEnv("GSMILE_MODELS={tmp}/a-file is a file, not a folder", Map.of("GSMILE_MODELS", "{tmp}/a-file"),
                        "explain", "--model", "onnx:tinygpt", PROMPT),
                // Commands, options and prompts picocli cannot place.
                row("gsmile: unknown command 'explian': did you mean explain? choose explain, explain-image, evaluate, run,"
                        + " report, scenarios, bench or help", "explian", PROMPT),
                row("gsmile: unknown command 'explian': did you mean explain?", "help", "explian"),
                row("gsmile: unknown command '" + PROMPT + "': to explain a prompt, write gsmile explain \"" + PROMPT
                        + "\"", PROMPT),
                row("'--samples' is an option of gsmile explain: write it after the command, as in gsmile explain"
                        + " --samples 8 ...", "--samples", "8", "explain", PROMPT),
                row("'-the cat' is not an option; to explain a prompt that starts with '-', put -- before it, as in"
                        + " gsmile explain -- \"-the cat\"", "explain", "-the cat"),
                row("unknown option '-cat'; to explain a prompt that starts with '-', put -- before it", "explain",
                        "-cat"),
                row("unknown option '-x'; to explain a prompt", "explain", PROMPT, "-x"),
                row("unknown option '--samplez': did you mean --samples", "explain", "--samplez", "8", PROMPT),
                row("unknown option '--max-sample': did you mean --max-samples?", "explain", "--max-sample", "8", PROMPT),
                row("--samples is given more than once: give it once", "explain", "--samples", "8", "--samples", "9",
                        PROMPT),
                row("no PROMPT given: write it after the options, as in gsmile explain \"", "explain"),
                row("no PROMPT given", "explain", "--samples", "8"),
                row("unexpected argument 'extra': gsmile bench takes options only", "bench", "extra"),
                // Prompts.
                row("the prompt is empty", "explain", ""),
                row("the prompt is empty", "explain", "   "),
                row("unbalanced unit marker: a '[[' is never closed; end the unit with ]], or write \\[[ and \\]] for"
                        + " literal brackets", "explain", "a [[b"),
                row("']]' at character 3 closes nothing", "explain", "a ]] b"),
                row("leaves no text", "explain", "[[ ]] x"),
                row("unit markers cannot nest", "explain", "[[a [[b]] c]]"),
                row("exact Shapley values of 21 units need 2^21 model calls", "explain", "--reference", "shapley",
                        "w ".repeat(21).strip())));
        if (Files.isDirectory(Path.of("/proc/self"))) {
            // A folder no one can create, even root.
            rows.add(remote("cannot create the response cache /proc/gsmile-cache", "openai:{fast}/v1#m",
                    "--cache", "/proc/gsmile-cache"));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void everyMistakeIsOneLineAndExitCodeTwo(Mistake m) {
        Map<String, String> env = new HashMap<>();
        env.put("GSMILE_MODELS", ExplainCommandTest.modelsDir().toString());
        env.put("OPENAI_API_KEY", KEY);
        env.put("XDG_CACHE_HOME", temp.resolve("xdg").toString());
        m.env().forEach((k, v) -> env.put(k, fill(v)));
        String[] args = m.args().stream().map(CliMistakesTest::fill).toArray(String[]::new);
        Result r = gsmile(env, args);

        assertEquals(2, r.exit(), "exit code\n" + r.err() + r.out());
        assertEquals("", r.out(), "nothing on stdout");
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "exactly one line:\n" + err);
        assertFalse(err.contains("Exception") || err.contains("at org.") || err.contains("\tat "), "stack trace: " + err);
        String expected = fill(m.expected());
        assertTrue(err.contains(expected), "expected\n  " + expected + "\nin\n  " + err);
        assertFalse(err.contains(SECRET) || err.contains("s3cr3t"), "the password was printed: " + err);
        assertFalse(err.contains(KEY), "the API key was printed: " + err);
        assertFalse(err.contains("{") && err.matches(".*\\{[a-zA-Z]+(=[^}]*)?}.*"), "a raw setting placeholder: " + err);
        assertTrue(err.length() < 300, "a long line (" + err.length() + " characters): " + err);
    }

    @Test
    void noCommandPrintsTheUsageOnStderrAndExitsTwo() {
        Result r = gsmile(Map.of());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Usage: gsmile"), r.err());
        assertTrue(r.err().contains("explain"), r.err());
    }

    @Test
    void versionOnASubcommandPrintsTheVersion() {
        Result root = gsmile(Map.of(), "-V");
        assertEquals(0, root.exit());
        assertTrue(root.out().startsWith("gsmile "), root.out());
        for (String command : List.of("explain", "bench")) {
            Result r = gsmile(Map.of(), command, "-V");
            assertEquals(0, r.exit(), command);
            assertEquals(root.out(), r.out(), command);
            assertEquals("", r.err(), command);
        }
    }

    @Test
    void nearMissesThatMeanOneThingWork() throws IOException {
        // Spaces around the reference, the prefix in capitals, escaped markers: all read as meant.
        Result r = gsmile(Map.of("GSMILE_MODELS", ExplainCommandTest.modelsDir().toString()), "explain",
                "--model", " LOCAL:stories260K ", "--samples", "4", "--max-new-tokens", "4", "--format", "json",
                "Lily saw \\[[1\\]] [[red ball]]");
        assertEquals(0, r.exit(), r.err());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("Lily saw [[1]] red ball", j.get("prompt").asText());
        assertEquals(List.of("Lily", "saw", "[[1]]", "red ball"),
                java.util.stream.StreamSupport.stream(j.get("units").spliterator(), false)
                        .map(u -> u.get("text").asText()).toList());
        assertEquals("local:stories260K", j.get("model").asText());
    }

    /** The placeholders of a row, filled in. */
    static String fill(String text) {
        return text.replace("{fast}", fast.base()).replace("{slow}", slow.base())
                .replace("{port}", String.valueOf(unusedPort)).replace("{tmp}", temp.toString());
    }
}
