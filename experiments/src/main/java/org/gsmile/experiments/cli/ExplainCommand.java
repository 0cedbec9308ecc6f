package org.gsmile.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Explainer;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.kernel.GaussianKernel;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.TokenScores;
import org.gsmile.experiments.output.ExplanationJson;
import org.gsmile.experiments.output.ExplanationText;
import org.gsmile.models.probe.TokenScoresProbe;
import org.gsmile.models.resolve.ModelResolver;
import org.gsmile.perturbation.BernoulliMaskSampler;
import org.gsmile.perturbation.DropOperator;
import org.gsmile.perturbation.WordSplitter;
import org.gsmile.core.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explains one prompt: which words made the model produce its output.",
                "",
                "The model continues the prompt greedily; gSMILE then drops random subsets of words, scores the same "
                        + "continuation after each perturbed prompt, measures how far the output distribution moved, "
                        + "and fits a weighted linear surrogate. Each word's score is its coefficient: negative means "
                        + "keeping the word holds the output in place (removing it moves the output by about |score|)."},
        footer = {"", "Examples:", "  gsmile explain \"Lily wanted to play with her red ball\"",
                "  gsmile explain --samples 64 --distance logprob-shift --format json \"Tom saw a big dog\"", ""})
public final class ExplainCommand implements Callable<Integer> {

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
        if (!format.equals("text") && !format.equals("json")) {
            throw new UserInputException("unknown --format '" + format + "': choose text or json");
        }
        options.validate();
        String text = String.join(" ", prompt);
        if (text.isBlank()) {
            throw new UserInputException("PROMPT is empty: give the text to explain, e.g. gsmile explain \"Once upon a time\"");
        }
        Explanation explanation;
        try (GenerativeModel model = ModelResolver.fromEnvironment().resolve(options.model)) {
            explanation = explain(model, options, text);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(ExplanationJson.write(explanation));
        } else {
            out.print(new ExplanationText(System.console() != null).render(explanation));
        }
        out.flush();
        return 0;
    }

    static Explanation explain(GenerativeModel model, ExplainOptions options, String prompt) {
        TokenScoresProbe probe = new TokenScoresProbe(model, options.maxNewTokens);
        OutputDistance<TokenScores> distance = Choices.distance(options.distance, probe.scorer());
        Explainer explainer = new Explainer(new WordSplitter(), new BernoulliMaskSampler(options.keep),
                new DropOperator(), new GaussianKernel(options.sigma), Choices.surrogate(options.surrogate, options.seed),
                options.samples);
        return explainer.explain(prompt, probe, distance, options.seed, model.info().id(), model.info().sha256(),
                options.asConfig());
    }
}
