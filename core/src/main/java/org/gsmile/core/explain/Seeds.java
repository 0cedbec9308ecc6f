package org.gsmile.core.explain;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One explanation seed split into an independent stream per component (sampler, bootstrap,
 * operator, surrogate), so a component's draws depend on the seed and its own name only: drawing
 * more masks never shifts the bootstrap, and adding a component never shifts the others.
 */
public final class Seeds {
    private Seeds() {
    }

    /** The seed of one component. */
    public static long of(long seed, String component) {
        long h = 0xcbf29ce484222325L;
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001b3L;
        }
        // SplittableRandom's own mixing of the combined value, so nearby seeds give unrelated streams.
        return new SplittableRandom(seed ^ h).nextLong();
    }

    public static SplittableRandom random(long seed, String component) {
        return new SplittableRandom(of(seed, component));
    }
}
