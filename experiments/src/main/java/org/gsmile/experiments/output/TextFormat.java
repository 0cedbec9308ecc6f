package org.gsmile.experiments.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gsmile.core.spec.UnitKind;

/** Small pieces of the text output: escaping, counted nouns, wrapping, cutting with a mark. */
public final class TextFormat {
    /** Prose lines are wrapped at this width. */
    static final int WIDTH = 100;

    private TextFormat() {
    }

    /**
     * Text on one line: line breaks and tabs written as backslash n, r and t, other control
     * characters (and the Unicode line and paragraph separators) as backslash u and four hex digits.
     */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        sb.append("\\" + String.format(Locale.ROOT, "u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** "1 round", "2 rounds"; {@code plural} is the noun's plural. */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** "1 round", "2 rounds": nouns whose plural adds an s. */
    static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** "word", "token", "phrase", "sentence". */
    static String unitNoun(UnitKind kind) {
        String plural = kind.attributesTo().label();
        return plural.substring(0, plural.length() - 1);
    }

    /** "1 word", "11 words". */
    static String units(long n, UnitKind kind) {
        return count(n, unitNoun(kind), kind.attributesTo().label());
    }

    /** At most {@code width} characters; a cut text ends in "…", so a cut never goes unmarked. */
    static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }

    /**
     * Words of {@code text} in lines of at most {@link #WIDTH} characters (a longer word gets a line
     * of its own), the first line after {@code first}, the others after {@code rest}; each line ends
     * in a line break.
     */
    static String wrap(String text, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String word : unbreakable(text)) {
            if (!empty && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        lines.add(line.toString());
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /**
     * The words of a text, where a line break would mislead kept together: a flag with its value
     * ({@code --samples 24}) and the operands of {@code +}, {@code =} and {@code −} ({@code 2n + 2}).
     */
    private static List<String> unbreakable(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        List<String> out = new ArrayList<>();
        boolean glueNext = false;
        for (String w : words) {
            boolean operator = w.equals("+") || w.equals("=") || w.equals("−") || w.equals("-");
            if (!out.isEmpty() && (glueNext || operator)) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + w);
            } else {
                out.add(w);
            }
            glueNext = operator || (w.startsWith("--") && w.length() > 2);
        }
        return out;
    }

    /** A number for prose: 5 significant digits, signed. */
    static String signed(double v) {
        return String.format(Locale.ROOT, "%+.5f", v);
    }

    /** A fit statistic, or "n/a" where it is not a number. */
    static String stat(double v, String format) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }
}
