package org.gsmile.experiments.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.SampleBudget;
import org.gsmile.experiments.plan.MetricsConfig.AccuracyOptions;
import org.gsmile.experiments.plan.MetricsConfig.ConsistencyOptions;
import org.gsmile.experiments.plan.MetricsConfig.FaithfulnessOptions;
import org.gsmile.experiments.plan.MetricsConfig.FidelityOptions;
import org.gsmile.experiments.plan.MetricsConfig.StabilityOptions;
import org.gsmile.models.http.RemoteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a well-formed experiment file reads as: defaults, models, cases from files, metrics. */
class ExperimentFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void defaults() throws Exception {
        String text = "models: [local:stories260K]\ncases: [\"Lily wanted to play with her red ball\"]\n";
        Path file = write("my-exp.yaml", text);
        Experiment e = ExperimentFile.load(file);
        assertEquals("my-exp", e.name());
        assertEquals("", e.description());
        assertEquals(42, e.seed());
        assertEquals(RunLocation.local(Path.of("runs", "my-exp")), e.output());
        assertNull(e.concurrency());
        assertEquals(1, e.seeds());
        assertTrue(e.metrics().isEmpty());
        assertEquals(List.of(), e.warnings());
        assertEquals(file, e.file());
        assertEquals(text, e.source());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertEquals(sha, e.sourceSha256());
        assertEquals(List.of(new ModelEntry("stories260K", "local:stories260K")), e.models());
        assertEquals(List.of(new CaseEntry("case-1", "Lily wanted to play with her red ball", List.of(), file + ":2")),
                e.cases());
        assertEquals(1, e.grid().points().size());
        Grid.Point p = e.grid().points().get(0);
        assertEquals("default", p.label());
        assertEquals(Map.of(), p.values());
        assertEquals(ExplanationSpec.defaults(), p.spec());
    }

    @Test
    void topLevelSettings() throws IOException {
        Experiment e = ExperimentFile.load(write("x.yml", """
                name: quick
                description: A first look
                seed: -7
                output: out/here
                concurrency: 3
                seeds: 4
                models: [local:stories260K]
                cases: [a]
                """));
        assertEquals("quick", e.name());
        assertEquals("A first look", e.description());
        assertEquals(-7, e.seed());
        assertEquals(RunLocation.local(Path.of("out/here")), e.output());
        assertEquals(3, e.concurrency());
        assertEquals(4, e.seeds());
        assertEquals(RunLocation.local(Path.of("runs", "x")), ExperimentFile.load(write("x.yml", "models: [local:a]\ncases: [a]\n")).output());
    }

    /** A URI with a scheme other than file: is a remote folder; a file: URI and a drive letter are paths. */
    @Test
    void outputAsAUri() throws IOException {
        String rest = "models: [local:a]\ncases: [a]\n";
        assertEquals(RunLocation.of("hdfs://nn:8020/runs/x"), ExperimentFile.load(write("h.yaml",
                "output: hdfs://nn:8020/runs/x/\n" + rest)).output());
        RunLocation s3 = ExperimentFile.load(write("s.yaml", "output: s3a://bucket/runs/x\n" + rest)).output();
        assertEquals(java.net.URI.create("s3a://bucket/runs/x"), s3.remote());
        assertEquals("s3a://bucket/runs/x", s3.toString());
        assertEquals(RunLocation.local(Path.of("/tmp/runs/x")), ExperimentFile.load(write("f.yaml",
                "output: file:///tmp/runs/x\n" + rest)).output());
        assertEquals(RunLocation.local(Path.of("C:/runs")), RunLocation.of("C:/runs"));
        assertEquals("hdfs:/runs/x", RunLocation.of("hdfs:///runs/x").toString(), "the default namenode");
        assertEquals(RunLocation.local(Path.of("runs:x")), RunLocation.of("runs:x"), "no slash: a path");
    }

    @Test
    void modelNamesAndOptions() throws IOException {
        Experiment e = ExperimentFile.load(write("exp.yaml", """
                models:
                  - local:stories260K
                  - {name: tinygpt, ref: onnx:tinygpt}
                  - {name: gpt, ref: "openai:http://127.0.0.1:8000/v1#gpt", logprobs: 5, apiKeyEnv: MY_KEY, timeout: 30,
                     concurrency: 2, maxRetries: 0, cache: none}
                  - "ollama:llama3.2:1b@http://127.0.0.1:11434"
                cases: [a]
                """));
        assertEquals(List.of("stories260K", "tinygpt", "gpt", "llama3.2-1b"),
                e.models().stream().map(ModelEntry::name).toList());
        ModelEntry gpt = e.models().get(2);
        assertEquals(Map.of("logprobs", 5, "apiKeyEnv", "MY_KEY", "timeout", 30.0, "concurrency", 2, "maxRetries", 0,
                "cache", "none"), gpt.options());
        assertEquals(Map.of("logprobs", 5), gpt.outputOptions());
        RemoteOptions r = gpt.remoteOptions(Map.of(), dir, 1);
        assertEquals(5, r.topLogprobs());
        assertEquals(2, r.concurrency());
        assertEquals("MY_KEY", r.apiKeyEnv());
        assertNull(r.cacheDir());
        assertEquals(java.time.Duration.ofSeconds(30), r.requestTimeout());
        RemoteOptions defaults = e.models().get(0).remoteOptions(Map.of(), dir, 1);
        assertEquals(RemoteOptions.DEFAULT_CONCURRENCY, defaults.concurrency());
        assertEquals(0, defaults.topLogprobs());
    }

    /** The explainer's keys are the spec's settings, as the command line and the JSON config name them. */
    @Test
    void explainerKeysAreSettings() {
        for (String key : ExplainerSection.KEYS) {
            assertTrue(java.util.Arrays.stream(org.gsmile.core.spec.Setting.values()).anyMatch(s -> s.key().equals(key)),
                    key);
        }
        assertEquals(16, ExplainerSection.KEYS.size());
    }

    @Test
    void defaultModelNames() {
        assertEquals("stories260K", ExperimentFile.defaultModelName("local:stories260K"));
        assertEquals("stories260K", ExperimentFile.defaultModelName("local:../shared/models/stories260K/stories260K.bin"));
        assertEquals("tinygpt", ExperimentFile.defaultModelName("onnx:tinygpt"));
        assertEquals("tinygpt", ExperimentFile.defaultModelName("onnx:/m/tinygpt/model.onnx"));
        assertEquals("tinygpt", ExperimentFile.defaultModelName("onnx:tinygpt?batch=4"));
        assertEquals("gpt", ExperimentFile.defaultModelName("openai:http://127.0.0.1:8000/v1#gpt"));
        assertEquals("llama3", ExperimentFile.defaultModelName("openai:http://h/v1#llama3?api=completions"));
        assertEquals("llama3.2-1b", ExperimentFile.defaultModelName("ollama:llama3.2:1b"));
        assertEquals("stories260K", ExperimentFile.defaultModelName("stories260K"));
    }

    @Test
    void inlineCases() throws IOException {
        Path file = write("exp.yaml", """
                models: [local:stories260K]
                cases:
                  - "Lily wanted to play with her red ball"
                  - {id: rain, prompt: "Remove the rain from the image.", relevant: [remove, rain]}
                  - prompt: What is 36 + 59 ?
                    relevant: ["36", "59"]
                  - {prompt: "Hold the (red ball).", relevant: ["red ball", Ball]}
                """);
        List<CaseEntry> cases = ExperimentFile.load(file).cases();
        assertEquals(List.of(
                new CaseEntry("case-1", "Lily wanted to play with her red ball", List.of(), file + ":3"),
                new CaseEntry("rain", "Remove the rain from the image.", List.of("remove", "rain"), file + ":4"),
                new CaseEntry("case-3", "What is 36 + 59 ?", List.of("36", "59"), file + ":5"),
                new CaseEntry("case-4", "Hold the (red ball).", List.of("red ball", "Ball"), file + ":7")), cases);
    }

    @Test
    void casesFromJsonl() throws IOException {
        write("data/prompts.jsonl", """
                {"prompt": "What is the meaning of life?", "relevant": ["meaning", "life"]}

                {"prompt": "Machine learning is fascinating.", "id": "ml"}
                {"id": 7, "prompt": "Once upon a time"}
                """);
        Path file = write("exp.yaml", "models: [local:stories260K]\ncases:\n  - Lily played\n  - {file: data/prompts.jsonl}\n");
        String rows = dir.resolve("data/prompts.jsonl").toString();
        assertEquals(List.of(
                new CaseEntry("case-1", "Lily played", List.of(), file + ":3"),
                new CaseEntry("prompts-1", "What is the meaning of life?", List.of("meaning", "life"), rows + ":1"),
                new CaseEntry("ml", "Machine learning is fascinating.", List.of(), rows + ":3"),
                new CaseEntry("7", "Once upon a time", List.of(), rows + ":4")), ExperimentFile.load(file).cases());
    }

    @Test
    void casesFromCsv() throws IOException {
        // A byte order mark, CRLF, columns in another order, quoted commas, quotes and line breaks.
        write("set.csv", "\uFEFFid,prompt,relevant\r\n"
                + "motivated,\"How can students stay motivated, to learn?\",students; motivated\r\n"
                + ",\"She said \"\"hi\"\"\nand left\",left\r\n"
                + "\r\n"
                + ",Machine learning is fascinating.,\r\n");
        Path file = write("exp.yaml", "models: [local:stories260K]\ncases: [{file: set.csv}]\n");
        String rows = dir.resolve("set.csv").toString();
        assertEquals(List.of(
                new CaseEntry("motivated", "How can students stay motivated, to learn?", List.of("students", "motivated"),
                        rows + ":2"),
                new CaseEntry("set-2", "She said \"hi\"\nand left", List.of("left"), rows + ":3"),
                new CaseEntry("set-3", "Machine learning is fascinating.", List.of(), rows + ":6")),
                ExperimentFile.load(file).cases());
    }

    @Test
    void explainerValues() throws IOException {
        Experiment e = ExperimentFile.load(write("exp.yaml", """
                models: [local:stories260K]
                cases: [a]
                explainer:
                  preset: thesis
                  samples: auto
                  maxSamples: 128
                  sigma: 0.25
                  maxNewTokens: 8
                """));
        ExplanationSpec spec = e.grid().points().get(0).spec();
        assertEquals(new SampleBudget.Auto(128), spec.budget());
        assertEquals(0.25, spec.sigma());
        assertEquals(KernelKind.GAUSSIAN, spec.kernel());
        assertEquals(8, spec.maxNewTokens());
        assertEquals(Map.of("preset", "thesis", "samples", "auto", "maxSamples", 128, "sigma", 0.25, "maxNewTokens", 8),
                e.grid().fixed());
    }

    @Test
    void metricsWithDefaultsFilled() throws IOException {
        Experiment e = ExperimentFile.load(write("exp.yaml", """
                models: [local:stories260K, onnx:tinygpt, onnx:tinylstm]
                cases:
                  - {prompt: "Remove the rain from the image.", relevant: [rain]}
                  - Lily played
                metrics:
                  fidelity:
                  accuracy: {}
                  consistency: {runs: 5}
                  # exactShapley: false would skip the exact values
                  stability: {changes: [start, end], words: [please, "###"], seeds: 0}
                  faithfulness: {random: 3, modelAccuracy: {tinylstm: 0.2, stories260K: 0.31, tinygpt: 0.25}}
                """));
        MetricsConfig m = e.metrics();
        assertEquals(FidelityOptions.defaults(), m.fidelity());
        assertEquals(AccuracyOptions.defaults(), m.accuracy());
        assertEquals(new ConsistencyOptions(5), m.consistency());
        assertEquals(new StabilityOptions(3, List.of("start", "end"), List.of("please", "###"), 0), m.stability());
        assertEquals(new FaithfulnessOptions(3, 3, Map.of("stories260K", 0.31, "tinygpt", 0.25, "tinylstm", 0.2)),
                m.faithfulness());
        org.gsmile.metrics.EvaluationPlan plan = m.evaluationPlan();
        assertEquals(new org.gsmile.metrics.EvaluationPlan(new org.gsmile.metrics.EvaluationPlan.FidelityPlan(32),
                new org.gsmile.metrics.EvaluationPlan.AccuracyPlan(3, true),
                new org.gsmile.metrics.EvaluationPlan.ConsistencyPlan(5),
                new org.gsmile.metrics.stability.StabilityOptions(3, List.of(
                        org.gsmile.metrics.stability.PromptChange.INSERT_START,
                        org.gsmile.metrics.stability.PromptChange.INSERT_END), List.of("please", "###"), 0),
                new org.gsmile.metrics.EvaluationPlan.FaithfulnessPlan(3, 3)), plan);
        // the defaults are the metrics module's own
        assertEquals(org.gsmile.metrics.EvaluationPlan.all(), new MetricsConfig(FidelityOptions.defaults(),
                AccuracyOptions.defaults(), ConsistencyOptions.defaults(), StabilityOptions.defaults(),
                FaithfulnessOptions.defaults()).evaluationPlan());
        assertEquals(org.gsmile.metrics.EvaluationPlan.none(), MetricsConfig.none().evaluationPlan());
        // in the models' order
        assertEquals(List.of("stories260K", "tinygpt", "tinylstm"), List.copyOf(m.faithfulness().modelAccuracy().keySet()));
        assertEquals(MetricsConfig.METRICS, m.enabled());
        assertEquals(List.of("accuracy: 1 of 2 cases have no relevant words (case-2): ATT-AUROC and precision@k skip"
                + " them"), e.warnings());
    }

    @Test
    void anchorsAndAliases() throws IOException {
        Experiment e = ExperimentFile.load(write("exp.yaml", """
                models: [local:stories260K]
                cases: &prompts [a, b]
                explainer:
                  samples: &budgets [32, 64]
                grid:
                  exclude: [{samples: 32}]
                """));
        assertEquals(2, e.cases().size());
        assertEquals(1, e.grid().points().size());
    }

    /** The example of experiments/EXPERIMENT-FILES.md, with the prompts.jsonl it shows, loads as it says. */
    @Test
    void documentedExampleLoads() throws IOException {
        Path doc = Path.of("EXPERIMENT-FILES.md");
        if (!Files.exists(doc)) {
            doc = Path.of("experiments", "EXPERIMENT-FILES.md");
        }
        String md = Files.readString(doc);
        int mark = md.indexOf("<!-- example:experiment -->");
        assertTrue(mark >= 0, "EXPERIMENT-FILES.md has no example:experiment block");
        String yaml = block(md, md.indexOf("```yaml", mark));
        String jsonl = block(md, md.indexOf("```", md.indexOf("with `prompts.jsonl` beside it", mark)));
        write("prompts.jsonl", jsonl);
        Experiment e = ExperimentFile.load(write("compare-small.yaml", yaml));
        List<Cell> cells = Plan.of(e);
        assertTrue(md.contains("= " + cells.size() + " cells"), "the document's count of cells is " + cells.size());
        assertEquals(72, cells.size());
        assertEquals(List.of("accuracy: 2 of 4 cases have no relevant words (case-1, dog): ATT-AUROC and precision@k"
                + " skip them"), e.warnings());
    }

    private static String block(String md, int fence) {
        int start = md.indexOf('\n', fence) + 1;
        return md.substring(start, md.indexOf("```", start));
    }
}
