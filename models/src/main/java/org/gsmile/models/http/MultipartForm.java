package org.gsmile.models.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A multipart/form-data body (RFC 7578), for APIs that take a file upload: text fields and files,
 * in the order added. The boundary is drawn at random and drawn again should any part contain it.
 */
final class MultipartForm {
    private record Part(String name, String filename, String contentType, byte[] content) {
    }

    private final List<Part> parts = new ArrayList<>();

    MultipartForm field(String name, String value) {
        parts.add(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    MultipartForm file(String name, String filename, String contentType, byte[] content) {
        parts.add(new Part(name, filename, contentType, content));
        return this;
    }

    HttpBody build() {
        String boundary;
        do {
            boundary = "gsmile-" + UUID.randomUUID().toString().replace("-", "");
        } while (occurs(boundary));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.filename() != null) {
                head.append("; filename=\"").append(p.filename()).append('"');
            }
            head.append("\r\n");
            if (p.contentType() != null) {
                head.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new HttpBody("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private boolean occurs(String boundary) {
        byte[] b = boundary.getBytes(StandardCharsets.US_ASCII);
        for (Part p : parts) {
            byte[] c = p.content();
            outer:
            for (int i = 0; i + b.length <= c.length; i++) {
                for (int j = 0; j < b.length; j++) {
                    if (c[i + j] != b[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
