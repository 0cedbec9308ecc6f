package org.gsmile.models.http;

import org.gsmile.core.UserInputException;
import org.gsmile.core.model.GenerativeModel;

/** Opens the models named {@code openai:...} and {@code ollama:...}; see {@link RemoteReference}. */
public final class RemoteModels {
    /** For the list of accepted references in error messages. */
    public static final String ACCEPTED = RemoteReference.FORMS;

    private RemoteModels() {
    }

    public static boolean accepts(String reference) {
        return RemoteReference.accepts(reference);
    }

    public static GenerativeModel open(String reference, RemoteOptions options) {
        return new RemoteModel(RemoteReference.parse(reference), options);
    }

    /**
     * As {@link #open(String, RemoteOptions)}; a reference that does not parse is reported with
     * {@code accepted}, every form the caller takes, since "openai:gpt-4" may be a guess at any of them.
     */
    public static GenerativeModel open(String reference, RemoteOptions options, String accepted) {
        RemoteReference parsed;
        try {
            parsed = RemoteReference.parse(reference);
        } catch (UserInputException e) {
            throw new UserInputException(e.getMessage() + "; " + accepted, e);
        }
        return new RemoteModel(parsed, options);
    }
}
