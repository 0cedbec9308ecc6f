package org.gsmile.core.adaptive;

import java.util.List;

/**
 * What a hierarchical explanation ({@code --units phrases-then-words} or {@code sentences-then-words})
 * did: it explained the groups of words first, then the words inside the groups that mattered most.
 * A word of a refined group scores its Owen value, shifted so that the group's
 * words add up to the group's score; a word of a group not refined scores the group's score shared
 * equally among its words.
 *
 * @param groups       "phrases" or "sentences"
 * @param count        groups in the prompt
 * @param groupSamples samples of the group-level fit, its empty and full prompt included
 * @param refined      the groups whose words were explained, in the order they were chosen (by |score|)
 */
public record Hierarchy(String groups, int count, int groupSamples, List<Refined> refined) {
    public Hierarchy {
        refined = List.copyOf(refined);
    }

    /**
     * One refined group.
     *
     * @param group   its index among the groups, from 0
     * @param text    its text
     * @param words   its words
     * @param samples samples its word level spent: k − 1 per permutation chain (the chain's two ends are
 *                coalitions of groups, not counted)
     */
    public record Refined(int group, String text, int words, int samples) {
    }
}
