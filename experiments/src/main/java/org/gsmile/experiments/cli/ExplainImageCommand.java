package org.gsmile.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gsmile.api.Explainers;
import org.gsmile.api.TellingPerturbations;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Artifact;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.image.Image;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.experiments.output.ExplanationText;
import org.gsmile.experiments.output.SamplingText;
import org.gsmile.experiments.output.TextFormat;
import org.gsmile.models.http.CallFailedException;
import org.gsmile.perturbation.MarkedSplitter;
import org.gsmile.perturbation.WordSplitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "explain-image", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Explains an image edit or a generated image: which words of the instruction (or prompt) drove it.",
                "",
                "The editor edits --image by the instruction; gSMILE then removes subsets of the instruction's words "
                        + "exactly as explain does with a prompt (the same units, operators, samplers, kernels and "
                        + "budgets), edits the image by each perturbed instruction, measures how far each edited image "
                        + "moved from the original edit with an image distance, and fits the same weighted linear "
                        + "surrogate. A text-to-image model takes no --image: the prompt alone makes the picture.",
                "",
                "With --out DIR the input, the edited image and the images of the most telling perturbations (the "
                        + "top word removed, only the top words kept, the largest shift) are written there as PNG."},
        footer = {"", "Examples:",
                "  gsmile explain-image --image scene.png \"Remove the rain from the image.\"",
                "  gsmile explain-image --image scene.png --out out/ --distance ssim --preset thesis \"Make it dusk\"",
                "  gsmile explain-image --model http-editor:http://gpu-box:8000/edit --image scene.png \"Make it night\"",
                "  gsmile explain-image --model a1111-generator:http://127.0.0.1:7860?steps=20 \"a red car at night\"",
                ""})
public final class ExplainImageCommand implements Callable<Integer> {
    @ParentCommand
    Gsmile root;

    @Mixin
    ExplainOptions options;

    @Mixin
    ImageInput imageInput;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder to write input.png, the output (edited.png or generated.png) and the most telling"
                    + " perturbations' images to; created if missing.")
    Path out;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "Output format: text (ranked words, default) or json (the explanation's JSON, with the files"
                    + " written under \"files\").")
    String format;

    @Parameters(paramLabel = "INSTRUCTION", arity = "1..*",
            description = "The editing instruction, or the text-to-image prompt (several arguments are joined with"
                    + " spaces).")
    List<String> prompt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat output = OutputFormat.of(format);
        ExplanationSpec explanationSpec = imageInput.spec(options, "explain-image");
        String text = String.join(" ", prompt);
        ExplanationRequest request = new ExplanationRequest(text, options.seed);
        // Marker mistakes and an unreadable image cost no model load.
        new MarkedSplitter(new WordSplitter()).segment(text);
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + " is a file: give a folder for the images");
        }
        Explanation explanation;
        Image input;
        Image shown;
        int drawCalls = 0;
        try (ImageInput.Subject subject = imageInput.open(options, root.environment(), root.home(), "explain")) {
            input = subject.input();
            shown = subject.shown();
            explanation = Explainers.create(explanationSpec).explain(request, subject.explained());
            if (out != null) {
                TellingPerturbations.Result telling = telling(explanation, subject.explained());
                drawCalls = telling.calls();
                explanation = explanation.withArtifacts(write(shown, telling, subject.edits()));
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            stdout.println(ExplanationJson.write(explanation));
        } else {
            if (input != null) {
                stdout.println("Image: " + TextFormat.escape(imageInput.image.toString()) + " (" + input.describe() + ")"
                        + (shown != input ? ", resized to " + shown.width() + "x" + shown.height() : ""));
            }
            stdout.print(new ExplanationText(System.console() != null).render(explanation));
            stdout.print(SamplingText.render(explanation));
            if (!explanation.artifacts().isEmpty()) {
                stdout.println("Images in " + out + " (" + drawCalls + " more model calls to draw them):");
                for (Artifact a : explanation.artifacts()) {
                    stdout.println("  " + String.format(Locale.ROOT, "%-22s", Path.of(a.file()).getFileName())
                            + (a.role().equals("input") ? "the input" : a.role().equals("output") ? "the output y0"
                            : a.role() + String.format(Locale.ROOT, ", shift %.5f", a.outputDistance()) + ": "
                            + TextFormat.escape(a.prompt())));
                }
            }
        }
        stdout.flush();
        return 0;
    }

    /**
     * The images for --out, asked of the model once more; a server that fails one of those calls for
     * good ends the command in one line (the explanation's own answers are in the response cache, so
     * running again costs only what failed).
     */
    private static TellingPerturbations.Result telling(Explanation explanation, ImageGenerator subject) {
        try {
            return TellingPerturbations.of(explanation, subject);
        } catch (CallFailedException e) {
            throw new UserInputException("the images for --out could not be drawn: " + e.getMessage() + ": run again,"
                    + " or leave --out out", e);
        }
    }

    /** Writes the input and every telling image under --out; the artifacts name them as written. */
    private List<Artifact> write(Image input, TellingPerturbations.Result telling, boolean edit) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserInputException("cannot create --out " + out + " (" + e.getMessage() + "): choose a writable"
                    + " folder", e);
        }
        List<Artifact> artifacts = new ArrayList<>();
        if (input != null) {
            Path file = out.resolve("input.png");
            input.writePng(file);
            artifacts.add(new Artifact("input", file.toString(), "", "", Double.NaN, input.sha256()));
        }
        for (TellingPerturbations.Shown s : telling.shown()) {
            String name = s.role().equals("output") ? (edit ? "edited" : "generated") : s.role();
            Path file = out.resolve(name + ".png");
            s.image().writePng(file);
            artifacts.add(new Artifact(s.role(), file.toString(), s.mask().toString(), s.prompt(), s.outputDistance(),
                    s.image().sha256()));
        }
        return artifacts;
    }
}
