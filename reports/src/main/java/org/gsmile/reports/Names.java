package org.gsmile.reports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Orders and file names for the names a run uses (models, cases, settings). */
final class Names {
    private Names() {
    }

    /** "case-2" before "case-10": runs of digits compare by value, the rest by text. */
    static final Comparator<String> NATURAL = Names::compareNatural;

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String da = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String db = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j) != 0 ? Integer.compare(a.length() - i, b.length() - j)
                : a.compareTo(b);
    }

    /**
     * File names for names, distinct for distinct names: the name's letters, digits, '.', '-' and
     * '_' (at most 48), and where that changed or shortened it, a short hash of the whole name.
     */
    static final class Slugs {
        private final Map<String, String> byName = new HashMap<>();
        private final Map<String, String> taken = new HashMap<>();

        String of(String name) {
            return byName.computeIfAbsent(name, this::fresh);
        }

        private String fresh(String name) {
            String base = name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
            if (base.length() > 48) {
                base = base.substring(0, 48);
            }
            String slug = base.isEmpty() ? "x" : base;
            if (!base.equals(name) || taken.containsKey(slug.toLowerCase())) {
                slug = slug + "-" + hash(name);
            }
            taken.put(slug.toLowerCase(), name);
            return slug;
        }
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
