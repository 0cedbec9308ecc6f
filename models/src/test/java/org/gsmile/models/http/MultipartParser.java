package org.gsmile.models.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a multipart/form-data body as a server would (RFC 7578, RFC 2046 delimiters), written apart
 * from {@link MultipartForm} so that a test checks the client's body against the format, not against
 * itself. Text parts become text fields; a file part becomes {@code {"filename", "contentType",
 * "base64"}}. A body that breaks the format throws, which the test server turns into a dropped
 * connection.
 */
public final class MultipartParser {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    private MultipartParser() {
    }

    public static ObjectNode parse(byte[] raw, String contentType) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw new IllegalArgumentException("no boundary in " + contentType);
        }
        // ISO-8859-1 maps every byte to one char and back, so binary parts survive the string search.
        String body = new String(raw, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + b.group(1);
        if (!body.startsWith(delimiter + "\r\n")) {
            throw new IllegalArgumentException("the body does not open with its boundary");
        }
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        int at = delimiter.length() + 2;
        while (true) {
            int headersEnd = body.indexOf("\r\n\r\n", at);
            int next = body.indexOf("\r\n" + delimiter, at);
            if (headersEnd < 0 || next < 0 || headersEnd > next) {
                throw new IllegalArgumentException("a part without headers or end");
            }
            String headers = body.substring(at, headersEnd);
            String content = body.substring(headersEnd + 4, next);
            String disposition = header(headers, "content-disposition");
            Matcher name = NAME.matcher(disposition);
            if (!disposition.startsWith("form-data") || !name.find()) {
                throw new IllegalArgumentException("a part without form-data; name: " + headers);
            }
            Matcher file = FILENAME.matcher(disposition);
            if (file.find()) {
                ObjectNode f = fields.putObject(name.group(1));
                f.put("filename", file.group(1));
                f.put("contentType", header(headers, "content-type"));
                f.put("base64", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.ISO_8859_1)));
            } else {
                fields.put(name.group(1), new String(content.getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8));
            }
            at = next + 2 + delimiter.length();
            if (body.startsWith("--", at)) {
                return fields;
            }
            if (!body.startsWith("\r\n", at)) {
                throw new IllegalArgumentException("a delimiter not followed by CRLF");
            }
            at += 2;
        }
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }
}
