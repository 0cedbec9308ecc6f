package org.gsmile.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Observed games kept on disk, so that a benchmark run after the first reads every coalition's Δ
 * instead of asking the model again (observing the 30,000 coalitions of the two short-prompt sets
 * takes minutes; answering from them takes seconds). A file is keyed by everything Δ depends on: the
 * prompt, the model's hash, the distance and the output length; it holds the baseline output and v
 * on every coalition, one value a line in bit-set order, written with {@link Double#toString} so it
 * reads back exactly.
 */
final class ObservationCache {
    private final Path dir;

    /** @param dir the folder, or null for no cache */
    ObservationCache(Path dir) {
        this.dir = dir;
    }

    /** The file of one observation, or null without a cache. */
    Path file(String set, String prompt, String modelSha, String distance, int maxNewTokens) {
        if (dir == null) {
            return null;
        }
        String key = prompt + "\n" + modelSha + "\n" + distance + "\n" + maxNewTokens;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(set + "-" + HexFormat.of().formatHex(h, 0, 12) + ".txt");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored output and values, or null when the file does not exist. */
    static Stored read(Path file, String prompt) throws IOException {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 3 || !unescape(lines.get(0)).equals(prompt)) {
            throw new IOException(file + " does not hold the observation of \"" + prompt + "\"");
        }
        String output = unescape(lines.get(1));
        double[] v = new double[lines.size() - 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(lines.get(i + 2));
        }
        return new Stored(output, v);
    }

    static void write(Path file, String prompt, String output, double[] v) throws IOException {
        if (file == null) {
            return;
        }
        List<String> lines = new ArrayList<>(v.length + 2);
        lines.add(escape(prompt));
        lines.add(escape(output));
        for (double x : v) {
            lines.add(Double.toString(x));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    record Stored(String output, double[] values) {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char d = s.charAt(++i);
            switch (d) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(d);
            }
        }
        return b.toString();
    }
}
