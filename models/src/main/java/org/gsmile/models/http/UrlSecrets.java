package org.gsmile.models.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what may be a secret inside a URL before the URL is shown: the password of
 * {@code http://user:password@host} (or the whole user part when it has no password, since a bare
 * {@code http://token@host} is how some services take a key), and the values of query parameters
 * named like a key ({@code ?api_key=...}, {@code &token=...}). gsmile never sends such credentials
 * (keys go in an environment variable named by {@code --api-key-env}); this keeps a URL that carries
 * them out of every message anyway.
 */
public final class UrlSecrets {
    public static final String MASK = "***";
    private static final Pattern KEY_PARAMETER = Pattern.compile(
            "([?&;][\\w.-]*(?:key|token|secret|passw|pwd|auth|sig|credential)[\\w.-]*=)([^&#\\s'\"]+)",
            Pattern.CASE_INSENSITIVE);

    private UrlSecrets() {
    }

    /** The text with every URL credential in it replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        if (text == null || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int slashes = text.indexOf("//"); slashes >= 0; slashes = text.indexOf("//", slashes + 2)) {
            int start = slashes + 2;
            if (start < copied) {
                continue;
            }
            // The user part ends at the authority's last '@'; a query, a fragment (openai:'s #model)
            // or the end of the word ends the search. A careless password may hold '/', so it does not.
            int end = start;
            while (end < text.length() && "#?'\"".indexOf(text.charAt(end)) < 0
                    && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            if (at < start) {
                continue;
            }
            String user = text.substring(start, at);
            int colon = user.indexOf(':');
            out.append(text, copied, start).append(colon < 0 ? MASK : user.substring(0, colon + 1) + MASK);
            copied = at;
        }
        out.append(text, copied, text.length());
        return KEY_PARAMETER.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /** True when the text holds something {@link #mask} would hide. */
    public static boolean hasSecrets(String text) {
        return text != null && !text.equals(mask(text));
    }
}
