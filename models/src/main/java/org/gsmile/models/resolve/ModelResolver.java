package org.gsmile.models.resolve;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gsmile.core.UserInputException;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.models.llama.Llama2cCheckpoint;
import org.gsmile.models.llama.LocalLlamaModel;
import org.gsmile.models.llama.Sha256;
import org.gsmile.models.http.RemoteModels;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.http.UrlSecrets;
import org.gsmile.models.onnx.OnnxModels;
import org.gsmile.models.oracle.KeywordOracle;

/**
 * Turns a model reference given on the command line into a loaded model:
 * <ul>
 *   <li>{@code local:stories260K}: from {@code $GSMILE_MODELS/stories260K/} when GSMILE_MODELS is
 *       set, otherwise from the user cache, downloading it from Hugging Face on first use;</li>
 *   <li>{@code local:/path/to/model.bin}: a llama2.c checkpoint with tok512.bin or tokenizer.bin
 *       beside it;</li>
 *   <li>{@code local:/path/to/model.gguf}: an F32 llama GGUF file;</li>
 *   <li>{@code oracle:keywords#rain=0.6,remove=0.4,not+good=0.5}: a {@link KeywordOracle}, a model whose
 *       Shapley values are known, for evaluating explanations.</li>
 * </ul>
 * The stories260K files are pinned by SHA-256, so a result always names the exact weights used.
 */
public final class ModelResolver {

    public static final String ENV_MODELS = "GSMILE_MODELS";
    public static final URI DEFAULT_DOWNLOAD_BASE =
            URI.create("https://huggingface.co/karpathy/tinyllamas/resolve/main/");

    static final String STORIES_260K = "stories260K";
    static final PinnedFile STORIES_WEIGHTS = new PinnedFile("stories260K.bin",
            "b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696");
    static final PinnedFile STORIES_TOKENIZER = new PinnedFile("tok512.bin",
            "037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312");

    private static final String PREFIX = "local:";
    private static final List<String> TOKENIZER_NAMES = List.of("tok512.bin", "tokenizer.bin");
    /** Every form, short enough for one line. */
    private static final String ACCEPTED = "use local:" + STORIES_260K + ", local:/path/to/model.bin or .gguf, onnx:NAME,"
            + " onnx:/path/to/model.onnx, openai:<baseUrl>#<model>, ollama:<model>[@http://host:port]"
            + " or oracle:keywords#<word>=<weight>,...";
    private static final Pattern KNOWN_PREFIX = Pattern.compile("(?i)(local|onnx|openai|ollama|oracle):");

    /** A file fixed by name and content. */
    record PinnedFile(String name, String sha256) {
    }

    private final Path modelsDir;
    private final Path cacheDir;
    private final URI downloadBase;
    private final ModelDownloader downloader = new ModelDownloader();

    /**
     * @param modelsDir    the GSMILE_MODELS folder, or null when it is not set
     * @param cacheDir     where downloaded models are kept when modelsDir is null
     * @param downloadBase base URL under which {@code stories260K/<file>} is downloaded
     */
    public ModelResolver(Path modelsDir, Path cacheDir, URI downloadBase) {
        this.modelsDir = modelsDir;
        this.cacheDir = cacheDir;
        String base = downloadBase.toString();
        this.downloadBase = base.endsWith("/") ? downloadBase : URI.create(base + "/");
    }

    /** Reads GSMILE_MODELS and the user cache location (XDG_CACHE_HOME, else ~/.cache). */
    public static ModelResolver fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** As {@link #fromEnvironment()}, from the given environment and home folder. */
    public static ModelResolver fromEnvironment(Map<String, String> env, Path home) {
        String models = env.get(ENV_MODELS);
        Path modelsDir = models == null || models.isBlank() ? null : Path.of(models);
        String xdg = env.get("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        Path cacheRoot = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg) : home.resolve(".cache");
        return new ModelResolver(modelsDir, cacheRoot.resolve("gsmile").resolve("models"), DEFAULT_DOWNLOAD_BASE);
    }

    /** As {@link #resolve(String)}, with how to reach and call openai: and ollama: models. */
    public GenerativeModel resolve(String reference, RemoteOptions remote) {
        String ref = normalized(reference);
        if (RemoteModels.accepts(ref)) {
            return RemoteModels.open(ref, remote);
        }
        return resolve(ref);
    }

    public GenerativeModel resolve(String reference) {
        String ref = normalized(reference);
        if (ref.isEmpty()) {
            throw new UserInputException("{model} is empty: name a model, such as {model=local:" + STORIES_260K + "}");
        }
        if (RemoteModels.accepts(ref)) {
            return RemoteModels.open(ref, RemoteOptions.defaults(System.getenv(),
                    Path.of(System.getProperty("user.home"))));
        }
        if (ref.startsWith(OnnxModels.PREFIX)) {
            return OnnxModels.resolve(ref, modelsDir);
        }
        if (KeywordOracle.accepts(ref)) {
            return KeywordOracle.fromReference(ref);
        }
        if (ref.toLowerCase(Locale.ROOT).startsWith(org.gsmile.models.onnx.OnnxImageEditor.PREFIX)) {
            throw new UserInputException("'" + ref + "' is an image editor: explain its instructions with gsmile"
                    + " explain-image --image IN.png");
        }
        if (org.gsmile.models.http.RemoteImageModels.accepts(ref)) {
            throw new UserInputException("'" + UrlSecrets.mask(ref) + "' is an image model: explain it with gsmile"
                    + " explain-image (an editor with --image IN.png)");
        }
        if (!ref.startsWith(PREFIX)) {
            throw unknownReference(ref);
        }
        String spec = ref.substring(PREFIX.length()).strip();
        if (spec.equals(STORIES_260K)) {
            return loadStories260K(ref);
        }
        if (spec.isEmpty()) {
            throw new UserInputException("'" + ref + "' names no model: use local:" + STORIES_260K
                    + " or local:/path/to/model.bin (or .gguf)");
        }
        if (spec.equalsIgnoreCase(STORIES_260K)) {
            throw new UserInputException("unknown local model '" + spec + "': did you mean local:" + STORIES_260K + "?");
        }
        Path path = expandHome(spec);
        if (Files.isDirectory(path)) {
            throw folder(ref, path);
        }
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gguf")) {
            return LocalLlamaModel.loadGguf(ref, existing(path));
        }
        if (lower.endsWith(".bin")) {
            Path checkpoint = existing(path);
            // A file that is no checkpoint at all says so before its missing tokenizer does.
            Llama2cCheckpoint.check(checkpoint);
            return LocalLlamaModel.loadLlama2c(ref, checkpoint, tokenizerBeside(checkpoint));
        }
        if (lower.endsWith(".onnx")) {
            throw new UserInputException("'" + ref + "' is an ONNX model: write onnx:" + spec);
        }
        if (Files.exists(path)) {
            throw new UserInputException(path + " is neither a llama2.c checkpoint (.bin) nor a GGUF file (.gguf):"
                    + " give a model file with one of those endings");
        }
        if (spec.contains("/") || spec.contains("\\") || spec.startsWith("~") || spec.startsWith(".")) {
            throw new UserInputException(path + " does not exist: check the path (local: takes a .bin or .gguf file)");
        }
        throw new UserInputException("unknown local model '" + spec + "': the one local model known by name is "
                + STORIES_260K + "; give others by path, as local:/path/to/model.bin or local:/path/to/model.gguf");
    }

    /**
     * The reference as it is meant: without surrounding spaces, and with its prefix in lower case
     * ({@code LOCAL:stories260K} is local:stories260K).
     */
    static String normalized(String reference) {
        String ref = reference == null ? "" : reference.strip();
        Matcher m = KNOWN_PREFIX.matcher(ref);
        if (m.lookingAt()) {
            ref = m.group(1).toLowerCase(Locale.ROOT) + ":" + ref.substring(m.end()).strip();
        }
        return ref;
    }

    private static UserInputException unknownReference(String ref) {
        String shown = UrlSecrets.mask(ref);
        String lower = ref.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            // The suggestion is one that works: without credentials, which a reference may not hold.
            String plain = shown.replaceFirst("(?i)^(https?://)[^/@]*@", "$1");
            String server = plain.contains("#") ? plain : plain + "#<model>";
            Matcher host = Pattern.compile("^https?://[^/#?]+", Pattern.CASE_INSENSITIVE).matcher(plain);
            return new UserInputException("'" + shown + "' is a server, not a model reference: write openai:" + server
                    + " for an OpenAI-compatible server, or ollama:<model>@" + (host.find() ? host.group() : shown)
                    + " for Ollama" + (plain.equals(shown) ? "" : "; a key goes in an environment variable named by"
                    + " {apiKeyEnv}"));
        }
        if (ref.equalsIgnoreCase(STORIES_260K)) {
            return new UserInputException("unknown model reference '" + shown + "': did you mean local:" + STORIES_260K
                    + "?");
        }
        if (lower.endsWith(".bin") || lower.endsWith(".gguf")) {
            return new UserInputException("'" + shown + "' is a model file: write local:" + shown);
        }
        if (lower.endsWith(".onnx")) {
            return new UserInputException("'" + shown + "' is an ONNX model: write onnx:" + shown);
        }
        return new UserInputException("unknown model reference '" + shown + "': " + ACCEPTED);
    }

    /** A folder given where a model file belongs: name the model files in it, when there are any. */
    private static UserInputException folder(String ref, Path dir) {
        List<String> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile)
                    .map(f -> f.getFileName().toString())
                    .filter(n -> (n.endsWith(".bin") && !TOKENIZER_NAMES.contains(n)) || n.endsWith(".gguf"))
                    .sorted()
                    .limit(3)
                    .forEach(models::add);
        } catch (IOException | UncheckedIOException e) {
            // The plain message below still says what is wrong.
        }
        String example = models.isEmpty() ? "local:" + dir.resolve("model.bin") + " or local:" + dir.resolve("model.gguf")
                : models.stream().map(n -> "local:" + dir.resolve(n)).collect(Collectors.joining(" or "));
        return new UserInputException("'" + ref + "' is a folder: name the model file in it, as in " + example
                + (models.isEmpty() ? " (it holds none)" : ""));
    }

    Path modelsDir() {
        return modelsDir;
    }

    Path cacheDir() {
        return cacheDir;
    }

    /** The URL a stories260K file is downloaded from. */
    URI url(PinnedFile file) {
        return downloadBase.resolve(STORIES_260K + "/" + file.name());
    }

    private GenerativeModel loadStories260K(String reference) {
        Path weights;
        Path tokenizer;
        if (modelsDir != null) {
            weights = fromModelsDir(STORIES_WEIGHTS);
            tokenizer = fromModelsDir(STORIES_TOKENIZER);
        } else {
            weights = fromCache(STORIES_WEIGHTS);
            tokenizer = fromCache(STORIES_TOKENIZER);
        }
        return LocalLlamaModel.loadLlama2c(reference, weights, tokenizer);
    }

    private Path fromModelsDir(PinnedFile file) {
        requireModelsFolder(modelsDir);
        Path path = modelsDir.resolve(STORIES_260K).resolve(file.name());
        if (!Files.isRegularFile(path)) {
            throw new UserInputException(path + " does not exist: " + ENV_MODELS + " is set to " + modelsDir
                    + "; put " + file.name() + " there (from " + url(file) + ") or unset " + ENV_MODELS
                    + " to download it automatically");
        }
        verify(path, file, "replace it with a fresh copy from " + url(file));
        return path;
    }

    /** GSMILE_MODELS names a folder that exists: otherwise every file under it is "missing" for a reason the user cannot see. */
    static void requireModelsFolder(Path modelsDir) {
        if (!Files.exists(modelsDir)) {
            throw new UserInputException(ENV_MODELS + "=" + modelsDir + " does not exist: point " + ENV_MODELS
                    + " at the folder holding " + STORIES_260K + "/, or unset it to download " + STORIES_260K
                    + " automatically");
        }
        if (!Files.isDirectory(modelsDir)) {
            throw new UserInputException(ENV_MODELS + "=" + modelsDir + " is a file, not a folder: point " + ENV_MODELS
                    + " at the folder holding " + STORIES_260K + "/, or unset it");
        }
    }

    private Path fromCache(PinnedFile file) {
        Path dir = cacheDir.resolve(STORIES_260K);
        Path path = dir.resolve(file.name());
        if (!Files.isRegularFile(path)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserInputException("cannot create the model cache " + dir + " (" + e.getMessage()
                        + "): set XDG_CACHE_HOME to a writable folder, or set " + ENV_MODELS
                        + " to a folder holding " + STORIES_260K + "/", e);
            }
            try {
                downloader.download(url(file), path, file.sha256());
            } catch (IOException e) {
                throw offline(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserInputException("interrupted while downloading " + url(file), e);
            }
        }
        verify(path, file, "delete it and run again to download a fresh copy");
        return path;
    }

    private static void verify(Path path, PinnedFile file, String fix) {
        String actual = Sha256.of(path);
        if (!actual.equalsIgnoreCase(file.sha256())) {
            throw new UserInputException(path + " has sha256 " + actual + ", expected " + file.sha256()
                    + " for " + STORIES_260K + ": " + fix);
        }
    }

    private UserInputException offline(IOException cause) {
        String reason = describe(cause);
        return new UserInputException("cannot download " + STORIES_260K + " (" + reason + ") from "
                + url(STORIES_WEIGHTS) + " and " + url(STORIES_TOKENIZER) + ": connect to the internet, or"
                + " download both files into <folder>/" + STORIES_260K + "/ and set " + ENV_MODELS
                + "=<folder>", cause);
    }

    /** A short reason; java.net.http wraps the informative exception, often without a message. */
    private static String describe(Throwable error) {
        if (inChain(error, UnresolvedAddressException.class) || inChain(error, UnknownHostException.class)) {
            return "host not found";
        }
        if (inChain(error, HttpTimeoutException.class)) {
            return "timed out";
        }
        if (inChain(error, ConnectException.class)) {
            return "connection refused";
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().replaceAll("\\s+", " ");
            }
        }
        return error.getClass().getSimpleName();
    }

    private static boolean inChain(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new UserInputException(path + " does not exist: check the path, or use local:" + STORIES_260K
                    + " (read from " + ENV_MODELS + " or downloaded automatically)");
        }
        return path;
    }

    private static Path tokenizerBeside(Path checkpoint) {
        Path dir = checkpoint.toAbsolutePath().getParent();
        for (String name : TOKENIZER_NAMES) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new UserInputException("no tokenizer beside " + checkpoint + ": put tok512.bin or tokenizer.bin in "
                + dir + ", or use local:" + STORIES_260K + " (read from " + ENV_MODELS + " or downloaded"
                + " automatically)");
    }

    private static Path expandHome(String spec) {
        if (spec.equals("~") || spec.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + spec.substring(1));
        }
        return Path.of(spec);
    }
}
