package org.gsmile.models.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageSize;

/**
 * An image model behind an HTTP API, as named on the command line; each form may end in
 * {@code ?name=value&...} with the settings sent on every request:
 * <ul>
 *   <li>{@code http-editor:<url>}: a generic editor, {@code POST <url>} with
 *       {@code {"image": base64 PNG, "instruction": ...}}, answering {@code {"image": base64 PNG}};</li>
 *   <li>{@code openai-editor:<baseUrl>#<model>} and {@code openai-generator:<baseUrl>#<model>}:
 *       OpenAI's images API, {@code <baseUrl>/images/edits} and {@code <baseUrl>/images/generations},
 *       as {@code openai:<baseUrl>#<model>} names a text model;</li>
 *   <li>{@code a1111-editor:[<url>]} and {@code a1111-generator:[<url>]}: the Automatic1111 web UI's
 *       {@code /sdapi/v1/img2img} and {@code /sdapi/v1/txt2img}, by default on
 *       {@code http://127.0.0.1:7860}, as {@code ollama:} defaults to its usual port.</li>
 * </ul>
 * Settings: {@code size=WxH} (every kind; for an editor the one input size it takes, else any size
 * and the output must keep it), and for Automatic1111 {@code steps}, {@code seed} and (editor only)
 * {@code denoising}. The seed is fixed (default {@value #DEFAULT_SEED}) so that a prompt's image is
 * the same on every call: the explanation compares images of perturbed prompts with the original's.
 *
 * @param reference the reference as given, kept for provenance
 * @param kind      the API and whether it edits or generates
 * @param endpoint  the URL every request is posted to
 * @param model     the model name sent to the server; empty where the API takes none
 * @param size      the image size asked for; null for an editor that keeps its input's size
 * @param steps     diffusion steps (Automatic1111)
 * @param seed      the fixed seed (Automatic1111)
 * @param denoising how far img2img may move from the input, in (0, 1] (Automatic1111 editor)
 */
public record ImageReference(String reference, Kind kind, URI endpoint, String model, ImageSize size, int steps,
                             long seed, double denoising) {
    public static final URI DEFAULT_A1111 = URI.create("http://127.0.0.1:7860");
    public static final int DEFAULT_STEPS = 20;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_DENOISING = 0.75;
    public static final int MAX_STEPS = 150;
    public static final long MAX_SEED = 4_294_967_295L;
    public static final int MAX_SIDE = 8192;

    static final String FORMS = "http-editor:<url>, openai-editor:<baseUrl>#<model>, openai-generator:<baseUrl>#<model>,"
            + " a1111-editor:[<url>] or a1111-generator:[<url>]";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})[xX](\\d{1,9})");

    /** The APIs; {@link #id()} identifies the backend in cache keys. */
    public enum Kind {
        HTTP_EDITOR("http-editor:", "http-edit", true, null, "http-editor:http://127.0.0.1:8000/edit", List.of("size")),
        OPENAI_EDITOR("openai-editor:", "openai-images-edits", true, RemoteOptions.OPENAI_KEY,
                "openai-editor:https://api.openai.com/v1#gpt-image-1", List.of("size")),
        OPENAI_GENERATOR("openai-generator:", "openai-images-generations", false, RemoteOptions.OPENAI_KEY,
                "openai-generator:https://api.openai.com/v1#gpt-image-1", List.of("size")),
        A1111_EDITOR("a1111-editor:", "a1111-img2img", true, null, "a1111-editor:http://127.0.0.1:7860",
                List.of("size", "steps", "seed", "denoising")),
        A1111_GENERATOR("a1111-generator:", "a1111-txt2img", false, null, "a1111-generator:http://127.0.0.1:7860",
                List.of("size", "steps", "seed"));

        private final String prefix;
        private final String id;
        private final boolean editor;
        private final String keyVariable;
        private final String example;
        private final List<String> settings;

        Kind(String prefix, String id, boolean editor, String keyVariable, String example, List<String> settings) {
            this.prefix = prefix;
            this.id = id;
            this.editor = editor;
            this.keyVariable = keyVariable;
            this.example = example;
            this.settings = settings;
        }

        public String prefix() {
            return prefix;
        }

        public String id() {
            return id;
        }

        /** An editor takes an input image; a generator the prompt alone. */
        public boolean isEditor() {
            return editor;
        }

        /** The variable the key is read from unless {apiKeyEnv} names another; null: no key by default. */
        String keyVariable() {
            return keyVariable;
        }

        /** The size a generator draws when the reference gives none: what each API defaults to. */
        ImageSize defaultSize() {
            return switch (this) {
                case OPENAI_GENERATOR -> new ImageSize(1024, 1024);
                case A1111_GENERATOR -> new ImageSize(512, 512);
                default -> null;
            };
        }
    }

    public static boolean accepts(String reference) {
        return kindOf(reference) != null;
    }

    /**
     * @throws UserInputException for a reference that names no server or model, a bad URL (see
     *                            {@link ServerUrls#parse}) or a setting that is unknown, repeated or
     *                            out of range; every message shows the reference with its secrets masked
     */
    public static ImageReference parse(String reference) {
        Kind kind = kindOf(reference);
        String shown = UrlSecrets.mask(reference);
        if (kind == null) {
            throw new UserInputException("unknown image model reference '" + shown + "': use " + FORMS);
        }
        String spec = reference.strip().substring(kind.prefix.length()).strip();
        String model = "";
        String location = spec;
        String query = "";
        if (kind == Kind.OPENAI_EDITOR || kind == Kind.OPENAI_GENERATOR) {
            // As openai:<baseUrl>#<model>?api=...: the settings follow the model.
            int hash = spec.lastIndexOf('#');
            if (hash < 0 && spec.contains("://")) {
                throw new UserInputException("'" + shown + "' names no model: write it after '#', as in " + kind.example);
            }
            if (hash < 0 || !spec.substring(0, hash).contains("://")) {
                throw new UserInputException("'" + shown + "' names no server: write " + kind.prefix
                        + "<baseUrl>#<model>, as in " + kind.example);
            }
            location = spec.substring(0, hash).strip();
            model = spec.substring(hash + 1).strip();
            int q = model.indexOf('?');
            if (q >= 0) {
                query = model.substring(q + 1);
                model = model.substring(0, q).strip();
            }
            if (model.isEmpty()) {
                throw new UserInputException("'" + shown + "' names no model: write it after '#', as in " + kind.example);
            }
            if (location.contains("?")) {
                throw new UserInputException("'" + shown + "' has settings before the model: write them after it, as in "
                        + kind.example + "?size=1024x1024");
            }
        } else {
            int q = spec.indexOf('?');
            if (q >= 0) {
                query = spec.substring(q + 1);
                location = spec.substring(0, q).strip();
            }
        }
        URI endpoint;
        if (kind == Kind.HTTP_EDITOR) {
            if (location.isEmpty()) {
                throw new UserInputException("'" + shown + "' names no server: write the URL of the edit endpoint, as in "
                        + kind.example);
            }
            // The URL is the endpoint itself: a user's own server chooses its path.
            endpoint = ServerUrls.parse(shown, location, kind.example);
        } else {
            URI base = location.isEmpty() && kind.prefix.startsWith("a1111") ? DEFAULT_A1111
                    : ServerUrls.parse(shown, location, kind.example);
            endpoint = URI.create(ServerUrls.stripSlash(base.toString()) + path(kind));
        }
        Map<String, String> given = settings(kind, shown, query);
        ImageSize size = given.containsKey("size") ? size(shown, given.get("size")) : kind.defaultSize();
        int steps = given.containsKey("steps") ? (int) whole(shown, "steps", given.get("steps"), 1, MAX_STEPS)
                : DEFAULT_STEPS;
        long seed = given.containsKey("seed") ? seed(shown, given.get("seed")) : DEFAULT_SEED;
        double denoising = given.containsKey("denoising") ? denoising(shown, given.get("denoising"))
                : DEFAULT_DENOISING;
        return new ImageReference(reference, kind, endpoint, model, size, steps, seed, denoising);
    }

    /**
     * The settings that shape every answer, by name, in a stable order: for provenance and the cache
     * key. An editor's size appears only when the reference fixes it (else it is the input's).
     */
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        if (size != null) {
            s.put("size", size.toString());
        }
        if (kind.settings.contains("steps")) {
            s.put("steps", steps);
            s.put("seed", seed);
        }
        if (kind.settings.contains("denoising")) {
            s.put("denoising", denoising);
        }
        return s;
    }

    private static Kind kindOf(String reference) {
        String lower = reference == null ? "" : reference.strip().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (lower.startsWith(k.prefix)) {
                return k;
            }
        }
        return null;
    }

    private static String path(Kind kind) {
        return switch (kind) {
            case OPENAI_EDITOR -> "/images/edits";
            case OPENAI_GENERATOR -> "/images/generations";
            case A1111_EDITOR -> "/sdapi/v1/img2img";
            case A1111_GENERATOR -> "/sdapi/v1/txt2img";
            case HTTP_EDITOR -> "";
        };
    }

    /** {@code name=value} pairs joined by {@code &}, each a setting this kind takes, none twice. */
    private static Map<String, String> settings(Kind kind, String shown, String query) {
        Map<String, String> given = new LinkedHashMap<>();
        if (query.isBlank()) {
            return given;
        }
        String takes = kind.prefix + " takes " + kind.settings.stream().map(ImageReference::form)
                .collect(Collectors.joining(", "));
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (name.isEmpty()) {
                throw new UserInputException("'" + shown + "' has an empty setting (a stray '&' or '?'): " + takes);
            }
            if (UrlSecrets.hasSecrets("?" + name + "=x")) {
                throw new UserInputException("'" + shown + "' carries " + name + ", which gsmile never sends: put the"
                        + " key in an environment variable named by {apiKeyEnv}");
            }
            if (!kind.settings.contains(name)) {
                throw new UserInputException("unknown setting '" + name + "' in '" + shown + "': " + takes);
            }
            if (value.isEmpty()) {
                throw new UserInputException("setting " + name + " in '" + shown + "' has no value: write " + form(name));
            }
            if (given.put(name, value) != null) {
                throw new UserInputException("setting " + name + " is given twice in '" + shown + "': keep one");
            }
        }
        return given;
    }

    /** A setting as it is written, with a value that works. */
    private static String form(String name) {
        return switch (name) {
            case "size" -> "size=WxH (e.g. size=512x512)";
            case "steps" -> "steps=N (1 to " + MAX_STEPS + ", default " + DEFAULT_STEPS + ")";
            case "seed" -> "seed=N (0 to " + MAX_SEED + ", default " + DEFAULT_SEED + ")";
            case "denoising" -> "denoising=D (above 0, at most 1, default " + DEFAULT_DENOISING + ")";
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static ImageSize size(String shown, String value) {
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new UserInputException("size '" + value + "' in '" + shown + "' is not WIDTHxHEIGHT: write it as"
                    + " size=512x512");
        }
        long w = Long.parseLong(m.group(1));
        long h = Long.parseLong(m.group(2));
        if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE || w * h > Image.DEFAULT_MAX_PIXELS) {
            throw new UserInputException("size " + value + " in '" + shown + "' is out of range: each side from 1 to "
                    + MAX_SIDE + " and at most " + Image.DEFAULT_MAX_PIXELS + " pixels, as in size=1024x1024");
        }
        return new ImageSize((int) w, (int) h);
    }

    private static long whole(String shown, String name, String value, long min, long max) {
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UserInputException("setting " + name + " in '" + shown + "' must be a whole number, got '" + value
                    + "': write " + form(name));
        }
        if (v < min || v > max) {
            throw new UserInputException("setting " + name + " in '" + shown + "' must be from " + min + " to " + max
                    + ", got " + value + ": write " + form(name));
        }
        return v;
    }

    private static long seed(String shown, String value) {
        if (value.equals("-1")) {
            // Automatic1111 reads -1 as "draw a seed": every call would paint another picture.
            throw new UserInputException("seed -1 in '" + shown + "' asks for a random seed, so the same prompt would"
                    + " give another image on every call and the explanation would measure noise: give a fixed seed,"
                    + " as in seed=" + DEFAULT_SEED);
        }
        return whole(shown, "seed", value, 0, MAX_SEED);
    }

    private static double denoising(String shown, String value) {
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!(d > 0 && d <= 1)) {
            throw new UserInputException("setting denoising in '" + shown + "' must be a number above 0 and at most 1,"
                    + " got '" + value + "': write " + form("denoising"));
        }
        return d;
    }
}
