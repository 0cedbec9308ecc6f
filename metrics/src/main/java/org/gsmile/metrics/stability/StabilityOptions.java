package org.gsmile.metrics.stability;

import java.util.HashSet;
import java.util.List;
import org.gsmile.core.UserInputException;
import org.gsmile.perturbation.MarkedPrompt;

/**
 * What {@link Stability#measure} tries.
 *
 * @param k            the size of the top sets the Jaccard index compares, at least 1 (and at most
 *                     the prompt's units, checked when measuring)
 * @param changes      the prompt changes to explain, each at most once, in the order reported
 * @param neutralWords the words the insertions put in, each one word (no whitespace, so it is one
 *                     unit) without {@code [[} or {@code ]]} (it would read as a marker), at most
 *                     once; needed only when an insertion is asked for
 * @param seeds        how many other seeds to explain the same prompt with, 0 to skip seed stability
 */
public record StabilityOptions(int k, List<PromptChange> changes, List<String> neutralWords, int seeds) {
    /**
     * The thesis's neutral words: three politeness modals that ask nothing of the story and a
     * Markdown heading mark, text a prompt often carries without meaning.
     */
    public static final List<String> NEUTRAL_WORDS = List.of("please", "could", "would", "should", "###");

    public StabilityOptions {
        if (k < 1) {
            throw new UserInputException("{k} must be at least 1, got " + k);
        }
        if (seeds < 0) {
            throw new UserInputException("{seeds} must be 0 (no seed stability) or more, got " + seeds);
        }
        changes = List.copyOf(changes);
        neutralWords = List.copyOf(neutralWords);
        if (new HashSet<>(changes).size() != changes.size()) {
            throw new UserInputException("{changes} names a change twice: " + changes.stream()
                    .map(PromptChange::label).toList() + "; give each at most once");
        }
        for (String w : neutralWords) {
            if (w.isBlank()) {
                throw new UserInputException("a neutral word in {neutralWords} is blank: give words such as please");
            }
            if (w.codePoints().anyMatch(Character::isWhitespace)) {
                throw new UserInputException("the neutral word '" + w + "' in {neutralWords} has whitespace in it:"
                        + " give single words, since each must be one unit");
            }
            if (w.contains(MarkedPrompt.OPEN) || w.contains(MarkedPrompt.CLOSE)) {
                throw new UserInputException("the neutral word '" + w + "' in {neutralWords} holds [[ or ]], which"
                        + " would read as a unit marker: give plain words");
            }
        }
        if (new HashSet<>(neutralWords).size() != neutralWords.size()) {
            throw new UserInputException("{neutralWords} names a word twice: " + neutralWords + "; give each at most once");
        }
        if (neutralWords.isEmpty() && changes.stream().anyMatch(PromptChange::insertsWord)) {
            throw new UserInputException("{neutralWords} is empty, but {changes} asks for insertions: give words"
                    + " such as please, or choose {changes=punctuation}");
        }
    }

    /** k 3, every change, the five neutral words, 3 seeds. */
    public static StabilityOptions defaults() {
        return new StabilityOptions(3, List.of(PromptChange.values()), NEUTRAL_WORDS, 3);
    }

    public StabilityOptions withK(int k) {
        return new StabilityOptions(k, changes, neutralWords, seeds);
    }

    public StabilityOptions withChanges(List<PromptChange> c) {
        return new StabilityOptions(k, c, neutralWords, seeds);
    }

    public StabilityOptions withNeutralWords(List<String> w) {
        return new StabilityOptions(k, changes, w, seeds);
    }

    public StabilityOptions withSeeds(int s) {
        return new StabilityOptions(k, changes, neutralWords, s);
    }
}
