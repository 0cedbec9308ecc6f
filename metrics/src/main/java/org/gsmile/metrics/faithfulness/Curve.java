package org.gsmile.metrics.faithfulness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gsmile.core.mask.Mask;

/**
 * The deletion and insertion curves of one ranking r of the n units (most important first), in
 * output distance: deletion[k] = Δ(x with r₁..r_k removed), insertion[k] = Δ(x with only r₁..r_k
 * kept), k = 0..n, each measured as the explanation measured its samples (same operator, probe,
 * distance and y₀). So deletion[0] = insertion[n] = Δ(every unit kept), which is Δ(x) = 0 (the
 * operator's all-kept prompt is the prompt with its surrounding whitespace trimmed: only a prompt
 * with such whitespace gets the small shift of losing it), and deletion[n] = insertion[0] =
 * Δ(every unit removed): the two ends are the same for every ranking, and rankings differ only in
 * between. A good ranking makes the deletion curve rise early (removing its first units already
 * moves the output) and the insertion curve fall early (its first units alone already hold it).
 *
 * @param deletion  n + 1 shifts, top-k units removed
 * @param insertion n + 1 shifts, only the top-k units kept
 */
public record Curve(double[] deletion, double[] insertion) {
    public Curve {
        deletion = deletion.clone();
        insertion = insertion.clone();
        if (deletion.length != insertion.length || deletion.length < 2) {
            throw new IllegalArgumentException("curves of " + deletion.length + " and " + insertion.length
                    + " points: both need n + 1 for n >= 1 units");
        }
        int n = deletion.length - 1;
        if (Double.compare(deletion[0], insertion[n]) != 0) {
            throw new IllegalArgumentException("deletion[0] and insertion[n] are both every unit kept, got "
                    + deletion[0] + " and " + insertion[n]);
        }
        if (Double.compare(deletion[n], insertion[0]) != 0) {
            throw new IllegalArgumentException("deletion[n] and insertion[0] are both every unit removed, got "
                    + deletion[n] + " and " + insertion[0]);
        }
    }

    /** The number of units n. */
    public int units() {
        return deletion.length - 1;
    }

    @Override
    public double[] deletion() {
        return deletion.clone();
    }

    @Override
    public double[] insertion() {
        return insertion.clone();
    }

    /** The pointwise mean of curves over the same number of units. */
    public static Curve mean(List<Curve> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no curves to average");
        }
        int points = curves.get(0).deletion.length;
        double[] d = new double[points];
        double[] in = new double[points];
        for (Curve c : curves) {
            if (c.deletion.length != points) {
                throw new IllegalArgumentException("curves over " + (points - 1) + " and " + c.units() + " units");
            }
            for (int k = 0; k < points; k++) {
                d[k] += c.deletion[k] / curves.size();
                in[k] += c.insertion[k] / curves.size();
            }
        }
        return new Curve(d, in);
    }

    /**
     * The 2(n + 1) masks a ranking's curves are measured on: deletion k = 0..n, then insertion
     * k = 0..n. Package-private, with {@link #of(double[])}.
     */
    static List<Mask> masks(int[] ranking) {
        int n = ranking.length;
        List<Mask> masks = new ArrayList<>(2 * (n + 1));
        for (boolean insertion : new boolean[] {false, true}) {
            for (int k = 0; k <= n; k++) {
                boolean[] kept = new boolean[n];
                Arrays.fill(kept, !insertion);
                for (int r = 0; r < k; r++) {
                    kept[ranking[r]] = insertion;
                }
                masks.add(Mask.of(kept));
            }
        }
        return masks;
    }

    /** The curve from the shifts of {@link #masks(int[])}, in that order. */
    static Curve of(double[] shifts) {
        int points = shifts.length / 2;
        return new Curve(Arrays.copyOfRange(shifts, 0, points), Arrays.copyOfRange(shifts, points, 2 * points));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curve c && Arrays.equals(deletion, c.deletion) && Arrays.equals(insertion, c.insertion);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(deletion) + Arrays.hashCode(insertion);
    }

    @Override
    public String toString() {
        return "Curve[deletion=" + Arrays.toString(deletion) + ", insertion=" + Arrays.toString(insertion) + "]";
    }
}
