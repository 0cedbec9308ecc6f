package org.gsmile.core.model;

/**
 * Teacher-forced scores of one continuation after one prompt.
 *
 * @param continuation the scored token ids
 * @param logProbs     natural-log probability of continuation[t] at position t
 * @param distributions next-token probability distribution at each position t, [T][vocab]
 */
public record TokenScores(int[] continuation, double[] logProbs, float[][] distributions) {
    public int length() {
        return continuation.length;
    }
}
