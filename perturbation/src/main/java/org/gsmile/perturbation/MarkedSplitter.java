package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/**
 * Units of a prompt in which the user marked units with {@code [[...]]} (see {@link MarkedPrompt}):
 * each marked span is one unit, and the text between marked spans is split by another splitter,
 * piece by piece, so no unit ever straddles a marker. The markers are removed from the text the
 * model sees. A prompt without markers is split by the other splitter alone.
 */
public final class MarkedSplitter implements UnitSplitter {
    private final UnitSplitter rest;

    public MarkedSplitter(UnitSplitter rest) {
        this.rest = rest;
    }

    @Override
    public String name() {
        return rest.name();
    }

    /** The units of the prompt's text without markers. */
    @Override
    public List<Unit> split(String prompt) {
        return segment(prompt).units();
    }

    /** @throws org.gsmile.core.UserInputException for unbalanced, nested or empty markers */
    @Override
    public Segmented segment(String prompt) {
        if (!MarkedPrompt.hasMarkers(prompt)) {
            return rest.segment(prompt);
        }
        MarkedPrompt marked = MarkedPrompt.parse(prompt);
        String text = marked.text();
        List<Unit> units = new ArrayList<>();
        int at = 0;
        for (Unit m : marked.marked()) {
            splitBetween(units, text, at, m.start());
            units.add(m);
            at = m.end();
        }
        splitBetween(units, text, at, text.length());
        return new Segmented(text, units);
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
