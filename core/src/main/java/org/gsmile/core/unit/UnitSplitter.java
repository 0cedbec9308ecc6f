package org.gsmile.core.unit;

import java.util.List;

/** Splits a prompt into the units an explanation attributes to. Stateless: one splitter serves every prompt. */
public interface UnitSplitter {
    String name();

    List<Unit> split(String prompt);

    /**
     * The text sent to the model and its units. A splitter that reads markup in the prompt (unit
     * markers) removes it from the text and gives offsets into the text without it.
     */
    default Segmented segment(String prompt) {
        return new Segmented(prompt, split(prompt));
    }

    /**
     * A prompt as the model sees it and its units.
     *
     * @param text  the text sent to the model
     * @param units its units, with offsets into {@code text}
     */
    record Segmented(String text, List<Unit> units) {
        public Segmented {
            units = List.copyOf(units);
        }
    }
}
