package org.gsmile.models;

/**
 * The next-token distribution from a row of logits, computed in double: the in-process engine's
 * scalar kernels and the ONNX backend both use it, so the two agree to float rounding on the same
 * weights.
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * Writes softmax(logits[offset, offset + out.length)) into {@code out} and returns the natural
     * log-probability of {@code target}.
     */
    public static double into(float[] logits, int offset, int target, float[] out) {
        int vocab = out.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double[] exp = new double[vocab];
        double sum = 0.0;
        for (int i = 0; i < vocab; i++) {
            exp[i] = Math.exp(logits[offset + i] - max);
            sum += exp[i];
        }
        for (int i = 0; i < vocab; i++) {
            out[i] = (float) (exp[i] / sum);
        }
        return (logits[offset + target] - max) - Math.log(sum);
    }
}
