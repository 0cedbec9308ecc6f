package org.gsmile.core.reference;

/** The 4-unit game of {@link ShapleyValuesTest}, shared with the pipeline tests. */
public final class ShapleyValuesTestGame {
    public static final double[] GAME = ShapleyValuesTest.GAME;
    public static final double[] PHI = ShapleyValuesTest.PHI;

    private ShapleyValuesTestGame() {
    }
}
