package org.gsmile.models.http;

import java.net.URI;
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

    /** A reference that works, for messages about a server URL. */
    private static final String EXAMPLE = "openai:http://127.0.0.1:8000/v1#my-model";

    static final String FORMS = "openai:<baseUrl>#<model> (e.g. openai:http://127.0.0.1:8000/v1#my-model,"
            + " add ?api=completions for /completions) or ollama:<model>[@http://host:port]";

    /** The wire formats; the names identify the backend in cache keys. */
    public enum Api {
        OPENAI_CHAT("openai-chat", RemoteOptions.OPENAI_KEY),
        OPENAI_COMPLETIONS("openai-completions", RemoteOptions.OPENAI_KEY),
        OLLAMA_GENERATE("ollama-generate", null);

        private final String id;
        private final String keyVariable;

        Api(String id, String keyVariable) {
            this.id = id;
            this.keyVariable = keyVariable;
        }

        public String id() {
            return id;
        }

        /** The variable the key is read from unless {apiKeyEnv} names another; null: no key by default. */
        String keyVariable() {
            return keyVariable;
        }
    }

    public static boolean accepts(String reference) {
        return reference.startsWith(OPENAI) || reference.startsWith(OLLAMA);
    }

    /**
     * @throws UserInputException for a reference that names no model, no http(s) server, a port out
     *                            of range or credentials (which are never sent: keys go in the
     *                            environment); every message shows the reference with its secrets masked
     */
    public static RemoteReference parse(String reference) {
        String shown = UrlSecrets.mask(reference);
        if (reference.startsWith(OPENAI)) {
            return openAi(reference, shown, reference.substring(OPENAI.length()).strip());
        }
        if (reference.startsWith(OLLAMA)) {
            return ollama(reference, shown, reference.substring(OLLAMA.length()).strip());
        }
        throw new UserInputException("unknown model reference '" + shown + "': use " + FORMS);
    }

    private static RemoteReference openAi(String reference, String shown, String spec) {
        int hash = spec.lastIndexOf('#');
        if (hash < 0 || hash == spec.length() - 1) {
            if (!spec.contains("://")) {
                // openai:gpt-4o: the model without the server.
                throw new UserInputException("'" + shown + "' names no server: write openai:<baseUrl>#<model>, as in"
                        + " openai:https://api.openai.com/v1#" + (spec.isEmpty() || hash >= 0 ? "gpt-4o-mini"
                        : UrlSecrets.mask(spec)) + " or openai:http://127.0.0.1:8000/v1#my-model");
            }
            throw new UserInputException("'" + shown + "' names no model: write the model after '#', as in "
                    + "openai:http://127.0.0.1:8000/v1#my-model");
        }
        String base = spec.substring(0, hash).strip();
        String model = spec.substring(hash + 1).strip();
        if (base.isEmpty()) {
            throw new UserInputException("'" + shown + "' names no server: write it before '#', as in"
                    + " openai:http://127.0.0.1:8000/v1#" + UrlSecrets.mask(model));
        }
        String api = "chat";
        int q = model.indexOf("?api=");
        if (q >= 0) {
            api = model.substring(q + 5);
            model = model.substring(0, q).strip();
        }
        int bq = base.indexOf('?');
        if (bq >= 0) {
            String query = base.substring(bq + 1);
            base = base.substring(0, bq);
            if (!query.startsWith("api=")) {
                throw new UserInputException("unknown option '" + UrlSecrets.mask("?" + query).substring(1) + "' in '"
                        + shown + "': the only one is ?api=chat or ?api=completions (an API key goes in an"
                        + " environment variable named by {apiKeyEnv})");
            }
            api = query.substring(4);
        }
        Api kind = switch (api.strip().toLowerCase(Locale.ROOT)) {
            case "chat" -> Api.OPENAI_CHAT;
            case "completions" -> Api.OPENAI_COMPLETIONS;
            default -> throw new UserInputException("unknown api '" + UrlSecrets.mask(api) + "' in '" + shown
                    + "': choose ?api=chat (default) or ?api=completions");
        };
        if (model.isBlank()) {
            throw new UserInputException("'" + shown + "' names no model: write the model after '#'");
        }
        URI root = ServerUrls.parse(shown, base, EXAMPLE);
        String path = kind == Api.OPENAI_CHAT ? "/chat/completions" : "/completions";
        return new RemoteReference(reference, kind, URI.create(ServerUrls.stripSlash(root.toString()) + path), model);
    }

    private static RemoteReference ollama(String reference, String shown, String spec) {
        URI host = DEFAULT_OLLAMA;
        String model = spec;
        // The server follows the first '@' that starts a URL: a password in that URL may hold '@' too.
        int at = spec.toLowerCase(Locale.ROOT).indexOf("@http");
        if (at < 0) {
            at = spec.lastIndexOf('@');
        }
        if (at >= 0) {
            host = ServerUrls.parse(shown, spec.substring(at + 1), EXAMPLE);
            model = spec.substring(0, at).strip();
        }
        if (model.isBlank()) {
            throw new UserInputException("'" + shown + "' names no model: write it as ollama:llama3.2 or"
                    + " ollama:llama3.2@http://127.0.0.1:11434");
        }
        return new RemoteReference(reference, Api.OLLAMA_GENERATE,
                URI.create(ServerUrls.stripSlash(host.toString()) + "/api/generate"), model);
    }
}
