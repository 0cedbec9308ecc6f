package org.gsmile.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.gsmile.api.Explainers;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.experiments.output.ExplanationText;
import org.gsmile.experiments.output.SamplingText;
import org.gsmile.perturbation.MarkedSplitter;
import org.gsmile.perturbation.WordSplitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Explains one prompt: which words made the model produce its output.",
                "",
                "The model continues the prompt greedily; gSMILE then removes subsets of words (by default whole "
                        + "coalition sizes from the extremes inward, each with its complement), scores the same "
                        + "continuation after each perturbed prompt, measures how far the output distribution moved, "
                        + "and fits a linear surrogate weighted by the Shapley kernel, so the scores estimate Shapley "
                        + "values. --preset thesis reproduces the thesis recipe (Bernoulli masks, Gaussian kernel).",
                "",
                "Each word's score estimates its Shapley value of the output distance: its average contribution, "
                        + "over coalitions of the other words, to how far the output moves. Negative means keeping the "
                        + "word holds the output in place (--sign importance flips it). Bootstrap intervals say how "
                        + "sure each score is; warnings say when not to trust the scores."},
        footer = {"", "Examples:", "  gsmile explain \"Lily wanted to play with her red ball\"",
                "  gsmile explain --samples 64 --distance logprob-shift --format json \"Tom saw a big dog\"",
                "  gsmile explain --model openai:http://127.0.0.1:8000/v1#my-model --distance embedding-wasserstein"
                        + " \"Tom saw a big dog\"", ""})
public final class ExplainCommand implements Callable<Integer> {
    @ParentCommand
    Gsmile root;

    @Mixin
    ExplainOptions options;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text (ranked words, default) or json (stable schema, see README).")
    String format;

    @Parameters(paramLabel = "PROMPT", arity = "1..*",
            description = "The prompt to explain (several arguments are joined with spaces).")
    List<String> prompt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.of(format);
        ExplanationSpec explanationSpec = options.spec();
        String text = String.join(" ", prompt);
        ExplanationRequest request = new ExplanationRequest(text, options.seed);
        // Marker mistakes cost no model load: the splitter would find them only after loading it.
        new MarkedSplitter(new WordSplitter()).segment(text);
        Explanation explanation;
        try (GenerativeModel model = options.openModel(root.environment(), root.home())) {
            explanation = Explainers.create(explanationSpec).explain(request, model);
        }
        if (explanation.calls().failed() > 0) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + explanation.calls().failed()
                    + " perturbed prompts still failed after retries and were left out of the fit");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            out.println(ExplanationJson.write(explanation));
        } else {
            out.print(new ExplanationText(System.console() != null).render(explanation));
            out.print(SamplingText.render(explanation));
        }
        out.flush();
        return 0;
    }
}
