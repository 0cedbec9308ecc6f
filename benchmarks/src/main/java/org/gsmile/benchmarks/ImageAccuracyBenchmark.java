package org.gsmile.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gsmile.api.Explainers;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.core.spec.DistanceKind;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.Preset;
import org.gsmile.experiments.Startup;
import org.gsmile.metrics.accuracy.AttributionAccuracy;
import org.gsmile.metrics.accuracy.Relevance;
import org.gsmile.models.onnx.EditorScenes;
import org.gsmile.models.onnx.OnnxImageEditor;

/**
 * ATT-AUROC of image explanations against tinyeditor's ground truth: every instruction of
 * relevance.json, on the first scene of scenes.json with the instruction's input conditions, explained
 * with the default and the thesis presets and each image distance (feature-wasserstein needs a model
 * of the user's and is left out), over several seeds; and what one explanation costs (distinct calls,
 * time inside and outside the model). Prints a Markdown table.
 */
public final class ImageAccuracyBenchmark {
    private ImageAccuracyBenchmark() {
    }

    record Config(String name, ExplanationSpec spec) {
    }

    public static void main(String[] args) throws IOException {
        Startup.configure();
        Path dir = null;
        int seeds = 5;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> dir = Path.of(args[i]);
            }
        }
        if (dir == null) {
            String env = System.getenv("GSMILE_MODELS");
            if (env == null || env.isBlank()) {
                System.err.println("image-accuracy: set GSMILE_MODELS or give the shared models folder");
                System.exit(2);
            }
            dir = Path.of(env);
        }
        Path folder = dir.resolve("tinyeditor");
        List<Config> configs = new ArrayList<>();
        for (Preset preset : Preset.values()) {
            for (DistanceKind d : List.of(DistanceKind.CHANNEL_WASSERSTEIN, DistanceKind.SLICED_WASSERSTEIN,
                    DistanceKind.SSIM)) {
                configs.add(new Config(preset.label() + " / " + d.label(),
                        ExplanationSpec.builder().preset(preset).distance(d).build()));
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("ATT-AUROC on tinyeditor, mean over ").append(seeds).append(" seeds; each instruction on the first scene"
                + " with its input conditions\n\n| instruction | scene |");
        for (Config c : configs) {
            md.append(' ').append(c.name()).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(configs.size())).append('\n');
        double[] sum = new double[configs.size()];
        double[] thesisSum = new double[configs.size()];
        double[] calls = new double[configs.size()];
        double[] modelMs = new double[configs.size()];
        double[] totalMs = new double[configs.size()];
        int runs = 0;
        int thesisCases = 0;
        List<EditorScenes.Case> cases = EditorScenes.cases(folder);
        try (OnnxImageEditor editor = OnnxImageEditor.resolve(OnnxImageEditor.PREFIX + "tinyeditor", dir)) {
            // Warm up ONNX Runtime and the JIT, so the first row's times are not the start-up's.
            Explainers.create(ExplanationSpec.defaults()).explain(ExplanationRequest.of(cases.get(0).instruction()),
                    editor.bind(Image.read(EditorScenes.sceneWith(folder, cases.get(0).input()), 1 << 20)));
            for (int k = 0; k < cases.size(); k++) {
                EditorScenes.Case c = cases.get(k);
                // The first six are the thesis's low-level editing instructions.
                boolean thesis = k < 6;
                thesisCases += thesis ? 1 : 0;
                Path scene = EditorScenes.sceneWith(folder, c.input());
                ImageGenerator model = editor.bind(Image.read(scene, 1 << 20));
                md.append("| ").append(c.instruction()).append(thesis ? " (thesis)" : "").append(" | ")
                        .append(scene.getFileName().toString().replace(".png", "")).append(" |");
                for (int j = 0; j < configs.size(); j++) {
                    double auroc = 0;
                    for (int s = 1; s <= seeds; s++) {
                        Explanation e = Explainers.create(configs.get(j).spec()).explain(
                                new ExplanationRequest(c.instruction(), s), model);
                        auroc += AttributionAccuracy.of(e, Relevance.ofLabels(e.units(), c.labels(e.units())), 1)
                                .attAuroc();
                        calls[j] += e.calls().unique();
                        modelMs[j] += e.cost().timings().modelMs();
                        totalMs[j] += e.cost().timings().totalMs();
                    }
                    auroc /= seeds;
                    sum[j] += auroc;
                    thesisSum[j] += thesis ? auroc : 0;
                    md.append(String.format(Locale.ROOT, " %.3f |", auroc));
                }
                md.append('\n');
                runs += seeds;
            }
        }
        md.append("| **mean, thesis instructions** | |");
        for (double v : thesisSum) {
            md.append(String.format(Locale.ROOT, " **%.3f** |", v / thesisCases));
        }
        md.append("\n| **mean, all** | |");
        for (double v : sum) {
            md.append(String.format(Locale.ROOT, " **%.3f** |", v / cases.size()));
        }
        int perConfig = runs;
        md.append("\n\nCost per explanation, mean over ").append(perConfig).append(" explanations each\n\n"
                + "| configuration | distinct calls | ms in the model | ms outside it | ms in all |\n|---|---|---|---|---|\n");
        for (int j = 0; j < configs.size(); j++) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f | %.0f |%n", configs.get(j).name(),
                    calls[j] / perConfig, modelMs[j] / perConfig, (totalMs[j] - modelMs[j]) / perConfig,
                    totalMs[j] / perConfig));
        }
        System.out.print(md);
        if (out != null) {
            Files.writeString(out, md.toString());
        }
    }
}
