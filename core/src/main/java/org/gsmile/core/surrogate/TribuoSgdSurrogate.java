package org.gsmile.core.surrogate;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * The surrogate fitted by Tribuo's {@link LinearSGDTrainer} (squared loss, AdaGrad), with each
 * sample's kernel weight as the Tribuo example weight. An approximation of
 * {@link WeightedLeastSquares}, offered for comparison with Tribuo-based LIME pipelines.
 */
public final class TribuoSgdSurrogate implements Surrogate {
    private static final String DIMENSION = "delta";
    /**
     * Tribuo rejects an example without features, and a sample whose mask keeps no unit is one; a
     * constant feature makes every example valid. Its weight and Tribuo's bias together are θ₀.
     */
    private static final String CONSTANT = "constant";
    private final int epochs;
    private final double learningRate;
    private final long seed;

    public TribuoSgdSurrogate(int epochs, double learningRate, long seed) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    public TribuoSgdSurrogate(long seed) {
        this(300, 0.5, seed);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public SurrogateFit fit(double[][] z, double[] y, double[] weights) {
        Surrogate.checkInput(z, y, weights);
        int p = z[0].length;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = String.format("u%05d", j);
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("gsmile-perturbations", factory), factory);
        for (int i = 0; i < z.length; i++) {
            ArrayExample<Regressor> ex = new ArrayExample<>(new Regressor(DIMENSION, y[i]), (float) weights[i]);
            ex.add(CONSTANT, 1.0);
            for (int j = 0; j < p; j++) {
                if (z[i][j] != 0) {
                    ex.add(names[j], z[i][j]);
                }
            }
            data.add(ex);
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(learningRate, 1e-6),
                epochs, z.length * epochs + 1, 1, seed);
        LinearSGDModel model = quietly(() -> trainer.train(data));
        DenseMatrix w = model.getWeightsCopy();
        ImmutableFeatureMap features = model.getFeatureIDMap();
        double[] theta = new double[p];
        for (int j = 0; j < p; j++) {
            int id = features.getID(names[j]);
            // A unit never kept in any sample has no feature: the data say nothing about it.
            theta[j] = id >= 0 ? w.get(0, id) : 0.0;
        }
        double intercept = w.get(0, w.getDimension2Size() - 1) + w.get(0, features.getID(CONSTANT));
        SurrogateFit unrated = new SurrogateFit(theta, intercept, null, 0.0);
        double[] predicted = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            predicted[i] = unrated.predict(z[i]);
        }
        return new SurrogateFit(theta, intercept, Fidelity.of(y, predicted, weights, p), 0.0);
    }

    /** Tribuo logs every epoch at INFO; an explanation is not the place for that. */
    private static <T> T quietly(java.util.function.Supplier<T> work) {
        Logger logger = Logger.getLogger("org.tribuo");
        Level before = logger.getLevel();
        logger.setLevel(Level.WARNING);
        try {
            return work.get();
        } finally {
            logger.setLevel(before);
        }
    }
}
