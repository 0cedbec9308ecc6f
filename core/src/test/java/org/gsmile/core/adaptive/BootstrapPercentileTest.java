package org.gsmile.core.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

/**
 * {@link Bootstrap#percentile} is Hyndman and Fan's definition 7 (numpy's "linear"), which is
 * commons-math3's {@code Percentile.EstimationType.R_7}. The bootstrap keeps its own four lines all
 * the same: no estimation type reproduces them bit for bit. R_7 takes the quantile in percent and
 * divides it by 100 again, and places it at 1 + (n−1)·p rather than (n−1)·q; both roundings drop
 * low bits of the interpolation fraction, so in 5 to 20 % of draws (more for short arrays) the two
 * differ in the last bits (up to 1.6·10⁻¹¹ relative, where the interpolated value is near zero).
 * Every other type is a different definition. This test pins the definition, to rounding.
 */
class BootstrapPercentileTest {

    @Test
    void percentileIsCommonsMathsR7ToRounding() {
        Percentile r7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 2000; trial++) {
            double[] x = new double[1 + random.nextInt(trial % 2 == 0 ? 5 : 300)];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            Arrays.sort(x);
            double spread = Math.max(1, x[x.length - 1] - x[0]);
            double level = new double[] {0.8, 0.9, 0.95, 0.99}[trial % 4];
            double tail = (1 - level) / 2;
            for (double q : new double[] {tail, 1 - tail, 0.5, random.nextDouble()}) {
                assertEquals(r7.evaluate(x, 100 * q), Bootstrap.percentile(x, q), 1e-13 * spread,
                        "q = " + q + " of " + x.length + " values");
            }
        }
    }
}
