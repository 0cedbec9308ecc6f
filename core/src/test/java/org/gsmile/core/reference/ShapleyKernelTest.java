package org.gsmile.core.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gsmile.core.mask.Mask;
import org.junit.jupiter.api.Test;

class ShapleyKernelTest {

    @Test
    void coalitionWeightIsKernelShaps() {
        // python3: (n-1)/(comb(n,s)*s*(n-s)), in tools/reference/sampling_laws.py
        assertEquals(0.041666666666666664, ShapleyKernel.coalitionWeight(6, 2), 1e-15);
        assertEquals(0.0014285714285714286, ShapleyKernel.coalitionWeight(10, 5), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, ShapleyKernel.coalitionWeight(6, 0));
        assertEquals(Double.POSITIVE_INFINITY, ShapleyKernel.coalitionWeight(6, 6));
    }

    @Test
    void eachStratumSharesItsTotalWeight() {
        // n = 4: strata totals (n−1)/(s(n−s)) = 1, 0.75, 1 for s = 1, 2, 3. Drawn: two of size 1, one of
        // size 2, one of size 3, plus the empty and the full mask.
        List<Mask> masks = List.of(Mask.of(true, false, false, false), Mask.of(false, true, false, false),
                Mask.of(true, true, false, false), Mask.of(true, true, true, false), Mask.of(false, false, false, false),
                Mask.allKept(4));
        double[] w = new ShapleyKernel().weights(masks);
        // Raw 0.5, 0.5, 0.75, 1 (sum 2.75) scaled to average 1 over the 4 finite rows.
        double k = 4 / 2.75;
        assertArrayEquals(new double[] {0.5 * k, 0.5 * k, 0.75 * k, 1 * k, Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY}, w, 1e-12);
    }

    @Test
    void anchorsAreTheEmptyAndTheFullCoalition() {
        assertEquals(List.of(Mask.of(false, false, false), Mask.allKept(3)), new ShapleyKernel().anchors(3));
    }
}
