package org.gsmile.models.http;

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
}
