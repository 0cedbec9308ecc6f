package org.gsmile.core.mask;

import java.util.Arrays;

/** Which units a perturbation keeps (true) or removes (false). Immutable. */
public final class Mask {
    private final boolean[] kept;
    private final int keptCount;

    private Mask(boolean[] kept) {
        this.kept = kept;
        int c = 0;
        for (boolean k : kept) {
            if (k) {
                c++;
            }
        }
        this.keptCount = c;
    }

    public static Mask of(boolean... kept) {
        return new Mask(kept.clone());
    }

    /** The mask {@link #toString()} wrote: one '1' (kept) or '0' (removed) per unit. */
    public static Mask parse(String bits) {
        boolean[] k = new boolean[bits.length()];
        for (int i = 0; i < k.length; i++) {
            char c = bits.charAt(i);
            if (c != '0' && c != '1') {
                throw new IllegalArgumentException("a mask is written in 0 and 1, got '" + bits + "'");
            }
            k[i] = c == '1';
        }
        return new Mask(k);
    }

    public static Mask allKept(int size) {
        boolean[] k = new boolean[size];
        Arrays.fill(k, true);
        return new Mask(k);
    }

    public int size() {
        return kept.length;
    }

    public boolean isKept(int unit) {
        return kept[unit];
    }

    public int keptCount() {
        return keptCount;
    }

    /** The input distance δ of the thesis: the fraction of units removed. */
    public double droppedFraction() {
        return kept.length == 0 ? 0.0 : (double) (kept.length - keptCount) / kept.length;
    }

    /** The mask as the surrogate's binary feature vector z. */
    public double[] asFeatures() {
        double[] z = new double[kept.length];
        for (int i = 0; i < kept.length; i++) {
            z[i] = kept[i] ? 1.0 : 0.0;
        }
        return z;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mask m && Arrays.equals(kept, m.kept);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kept);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kept.length);
        for (boolean k : kept) {
            sb.append(k ? '1' : '0');
        }
        return sb.toString();
    }
}
