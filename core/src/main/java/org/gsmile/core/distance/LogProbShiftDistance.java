package org.gsmile.core.distance;

import org.gsmile.core.model.TokenScores;

/**
 * The mean per-token increase in negative log-likelihood of the original continuation y₀ when the
 * prompt is perturbed: (1/T) Σₜ [log p(y₀ₜ | x, y₀<ₜ) − log p(y₀ₜ | x̂, y₀<ₜ)]. Negative when the
 * perturbation makes y₀ more likely.
 */
public final class LogProbShiftDistance implements OutputDistance<TokenScores> {

    @Override
    public String name() {
        return "logprob-shift";
    }

    @Override
    public double distance(TokenScores original, TokenScores perturbed) {
        TokenWassersteinDistance.checkSameContinuation(original, perturbed);
        double sum = 0;
        for (int t = 0; t < original.length(); t++) {
            sum += original.logProbs()[t] - perturbed.logProbs()[t];
        }
        return sum / original.length();
    }
}
