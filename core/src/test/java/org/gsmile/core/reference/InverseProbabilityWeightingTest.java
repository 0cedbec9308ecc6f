package org.gsmile.core.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gsmile.core.mask.Coalitions;
import org.gsmile.core.mask.Mask;
import org.junit.jupiter.api.Test;

// The inclusion probabilities below: python3 tools/reference/shapley_estimators.py recomputes them by exact
// water-filling over the sorted breakpoints (the Java code bisects).
class InverseProbabilityWeightingTest {
    static final double[] LEVERAGE_10_40 = {0.44444444444444436, 0.09876543209876545, 0.03703703703703705,
            0.02116402116402117, 0.01763668430335097, 0.02116402116402117, 0.03703703703703705, 0.09876543209876545,
            0.44444444444444436};
    static final double[] LEVERAGE_10_200 = {1.0, 0.5714285714285715, 0.2142857142857143, 0.12244897959183676,
            0.1020408163265306, 0.12244897959183676, 0.2142857142857143, 0.5714285714285715, 1.0};
    static final double[] LEVERAGE_7_30 = {0.7142857142857144, 0.23809523809523808, 0.14285714285714288,
            0.14285714285714288, 0.23809523809523808, 0.7142857142857144};
    static final double[] MODIFIED_L2_10_40 = {0.6029497314292602, 0.10049162190487675, 0.03289360457771288,
            0.017582371220831502, 0.014355945986410963, 0.017582371220831502, 0.03289360457771288,
            0.10049162190487675, 0.6029497314292602};
    static final double[] MODIFIED_L2_10_200 = {1.0, 0.6473815706496857, 0.21190536078725633, 0.11326817978380495,
            0.09248308152138368, 0.11326817978380495, 0.21190536078725633, 0.6473815706496857, 1.0};
    static final double[] MODIFIED_L2_7_30 = {0.8634622087854835, 0.22294498364704324, 0.12211199662610596,
            0.12211199662610596, 0.22294498364704324, 0.8634622087854835};

    static double[] sizes(double[] q) {
        return Arrays.copyOfRange(q, 1, q.length - 1);
    }

    @Test
    void inclusionProbabilitiesAreThePapersBernoulliScheme() {
        InverseProbabilityWeighting leverage = InverseProbabilityWeighting.leverage();
        InverseProbabilityWeighting l2 = InverseProbabilityWeighting.modifiedL2();
        assertArrayEquals(LEVERAGE_10_40, sizes(leverage.inclusion(10, 40)), 1e-12);
        assertArrayEquals(LEVERAGE_10_200, sizes(leverage.inclusion(10, 200)), 1e-12);
        assertArrayEquals(LEVERAGE_7_30, sizes(leverage.inclusion(7, 30)), 1e-12);
        assertArrayEquals(MODIFIED_L2_10_40, sizes(l2.inclusion(10, 40)), 1e-12);
        assertArrayEquals(MODIFIED_L2_10_200, sizes(l2.inclusion(10, 200)), 1e-12);
        assertArrayEquals(MODIFIED_L2_7_30, sizes(l2.inclusion(7, 30)), 1e-12);
    }

    @Test
    void theExpectedNumberOfSamplesIsTheBudgetAndEverythingIsIncludedBeyondIt() {
        for (InverseProbabilityWeighting w : List.of(InverseProbabilityWeighting.leverage(),
                InverseProbabilityWeighting.modifiedL2())) {
            for (int m : new int[] {12, 40, 300, 1000}) {
                double[] q = w.inclusion(10, m);
                double expected = 0;
                for (int s = 1; s < 10; s++) {
                    expected += Coalitions.choose(10, s) * q[s];
                }
                assertEquals(m, expected, 1e-9 * m, w.name() + " " + m);
            }
            double[] all = w.inclusion(10, 1022);
            for (int s = 1; s < 10; s++) {
                assertEquals(1.0, all[s]);
            }
        }
    }

    @Test
    void aSampleWeighsTheShapleyKernelOverItsInclusionProbability() {
        // Leverage scores make every size equally likely: with 40 of 10 units no size is whole, q(s) = (40/9)/C(10, s),
        // so π(s)/q(s) = 9/(s(10−s)) · 9/40, and the weights are that ratio scaled to average 1.
        List<Mask> masks = new ArrayList<>();
        masks.add(Mask.of(new boolean[10]));
        masks.add(Mask.allKept(10));
        for (int j = 0; j < 40; j++) {
            boolean[] kept = new boolean[10];
            for (int i = 0; i <= j % 9; i++) {
                kept[i] = true;
            }
            masks.add(Mask.of(kept));
        }
        double[] w = InverseProbabilityWeighting.leverage().weights(masks);
        assertEquals(Double.POSITIVE_INFINITY, w[0]);
        assertEquals(Double.POSITIVE_INFINITY, w[1]);
        double sum = 0;
        double raw = 0;
        for (int j = 2; j < w.length; j++) {
            int s = masks.get(j).keptCount();
            raw += 1.0 / (s * (10 - s));
            sum += w[j];
        }
        assertEquals(40, sum, 1e-9);
        for (int j = 2; j < w.length; j++) {
            int s = masks.get(j).keptCount();
            assertEquals(40 * (1.0 / (s * (10 - s))) / raw, w[j], 1e-12);
        }
    }

    @Test
    void longPromptsDoNotUnderflow() {
        List<Mask> masks = new ArrayList<>(InverseProbabilityWeighting.modifiedL2().anchors(400));
        boolean[] half = new boolean[400];
        Arrays.fill(half, 0, 200, true);
        masks.add(Mask.of(half));
        boolean[] one = new boolean[400];
        one[7] = true;
        masks.add(Mask.of(one));
        double[] w = InverseProbabilityWeighting.modifiedL2().weights(masks);
        assertEquals(2.0, w[2] + w[3], 1e-12);
        assertEquals(true, w[2] > 0 && w[3] > 0 && Double.isFinite(w[2]));
    }
}
