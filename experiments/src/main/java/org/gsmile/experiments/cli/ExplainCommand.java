package org.gsmile.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.experiments.output.ExplanationJson;
import org.gsmile.experiments.output.ExplanationText;
import org.gsmile.experiments.output.SamplingText;
import org.gsmile.models.http.RemoteCallStats;
import org.gsmile.models.http.RemoteModel;
import org.gsmile.models.resolve.ModelResolver;
import org.gsmile.perturbation.MarkedPrompt;
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
                "The model continues the prompt greedily; gSMILE then removes subsets of words (by default whole "
                        + "coalition sizes from the extremes inward, each with its complement), scores the same "
                        + "continuation after each perturbed prompt, measures how far the output distribution moved, "
                        + "and fits a linear surrogate weighted by the Shapley kernel, so the scores estimate Shapley "
                        + "values. --preset thesis reproduces the thesis recipe (Bernoulli masks, Gaussian kernel).",
                "",
                "Each word's score is its coefficient: negative means keeping the word holds the output in place "
                        + "(removing it moves the output by about |score|). Bootstrap intervals say how sure each "
                        + "score is."},
        footer = {"", "Examples:", "  gsmile explain \"Lily wanted to play with her red ball\"",
                "  gsmile explain --samples 64 --distance logprob-shift --format json \"Tom saw a big dog\"",
                "  gsmile explain --model openai:http://127.0.0.1:8000/v1#my-model --distance embedding-wasserstein"
                        + " \"Tom saw a big dog\"", ""})
public final class ExplainCommand implements Callable<Integer> {
    /** Where API keys and cache locations are read; tests replace it so they never touch the real environment. */
    static volatile Map<String, String> environment = System.getenv();

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
        if (MarkedPrompt.hasMarkers(text) && MarkedPrompt.parse(text).text().isBlank()) {
            // parse itself rejects unbalanced and empty markers; checked here so a typo costs no model load.
            throw new UserInputException("the unit markers leave no text to send to the model: write the prompt"
                    + " around the [[units]]");
        }
        Explanation explanation;
        try (GenerativeModel model = ModelResolver.fromEnvironment().resolve(options.model,
                options.remoteOptions(environment, Path.of(System.getProperty("user.home"))))) {
            explanation = explain(model, options, text);
        }
        if (explanation.calls().failed() > 0) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + explanation.calls().failed()
                    + " perturbed prompts still failed after retries and were left out of the fit");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(ExplanationJson.write(explanation));
        } else {
            out.print(new ExplanationText(System.console() != null).render(explanation));
            out.print(SamplingText.render(explanation));
        }
        out.flush();
        return 0;
    }

    static Explanation explain(GenerativeModel model, ExplainOptions options, String prompt) {
        ExplainMethod method = ExplainMethod.of(options, model, prompt);
        Explanation e = run(method, Choices.observation(options.distance, model, options.maxNewTokens), options);
        if (model instanceof RemoteModel remote) {
            // Only the client knows its retries and on-disk cache hits.
            RemoteCallStats client = remote.stats();
            e = new Explanation(e.prompt(), e.output(), e.units(), e.attribution(), e.intercept(), e.fidelity(),
                    e.ridge(), e.samples(), e.calls().withClient(client.retries(), client.diskCacheHits()),
                    e.timings(), e.provenance(), e.sampling());
        }
        return e;
    }

    private static <O> Explanation run(ExplainMethod method, Choices.Observation<O> observation,
                                       ExplainOptions options) {
        return method.explain(observation.probe(), observation.distance(), options.asConfig());
    }
}
