package org.gsmile.core.reference;

import java.util.List;
import org.gsmile.core.kernel.Kernel;
import org.gsmile.core.mask.Mask;

/**
 * The weights of a drawn set of samples in the surrogate fit. Unlike a {@link Kernel}, which
 * weighs each sample alone by its input distance, a weighting sees the whole set, as the Shapley
 * kernel must: a sample stands for all the coalitions of its size that were not drawn.
 */
public interface SampleWeighting {

    String name();

    /**
     * One weight per mask, finite and non-negative, or {@code +∞} for a mask whose observation the
     * surrogate must reproduce exactly (see {@link ConstrainedLeastSquares}).
     */
    double[] weights(List<Mask> masks);

    /**
     * This weighting for one explanation's prompt, for weightings of perturbed prompts rather than of
     * masks (the {@code wmd} kernel); the others are the same for every prompt and return themselves.
     *
     * @param perturbed the perturbed prompt each mask stands for
     */
    default SampleWeighting bind(String prompt, java.util.function.Function<Mask, String> perturbed) {
        return this;
    }

    /** Masks to observe in every explanation besides the drawn samples; they are not counted as samples. */
    default List<Mask> anchors(int units) {
        return List.of();
    }

    /** A kernel on the fraction of units removed, sample by sample: the thesis's weighting. */
    static SampleWeighting of(Kernel kernel) {
        return new SampleWeighting() {
            @Override
            public String name() {
                return kernel.name();
            }

            @Override
            public double[] weights(List<Mask> masks) {
                double[] w = new double[masks.size()];
                for (int j = 0; j < w.length; j++) {
                    w[j] = kernel.weight(masks.get(j).droppedFraction());
                }
                return w;
            }
        };
    }

    /** Every sample weighs the same. */
    static SampleWeighting uniform() {
        return of(new Kernel() {
            @Override
            public String name() {
                return "uniform";
            }

            @Override
            public double weight(double distance) {
                return 1.0;
            }
        });
    }
}
