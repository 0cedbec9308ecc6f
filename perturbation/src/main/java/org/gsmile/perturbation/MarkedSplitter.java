package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/**
 * Units of a {@link MarkedPrompt}: each marked span is one unit, and the text between marked spans
 * is split by another splitter, piece by piece, so no unit ever straddles a marker.
 */
public final class MarkedSplitter implements UnitSplitter {
    private final MarkedPrompt prompt;
    private final UnitSplitter rest;

    public MarkedSplitter(MarkedPrompt prompt, UnitSplitter rest) {
        this.prompt = prompt;
        this.rest = rest;
    }

    @Override
    public String name() {
        return rest.name() + "+marked";
    }

    /** @param text must be the marked prompt's text, the only prompt whose marks this splitter knows */
    @Override
    public List<Unit> split(String text) {
        if (!text.equals(prompt.text())) {
            throw new IllegalArgumentException("this splitter knows the marks of \"" + prompt.text()
                    + "\", not of \"" + text + "\"");
        }
        List<Unit> units = new ArrayList<>();
        int at = 0;
        for (Unit m : prompt.marked()) {
            splitBetween(units, text, at, m.start());
            units.add(m);
            at = m.end();
        }
        splitBetween(units, text, at, text.length());
        return units;
    }

    private void splitBetween(List<Unit> units, String text, int from, int to) {
        if (to <= from) {
            return;
        }
        for (Unit u : rest.split(text.substring(from, to))) {
            units.add(new Unit(u.text(), u.start() + from, u.end() + from));
        }
    }
}
