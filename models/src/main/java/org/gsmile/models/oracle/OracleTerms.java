package org.gsmile.models.oracle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.gsmile.core.UserInputException;
import org.gsmile.core.distance.WordMoversDistance;

/**
 * The terms of a keyword oracle, as written after the {@code #} of
 * {@code oracle:keywords#rain=0.6,remove=0.4,not+good=0.5}: each comma-separated term is one word,
 * or several words joined by {@code +} that count only when all of them are in the prompt (an
 * interaction), with a positive weight.
 *
 * <p>Words are held normalised the way the oracle reads prompts (and as
 * {@link WordMoversDistance#words} counts words): lower case, every character that is not a letter,
 * mark or digit removed, so {@code Rain} is {@code rain} and {@code don't} is {@code dont}.
 *
 * @param terms the terms in the order written: term i is position i of the oracle's output
 */
public record OracleTerms(List<Term> terms) {

    /** What every message suggests: a spec that works. */
    static final String EXAMPLE = "oracle:keywords#rain=0.6,remove=0.4";

    // A plain decimal: Double.parseDouble would also take "NaN", "0x1p3" and "0.5d", which are no weights.
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    /**
     * One term.
     *
     * @param words  its normalised words, in the order written; the term is present when all are
     * @param weight its weight, positive and finite
     */
    public record Term(List<String> words, double weight) {
        public Term {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a term needs at least one word");
            }
            for (String w : words) {
                if (!WordMoversDistance.words(w).equals(List.of(w))) {
                    throw new IllegalArgumentException("'" + w + "' is not a normalised word (lower case, letters,"
                            + " marks and digits only)");
                }
            }
            if (new HashSet<>(words).size() != words.size()) {
                throw new IllegalArgumentException("term " + words + " names a word twice");
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("a term's weight must be positive and finite, got " + weight);
            }
        }

        /** The term as written in a spec, words joined by {@code +}: also its token's text. */
        public String label() {
            return String.join("+", words);
        }
    }

    public OracleTerms {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an oracle needs at least one term");
        }
        Set<Set<String>> seen = new HashSet<>();
        for (Term t : terms) {
            // Word order inside a term does not change what it means (all must be present), so
            // not+good and good+not are the same term.
            if (!seen.add(Set.copyOf(t.words()))) {
                throw new IllegalArgumentException("term " + t.label() + " is given twice");
            }
        }
    }

    /**
     * Parses the text after {@code #}; every mistake is a {@link UserInputException} of one line
     * naming the term and the fix.
     */
    public static OracleTerms parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new UserInputException("oracle:keywords needs its keywords: write " + EXAMPLE);
        }
        String[] parts = spec.split(",", -1);
        List<Term> terms = new ArrayList<>(parts.length);
        Set<Set<String>> seen = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                throw new UserInputException("oracle:keywords#" + spec + " has an empty term (the " + ordinal(i + 1)
                        + "): separate terms by single commas, as in " + EXAMPLE);
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new UserInputException("oracle:keywords term '" + part + "' has no weight: write " + part
                        + "=0.5");
            }
            if (part.indexOf('=', eq + 1) >= 0) {
                throw new UserInputException("oracle:keywords term '" + part + "' has more than one =: write one"
                        + " weight per term, as in " + part.substring(0, eq).strip() + "=0.5");
            }
            List<String> words = words(part.substring(0, eq).strip(), part);
            double weight = weight(part.substring(eq + 1).strip(), part.substring(0, eq).strip());
            String label = String.join("+", words);
            if (!seen.add(Set.copyOf(words))) {
                throw new UserInputException("oracle:keywords names the term " + label + " twice: give each"
                        + " term once, with one weight");
            }
            terms.add(new Term(words, weight));
        }
        return new OracleTerms(terms);
    }

    private static List<String> words(String text, String part) {
        if (text.isEmpty()) {
            throw new UserInputException("oracle:keywords term '" + part + "' has no word before its weight: write"
                    + " word=weight, as in rain=0.6");
        }
        List<String> words = new ArrayList<>();
        for (String piece : text.split("\\+", -1)) {
            String raw = piece.strip();
            if (raw.isEmpty()) {
                throw new UserInputException("oracle:keywords term '" + part + "' has an empty word: join the words"
                        + " of a term with single +, as in not+good=0.5");
            }
            List<String> normal = WordMoversDistance.words(raw);
            if (normal.isEmpty()) {
                throw new UserInputException("oracle:keywords word '" + raw + "' has no letter or digit: the oracle"
                        + " matches the prompt's words with punctuation removed, so name a word, as in rain=0.6");
            }
            if (normal.size() > 1) {
                throw new UserInputException("oracle:keywords word '" + raw + "' holds a space: join the words of a"
                        + " term with +, as in " + String.join("+", normal) + "=0.5");
            }
            if (words.contains(normal.get(0))) {
                throw new UserInputException("oracle:keywords term '" + part + "' names " + normal.get(0)
                        + " twice: name each word of a term once");
            }
            words.add(normal.get(0));
        }
        return words;
    }

    private static double weight(String text, String term) {
        if (!NUMBER.matcher(text).matches()) {
            throw new UserInputException("oracle:keywords weight '" + text + "' of " + term + " is not a number:"
                    + " write " + term + "=0.5");
        }
        double w = Double.parseDouble(text);
        if (!(w > 0) || Double.isInfinite(w)) {
            throw new UserInputException("oracle:keywords weight " + text + " of " + term + " must be positive and"
                    + " finite: write " + term + "=0.5");
        }
        return w;
    }

    private static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /**
     * The spec in one normal form: normalised words, weights as {@link Double#toString}, terms in
     * their order. Two specs with the same normal form make the same oracle.
     */
    public String canonical() {
        return terms.stream().map(t -> t.label() + "=" + t.weight()).collect(Collectors.joining(","));
    }

    public int size() {
        return terms.size();
    }

    public double maxWeight() {
        double max = 0;
        for (Term t : terms) {
            max = Math.max(max, t.weight());
        }
        return max;
    }

    /** Every word some term needs, in the order first written. */
    public Set<String> words() {
        Set<String> words = new LinkedHashSet<>();
        for (Term t : terms) {
            words.addAll(t.words());
        }
        return Collections.unmodifiableSet(words);
    }
}
