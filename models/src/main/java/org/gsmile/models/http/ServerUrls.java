package org.gsmile.models.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gsmile.core.UserInputException;

/** The server URL in a model reference, checked before any call, for text and image backends alike. */
final class ServerUrls {
    private static final Pattern PORT = Pattern.compile(":(\\d+)$");

    private ServerUrls() {
    }

    /**
     * The server's URL, checked as far as it can be without calling it.
     *
     * @param shown   the whole reference, its secrets masked, to name in messages
     * @param example a reference of the same kind that works, for the fixes the messages suggest
     * @throws UserInputException for a URL that is not one, not http(s), names no host, a port out of
     *                            range, carries credentials (which are never sent) or a query
     */
    static URI parse(String shown, String text, String example) {
        String url = text.strip();
        String masked = UrlSecrets.mask(url);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            if (!url.contains("://")) {
                throw new UserInputException("'" + masked + "' in '" + shown + "' is not a URL: write the server with"
                        + " its scheme, as in http://" + masked);
            }
            String why = url.chars().anyMatch(Character::isWhitespace) ? " (it holds a space)" : "";
            throw new UserInputException("'" + masked + "' in '" + shown + "' is not a valid URL" + why + ": write the"
                    + " server as http://host:port/path, as in " + example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!url.contains("://")) {
            throw new UserInputException("'" + masked + "' in '" + shown + "' is not a URL: write the server with its"
                    + " scheme, as in http://" + (masked.isEmpty() ? "127.0.0.1:8000/v1" : masked));
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserInputException("'" + masked + "' in '" + shown + "' is not an http(s) URL: write the server"
                    + " as http://host:port/path, as in " + example);
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            throw new UserInputException("'" + masked + "' in {model} holds credentials, which gsmile never sends:"
                    + " remove the part before '@' and put the key in an environment variable named by"
                    + " {apiKeyEnv} (it is sent as a Bearer token)");
        }
        // A port java.net.URI cannot hold as a number leaves the authority registry-based: no host.
        Matcher port = PORT.matcher(authority);
        if (port.find()) {
            long number = port.group(1).length() > 6 ? Long.MAX_VALUE : Long.parseLong(port.group(1));
            if (number < 1 || number > 65_535) {
                throw new UserInputException("port " + port.group(1) + " in '" + masked + "' is out of range: ports go"
                        + " from 1 to 65535, as in http://127.0.0.1:8000/v1");
            }
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UserInputException("'" + masked + "' in '" + shown + "' names no host: write the server as"
                    + " http://host:port/path, as in " + example);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UserInputException("'" + masked + "' in '" + shown + "' carries a query or fragment the server"
                    + " URL cannot take: write it as http://host:port/path");
        }
        try {
            // What the HTTP client checks only when the first request is sent.
            java.net.http.HttpRequest.newBuilder(uri);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("'" + masked + "' in '" + shown + "' cannot be called (" + e.getMessage()
                    + "): write the server as http://host:port/path");
        }
        return uri;
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
