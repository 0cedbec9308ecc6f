package org.gsmile.models.http;

/**
 * A model call for one prompt that still failed after its retries, or that the server refused for
 * that prompt alone. The explainer leaves such a perturbation out of the fit and counts it; errors
 * that doom every call (unreachable server, rejected key, unknown model) are user errors instead.
 */
public class CallFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CallFailedException(String message) {
        super(message);
    }
}
