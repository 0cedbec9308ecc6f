package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/**
 * Whitespace-separated words with punctuation kept attached ("ball." is one unit), the thesis's
 * choice: it keeps units aligned with what a reader sees and never splits a contraction.
 */
public final class WordSplitter implements UnitSplitter {

    @Override
    public String name() {
        return "words";
    }

    @Override
    public List<Unit> split(String prompt) {
        List<Unit> units = new ArrayList<>();
        int i = 0;
        int n = prompt.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(prompt.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(prompt.charAt(i))) {
                i++;
            }
            if (i > start) {
                units.add(new Unit(prompt.substring(start, i), start, i));
            }
        }
        return units;
    }
}
