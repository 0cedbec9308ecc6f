package org.gsmile.metrics.faithfulness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.gsmile.core.UserInputException;

/**
 * The thesis's model-level faithfulness: across several models, the Pearson correlation between
 * how well each model's explanations recover the units known to matter (its mean AttAUROC, from the
 * accuracy metric) and how accurate the model is by a measure taken outside the explanations (a
 * benchmark score). A positive correlation says the explanations are better where the models are,
 * as they should be if they reflect what each model does; it is a statement about the set of
 * models, not about any one explanation.
 *
 * <p>At least 3 models: through 2 points a line always passes exactly, so their correlation is ±1
 * and says nothing. The coefficient is NaN when either list is constant (no variance to correlate),
 * as commons-math's {@link PearsonsCorrelation} returns it.
 *
 * @param models           the models, in the iteration order of the AttAUROC map
 * @param meanAttAuroc     each model's mean AttAUROC, in that order
 * @param externalAccuracy each model's external accuracy, in that order
 * @param correlation      Pearson's r of the two lists, in [−1, 1], or NaN (see above)
 */
public record ModelFaithfulness(List<String> models, List<Double> meanAttAuroc, List<Double> externalAccuracy,
                                double correlation) {
    public ModelFaithfulness {
        models = List.copyOf(models);
        meanAttAuroc = List.copyOf(meanAttAuroc);
        externalAccuracy = List.copyOf(externalAccuracy);
        if (meanAttAuroc.size() != models.size() || externalAccuracy.size() != models.size()) {
            throw new IllegalArgumentException(models.size() + " models, " + meanAttAuroc.size() + " AttAUROCs, "
                    + externalAccuracy.size() + " accuracies");
        }
    }

    /**
     * @param meanAttAurocPerModel     model → mean AttAUROC of its explanations; its iteration order
     *                                 (a {@code LinkedHashMap}'s insertion order) is the models' order
     * @param externalAccuracyPerModel model → its external accuracy, for exactly the same models
     * @throws UserInputException for fewer than 3 models, an accuracy missing for a model or given for a
     *                            model not explained, or a value that is not a finite number
     */
    public static ModelFaithfulness of(Map<String, Double> meanAttAurocPerModel,
                                       Map<String, Double> externalAccuracyPerModel) {
        List<String> missing = meanAttAurocPerModel.keySet().stream()
                .filter(m -> !externalAccuracyPerModel.containsKey(m)).toList();
        if (!missing.isEmpty()) {
            throw new UserInputException("no external accuracy for " + names(missing) + ": give one for every model"
                    + " whose explanations were scored");
        }
        List<String> unknown = externalAccuracyPerModel.keySet().stream()
                .filter(m -> !meanAttAurocPerModel.containsKey(m)).toList();
        if (!unknown.isEmpty()) {
            throw new UserInputException("external accuracies for " + names(unknown) + ", which " + (unknown.size() == 1
                    ? "has" : "have") + " no AttAUROC: score their explanations too, or leave them out");
        }
        if (meanAttAurocPerModel.size() < 3) {
            throw new UserInputException("model-level faithfulness needs at least 3 models, got "
                    + meanAttAurocPerModel.size() + ": a correlation over 2 points is always +1 or -1");
        }
        List<String> models = new ArrayList<>(meanAttAurocPerModel.keySet());
        double[] att = new double[models.size()];
        double[] acc = new double[models.size()];
        for (int i = 0; i < models.size(); i++) {
            att[i] = finite("mean AttAUROC", models.get(i), meanAttAurocPerModel.get(models.get(i)));
            acc[i] = finite("external accuracy", models.get(i), externalAccuracyPerModel.get(models.get(i)));
        }
        double r = new PearsonsCorrelation().correlation(att, acc);
        return new ModelFaithfulness(models, java.util.Arrays.stream(att).boxed().toList(),
                java.util.Arrays.stream(acc).boxed().toList(), r);
    }

    private static double finite(String what, String model, Double value) {
        if (value == null || !Double.isFinite(value)) {
            throw new UserInputException("the " + what + " of model " + model + " is " + value
                    + ": give a finite number");
        }
        return value;
    }

    private static String names(List<String> models) {
        return (models.size() == 1 ? "model " : models.size() + " models: ") + String.join(", ", models);
    }
}
