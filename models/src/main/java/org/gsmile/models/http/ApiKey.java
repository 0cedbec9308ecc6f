package org.gsmile.models.http;

import java.util.Map;

/**
 * An API key read from an environment variable. The key is only ever written into an
 * Authorization header: it is not a record, so that no generated toString can print it, and
 * {@link #scrub} removes it from any text a server sends back before that text is shown.
 */
public final class ApiKey {
    private final String variable;
    private final String value;

    private ApiKey(String variable, String value) {
        this.variable = variable;
        this.value = value;
    }

    /** The key in {@code variable}, or an absent key when the variable is unset or blank. */
    public static ApiKey fromEnvironment(Map<String, String> env, String variable) {
        String v = variable == null ? null : env.get(variable);
        return new ApiKey(variable, v == null || v.isBlank() ? null : v.strip());
    }

    /** The environment variable the key is read from, or null when the backend takes none. */
    public String variable() {
        return variable;
    }

    public boolean isPresent() {
        return value != null;
    }

    /** The Authorization header value; only for the request itself. */
    String bearer() {
        return "Bearer " + value;
    }

    /** The text with every occurrence of the key replaced, for messages that echo a request. */
    public String scrub(String text) {
        if (value == null || text == null) {
            return text;
        }
        return text.replace(value, "***");
    }

    @Override
    public String toString() {
        return "ApiKey[" + variable + (value == null ? ", unset]" : ", set]");
    }
}
