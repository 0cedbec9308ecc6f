package org.gsmile.core.mask;

import java.util.List;
import java.util.SplittableRandom;

/** Draws the perturbation masks. Every random choice comes from the one generator passed in. */
public interface MaskSampler {
    String name();

    List<Mask> sample(int units, int count, SplittableRandom random);
}
