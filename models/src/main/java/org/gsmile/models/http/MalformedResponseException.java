package org.gsmile.models.http;

/** A 2xx answer that is not the JSON the API promises: retried, like a dropped connection. */
final class MalformedResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
        super(message);
    }
}
