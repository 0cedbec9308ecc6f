package org.gsmile.models.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.gsmile.core.UserInputException;

/**
 * A model behind an HTTP API, as named on the command line:
 * <ul>
 *   <li>{@code openai:<baseUrl>#<model>}: an OpenAI-compatible server (OpenAI, vLLM, llama.cpp's
 *       server, LM Studio, Ollama's /v1), through {@code <baseUrl>/chat/completions}; with
 *       {@code ?api=completions} after the model (or in the base URL) through {@code <baseUrl>/completions};</li>
 *   <li>{@code ollama:<model>} or {@code ollama:<model>@http://host:port}: Ollama's own
 *       {@code /api/generate}, by default on {@code http://127.0.0.1:11434}.</li>
 * </ul>
 *
 * @param reference the reference as given, kept for provenance
 * @param api       which wire format the server speaks
 * @param endpoint  the URL every request is posted to
 * @param model     the model name sent to the server
 */
public record RemoteReference(String reference, Api api, URI endpoint, String model) {
    public static final String OPENAI = "openai:";
    public static final String OLLAMA = "ollama:";
    public static final URI DEFAULT_OLLAMA = URI.create("http://127.0.0.1:11434");

    static final String FORMS = "openai:<baseUrl>#<model> (e.g. openai:http://127.0.0.1:8000/v1#my-model,"
            + " add ?api=completions for /completions) or ollama:<model>[@http://host:port]";

    /** The wire formats; the names identify the backend in cache keys. */
    public enum Api {
        OPENAI_CHAT("openai-chat"), OPENAI_COMPLETIONS("openai-completions"), OLLAMA_GENERATE("ollama-generate");

        private final String id;

        Api(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public static boolean accepts(String reference) {
        return reference.startsWith(OPENAI) || reference.startsWith(OLLAMA);
    }

    public static RemoteReference parse(String reference) {
        if (reference.startsWith(OPENAI)) {
            return openAi(reference, reference.substring(OPENAI.length()).strip());
        }
        if (reference.startsWith(OLLAMA)) {
            return ollama(reference, reference.substring(OLLAMA.length()).strip());
        }
        throw new UserInputException("unknown model reference '" + reference + "': use " + FORMS);
    }

    private static RemoteReference openAi(String reference, String spec) {
        int hash = spec.lastIndexOf('#');
        if (hash < 0 || hash == spec.length() - 1) {
            throw new UserInputException("'" + reference + "' names no model: write the model after '#', as in "
                    + "openai:http://127.0.0.1:8000/v1#my-model");
        }
        String base = spec.substring(0, hash);
        String model = spec.substring(hash + 1);
        String api = "chat";
        int q = model.indexOf("?api=");
        if (q >= 0) {
            api = model.substring(q + 5);
            model = model.substring(0, q);
        }
        int bq = base.indexOf('?');
        if (bq >= 0) {
            String query = base.substring(bq + 1);
            base = base.substring(0, bq);
            if (!query.startsWith("api=")) {
                throw new UserInputException("unknown option '" + query + "' in '" + reference + "': the only one is"
                        + " ?api=chat or ?api=completions");
            }
            api = query.substring(4);
        }
        Api kind = switch (api.toLowerCase(Locale.ROOT)) {
            case "chat" -> Api.OPENAI_CHAT;
            case "completions" -> Api.OPENAI_COMPLETIONS;
            default -> throw new UserInputException("unknown api '" + api + "' in '" + reference
                    + "': choose ?api=chat (default) or ?api=completions");
        };
        if (model.isBlank()) {
            throw new UserInputException("'" + reference + "' names no model: write the model after '#'");
        }
        URI root = httpUrl(reference, base);
        String path = kind == Api.OPENAI_CHAT ? "/chat/completions" : "/completions";
        return new RemoteReference(reference, kind, URI.create(stripSlash(root.toString()) + path), model);
    }

    private static RemoteReference ollama(String reference, String spec) {
        URI host = DEFAULT_OLLAMA;
        String model = spec;
        int at = spec.lastIndexOf('@');
        if (at >= 0) {
            host = httpUrl(reference, spec.substring(at + 1));
            model = spec.substring(0, at);
        }
        if (model.isBlank()) {
            throw new UserInputException("'" + reference + "' names no model: write it as ollama:llama3.2 or"
                    + " ollama:llama3.2@http://127.0.0.1:11434");
        }
        return new RemoteReference(reference, Api.OLLAMA_GENERATE,
                URI.create(stripSlash(host.toString()) + "/api/generate"), model);
    }

    private static URI httpUrl(String reference, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below with the forms that work.
        }
        throw new UserInputException("'" + text + "' in '" + reference + "' is not an http(s) URL with a host: use "
                + FORMS);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
