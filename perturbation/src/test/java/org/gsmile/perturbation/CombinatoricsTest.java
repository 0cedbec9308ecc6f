package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinatoricsTest {

    @Test
    void binomialsMatchPython() {
        // python3: math.comb, in tools/reference/sampling_laws.py
        assertEquals(252.0, Combinatorics.choose(10, 5));
        assertEquals(1.0, Combinatorics.choose(7, 0));
        assertEquals(0.0, Combinatorics.choose(3, 4));
        assertEquals(155117520.0, Combinatorics.choose(30, 15));
        assertEquals(1.0089134454556419e29, Combinatorics.choose(100, 50), 1e15);
    }

    @Test
    void subsetsInLexicographicOrder() {
        List<String> seen = new ArrayList<>();
        Combinatorics.forEachSubset(4, 2, k -> {
            StringBuilder sb = new StringBuilder();
            for (boolean b : k) {
                sb.append(b ? '1' : '0');
            }
            seen.add(sb.toString());
        });
        assertEquals(List.of("1100", "1010", "1001", "0110", "0101", "0011"), seen);
    }
}
