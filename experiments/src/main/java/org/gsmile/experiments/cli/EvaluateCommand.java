package org.gsmile.experiments.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gsmile.api.Explainers;
import org.gsmile.api.MemoryObservationStore;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.UnitKind;
import org.gsmile.core.unit.Unit;
import org.gsmile.experiments.output.EvaluationText;
import org.gsmile.experiments.output.ExplanationText;
import org.gsmile.metrics.Evaluation;
import org.gsmile.metrics.EvaluationJson;
import org.gsmile.metrics.EvaluationPlan;
import org.gsmile.metrics.Evaluator;
import org.gsmile.metrics.accuracy.Relevance;
import org.gsmile.metrics.faithfulness.Faithfulness;
import org.gsmile.metrics.stability.PromptChange;
import org.gsmile.metrics.stability.StabilityOptions;
import org.gsmile.perturbation.MarkedSplitter;
import org.gsmile.perturbation.WordSplitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Explains one prompt, then judges the explanation by the five metrics: fidelity (in and out of"
                + " sample), accuracy (against --relevant words and exact Shapley values), consistency (repeated runs),"
                + " stability (minimally changed prompts, other seeds) and faithfulness (deletion and insertion"
                + " curves against random and leave-one-out rankings). Each metric says what it cost in extra model"
                + " calls; every option of explain applies to the explanation. With --image (or an image model as"
                + " --model) the words of an editing instruction or text-to-image prompt are evaluated instead,"
                + " with every option of explain-image."},
        footer = {"", "Examples:", "  gsmile evaluate \"Lily wanted to play with her red ball\"",
                "  gsmile evaluate --relevant remove,rain --model \"oracle:keywords#remove=0.6,rain=0.4\""
                        + " \"Remove the rain from the image.\"",
                "  gsmile evaluate --metrics fidelity,faithfulness --format json \"Tom saw a big dog\"",
                "  gsmile evaluate --image $GSMILE_MODELS/tinyeditor/scenes/scene05_rainy_night_sharp.png"
                        + " --relevant remove,rain \"Remove the rain from the image.\"", ""})
public final class EvaluateCommand implements Callable<Integer> {
    @ParentCommand
    Gsmile root;

    @Mixin
    ExplainOptions options;

    /** An image model instead of a text one: its instruction's words are evaluated, on --image for an editor. */
    @Mixin
    ImageInput imageInput;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text (default) or json ({\"explanation\": ..., \"metrics\": ...}).")
    String format;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            defaultValue = "fidelity,accuracy,consistency,stability,faithfulness",
            description = "Metrics to compute, comma-separated. Default: all five.")
    List<String> metrics;

    @Option(names = "--k", paramLabel = "K", defaultValue = "" + EvaluationPlan.DEFAULT_K,
            description = "Top units compared: precision@k, stability's top-k Jaccard, faithfulness's rationale."
                    + " Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "" + EvaluationPlan.DEFAULT_RUNS,
            description = "Consistency: explanations compared (this one and R − 1 with other seeds). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--fresh", paramLabel = "N", defaultValue = "" + EvaluationPlan.DEFAULT_FRESH,
            description = "Fidelity: fresh perturbations measured after the fit. Default: ${DEFAULT-VALUE}.")
    int fresh;

    @Option(names = "--random", paramLabel = "N", defaultValue = "" + Faithfulness.DEFAULT_RANDOM_RANKINGS,
            description = "Faithfulness: random rankings averaged for the baseline. Default: ${DEFAULT-VALUE}.")
    int random;

    @Option(names = "--changes", paramLabel = "LIST", split = ",", defaultValue = "start,middle,end,punctuation",
            description = "Stability: the prompt changes, comma-separated (start, middle, end: a neutral word"
                    + " inserted there; punctuation: the final punctuation changed). Default: all four.")
    List<String> changes;

    @Option(names = "--neutral-words", paramLabel = "LIST", split = ",",
            description = "Stability: the neutral words inserted. Default: please,could,would,should,###.")
    List<String> neutralWords;

    @Option(names = "--stability-seeds", paramLabel = "N", defaultValue = "3",
            description = "Stability: other seeds the same prompt is explained with (0: none). Default: ${DEFAULT-VALUE}.")
    int stabilitySeeds;

    @Option(names = "--relevant", paramLabel = "WORDS", split = ",",
            description = "Accuracy: the ground-truth relevant words of the prompt, comma-separated.")
    List<String> relevant;

    @Option(names = "--relevance", paramLabel = "LABELS", split = ",",
            description = "Accuracy: ground truth as one 0/1 label per unit, comma-separated (as the thesis code writes it).")
    int[] relevance;

    @Option(names = "--no-shapley", description = "Accuracy: skip the exact Shapley values (2^n model calls).")
    boolean noShapley;

    @Parameters(paramLabel = "PROMPT", arity = "1..*",
            description = "The prompt to explain and evaluate (several arguments are joined with spaces).")
    List<String> prompt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.of(format);
        boolean image = imageInput.chosen(options);
        ExplanationSpec explanationSpec = image ? imageInput.spec(options, "an image model") : options.spec();
        EvaluationPlan plan = plan();
        if (relevant != null && relevance != null) {
            throw new UserInputException("--relevant and --relevance both give the ground truth: give one of them");
        }
        String text = String.join(" ", prompt);
        ExplanationRequest request = new ExplanationRequest(text, options.seed);
        // Word units are known before the model loads: mistakes about them cost nothing.
        List<Unit> words = new MarkedSplitter(new WordSplitter()).segment(text).units();
        if (explanationSpec.units() == UnitKind.WORDS) {
            relevance(words);
            int n = words.size();
            if (k > n && (plan.accuracy() != null && relevance() || plan.stability() != null
                    || plan.faithfulness() != null)) {
                throw new UserInputException("{k} is " + k + " but the prompt has " + n + " units: choose {k} at most "
                        + n);
            }
        }
        Explanation explanation;
        Evaluation evaluation;
        ImageInput.Subject subject = image ? imageInput.open(options, root.environment(), root.home(), "evaluate") : null;
        try (BlackBoxModel opened = subject != null ? subject.model() : options.openModel(root.environment(), root.home())) {
            BlackBoxModel model = subject != null ? subject.explained() : opened;
            // One store for the explanation and every metric: a prompt one of them observed is not asked again.
            MemoryObservationStore store = new MemoryObservationStore();
            explanation = Explainers.create(explanationSpec, store).explain(request, model);
            evaluation = new Evaluator(store).evaluate(explanation, request, model, relevance(explanation.units()), plan);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("explanation", ExplanationJson.tree(explanation));
            o.set("metrics", EvaluationJson.tree(evaluation));
            out.println(o.toPrettyString());
        } else {
            out.print(new ExplanationText(System.console() != null).render(explanation));
            out.print(EvaluationText.render(explanation, evaluation));
        }
        out.flush();
        return 0;
    }

    private boolean relevance() {
        return relevant != null || relevance != null;
    }

    private Relevance relevance(List<Unit> units) {
        if (relevant != null) {
            return Relevance.ofWords(units, relevant);
        }
        return relevance == null ? null : Relevance.ofLabels(units, relevance);
    }

    private EvaluationPlan plan() {
        Set<String> chosen = new LinkedHashSet<>();
        for (String m : metrics) {
            String name = m.strip();
            if (!List.of("fidelity", "accuracy", "consistency", "stability", "faithfulness").contains(name)) {
                throw new UserInputException("unknown metric '" + m + "' in --metrics: choose from fidelity, accuracy,"
                        + " consistency, stability, faithfulness");
            }
            chosen.add(name);
        }
        if (relevant != null && !chosen.contains("accuracy") || relevance != null && !chosen.contains("accuracy")) {
            throw new UserInputException("the ground truth is for the accuracy metric, which --metrics leaves out: add"
                    + " accuracy to --metrics, or leave the ground truth out");
        }
        List<PromptChange> kinds = new ArrayList<>();
        for (String c : changes) {
            kinds.add(PromptChange.of(c.strip()));
        }
        StabilityOptions stability = chosen.contains("stability") ? new StabilityOptions(k, kinds,
                neutralWords == null ? StabilityOptions.NEUTRAL_WORDS : neutralWords, stabilitySeeds) : null;
        return new EvaluationPlan(
                chosen.contains("fidelity") ? new EvaluationPlan.FidelityPlan(fresh) : null,
                chosen.contains("accuracy") ? new EvaluationPlan.AccuracyPlan(k, !noShapley) : null,
                chosen.contains("consistency") ? new EvaluationPlan.ConsistencyPlan(runs) : null,
                stability,
                chosen.contains("faithfulness") ? new EvaluationPlan.FaithfulnessPlan(k, random) : null);
    }
}
