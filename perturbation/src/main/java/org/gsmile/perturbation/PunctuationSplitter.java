package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/**
 * Units that end at punctuation: clauses (phrases) or sentences. A unit ends after a run of its
 * terminators (and any closing quotes or brackets) that is followed by whitespace or the end of the
 * prompt, so "3.5" and "e.g.x" stay inside a unit; a line break always ends one. Units keep their
 * punctuation and lose surrounding whitespace, so dropping one leaves the others readable.
 */
public final class PunctuationSplitter implements UnitSplitter {
    private static final String CLOSERS = "\"')]}”’»";

    private final String name;
    private final String terminators;

    private PunctuationSplitter(String name, String terminators) {
        this.name = name;
        this.terminators = terminators;
    }

    /** Clauses: split after , ; : . ! ? … */
    public static PunctuationSplitter phrases() {
        return new PunctuationSplitter("phrases", ",;:.!?…");
    }

    /** Sentences: split after . ! ? … */
    public static PunctuationSplitter sentences() {
        return new PunctuationSplitter("sentences", ".!?…");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Unit> split(String prompt) {
        List<Unit> units = new ArrayList<>();
        int n = prompt.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = prompt.charAt(i);
            if (c == '\n' || c == '\r') {
                Unit.addTrimmed(units, prompt, start, i);
                start = ++i;
                continue;
            }
            if (terminators.indexOf(c) >= 0) {
                int end = i + 1;
                while (end < n && (terminators.indexOf(prompt.charAt(end)) >= 0 || CLOSERS.indexOf(prompt.charAt(end)) >= 0)) {
                    end++;
                }
                if (end == n || Character.isWhitespace(prompt.charAt(end))) {
                    Unit.addTrimmed(units, prompt, start, end);
                    start = end;
                }
                i = end;
                continue;
            }
            i++;
        }
        Unit.addTrimmed(units, prompt, start, n);
        return units;
    }
}
