package org.gsmile.perturbation;

import java.util.List;
import java.util.SplittableRandom;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;

/** A sampler that draws distinct proper masks from a size law, singly or in complementary pairs. */
final class LawSampler implements MaskSampler {
    private final String name;
    private final SizeLaw law;
    private final boolean paired;

    LawSampler(String name, SizeLaw law, boolean paired) {
        this.name = name;
        this.law = law;
        this.paired = paired;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Mask> sample(int units, int count, SplittableRandom random) {
        return DistinctMaskDraws.draw(law, units, count, paired, random);
    }
}
