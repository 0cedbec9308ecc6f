package org.gsmile.metrics.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gsmile.core.UserInputException;
import org.gsmile.core.spec.Choice;

/**
 * A minimal change of the prompt that should not change its explanation much (the thesis's
 * stability test): a neutral word inserted at the start, in the middle or at the end, or a change
 * of the final punctuation. Each change turns the request prompt (as typed, {@code [[marked]]}
 * units included) into new prompt texts, its variants; words are inserted outside markers, so
 * every marked unit stays one unit. Whitespace is {@link Character#isWhitespace}, as the word
 * splitter reads it.
 *
 * <ul>
 *   <li>{@link #INSERT_START}: {@code word + " "} before the first character that is not whitespace
 *       ({@code "Lily wanted to play"} → {@code "please Lily wanted to play"}).</li>
 *   <li>{@link #INSERT_END}: {@code " " + word} after the last character that is not whitespace
 *       ({@code "… red ball."} → {@code "… red ball. please"}).</li>
 *   <li>{@link #INSERT_MIDDLE}: {@code " " + word} at the start of the middle gap: of the g runs of
 *       whitespace outside markers that separate text, the ⌈g/2⌉-th (so after ⌊n/2⌋ words of an
 *       n-word prompt without markers: {@code "Lily wanted to play please with her red ball"}). A
 *       prompt with no such gap (one word, or all of it one marked unit) has no middle variant.</li>
 *   <li>{@link #PUNCTUATION}: the last character of the text the model sees (markers are not text;
 *       an escaped bracket is) decides. If it is not punctuation (Unicode's categories P*), a
 *       {@code "."} is added right after it, inside a final marked unit if the prompt ends with
 *       one, so no unit is added: {@code "… red ball"} → {@code "… red ball."}. If it is, the run
 *       of punctuation that ends the text is removed ({@code "ball?!"} → {@code "ball"},
 *       {@code "said \"hi.\""} → {@code "said \"hi"}), together with the whitespace right before
 *       the run, so a run that was a unit of its own leaves no trailing space ({@code "Lily played ."}
 *       → {@code "Lily played"}), and with any marker left holding no text. A prompt that is
 *       punctuation only has no punctuation variant. One variant, whatever the neutral words.</li>
 * </ul>
 *
 * Why these: each keeps the prompt's meaning (a politeness word, a Markdown heading mark, a full
 * stop), so a faithful, robust explanation should rank the prompt's own units the same way after
 * it; the three insertion places test whether the position of an unrelated unit matters.
 */
public enum PromptChange implements Choice {
    INSERT_START("start"),
    INSERT_MIDDLE("middle"),
    INSERT_END("end"),
    PUNCTUATION("punctuation");

    private final String label;

    PromptChange(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether the change inserts a neutral word (one variant per word) rather than changing punctuation. */
    public boolean insertsWord() {
        return this != PUNCTUATION;
    }

    /**
     * The value named exactly {@code name}, or one line naming the {@code {changes}} setting, the
     * accepted names and a near miss. Written here rather than through {@link Choice#parse}, which
     * takes a core {@code Setting}: the stability options are the metrics' own, not an explanation
     * spec's, so core has no key for them.
     */
    public static PromptChange of(String name) {
        for (PromptChange c : values()) {
            if (c.label.equals(name)) {
                return c;
            }
        }
        String given = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (given.isEmpty()) {
            throw new UserInputException("{changes} is empty: choose " + Choice.names(PromptChange.class));
        }
        String near = null;
        int best = 3;
        for (PromptChange c : values()) {
            int d = c.label.contains(given) && given.length() >= 3 ? 1 : Choice.editDistance(c.label, given);
            if (d < best) {
                near = c.label;
                best = d;
            }
        }
        throw new UserInputException("unknown {changes} '" + name + "': "
                + (near == null ? "" : "did you mean " + near + "? ") + "choose " + Choice.names(PromptChange.class));
    }

    /**
     * The changed prompts: for an insertion one per neutral word, in their order (none for
     * {@link #INSERT_MIDDLE} without a gap); for {@link #PUNCTUATION} one (none for a prompt that
     * is punctuation only).
     *
     * @param prompt       the request prompt as typed, markers and escapes included
     * @param neutralWords the words to insert, each without whitespace or markers
     * @throws UserInputException for unbalanced, nested or empty markers, as the explainer would
     */
    public List<String> variants(String prompt, List<String> neutralWords) {
        RawPrompt p = RawPrompt.read(prompt);
        List<String> out = new ArrayList<>();
        if (this == PUNCTUATION) {
            String changed = punctuationChanged(p);
            if (changed != null) {
                out.add(changed);
            }
            return out;
        }
        List<Integer> gaps = p.gapsOutsideMarkers();
        for (String word : neutralWords) {
            switch (this) {
                case INSERT_START -> out.add(p.insert(p.firstNonWhitespace(), word + " "));
                case INSERT_END -> out.add(p.insert(p.endOfLastNonWhitespace(), " " + word));
                case INSERT_MIDDLE -> {
                    if (!gaps.isEmpty()) {
                        out.add(p.insert(gaps.get((gaps.size() - 1) / 2), " " + word));
                    }
                }
                default -> throw new AssertionError(this);
            }
        }
        return out;
    }

    /** The prompt with its final punctuation added or removed (see the class comment); null when nothing would remain. */
    private static String punctuationChanged(RawPrompt p) {
        List<RawPrompt.Ch> chars = p.chars;
        int last = chars.size() - 1;
        while (last >= 0 && chars.get(last).whitespace()) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        if (!RawPrompt.isPunctuation(chars.get(last).c())) {
            return p.insert(chars.get(last).to(), ".");
        }
        int first = last;
        while (first > 0 && RawPrompt.isPunctuation(chars.get(first - 1).c())) {
            first--;
        }
        while (first > 0 && chars.get(first - 1).whitespace()) {
            first--;
        }
        boolean[] removed = new boolean[p.raw.length()];
        boolean[] gone = new boolean[chars.size()];
        for (int k = first; k <= last; k++) {
            gone[k] = true;
            for (int i = chars.get(k).from(); i < chars.get(k).to(); i++) {
                removed[i] = true;
            }
        }
        // A marker whose text is all gone would be "[[]]", which the splitter refuses: it goes too.
        for (int m = 0; m < p.markers.size(); m++) {
            boolean empty = true;
            for (int k = 0; k < chars.size(); k++) {
                if (chars.get(k).marker() == m && !gone[k] && !chars.get(k).whitespace()) {
                    empty = false;
                }
            }
            if (empty) {
                for (int i = p.markers.get(m).open(); i < p.markers.get(m).end(); i++) {
                    removed[i] = true;
                }
            }
        }
        for (int k = 0; k < first; k++) {
            if (!chars.get(k).whitespace()) {
                return p.without(removed);
            }
        }
        return null;
    }
}
