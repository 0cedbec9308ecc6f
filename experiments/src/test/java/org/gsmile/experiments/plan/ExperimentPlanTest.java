package org.gsmile.experiments.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Grid expansion, the order and ids of cells, their seeds, and the metrics keys. */
class ExperimentPlanTest {
    private static final String HEAD = "models: [local:stories260K]\ncases: [\"Lily wanted to play with her red ball\"]\n";

    @TempDir
    Path dir;

    private Experiment load(String yaml) throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return ExperimentFile.load(file);
    }

    private List<String> labels(String explainerAndGrid) throws IOException {
        return load(HEAD + explainerAndGrid).grid().points().stream().map(Grid.Point::label).toList();
    }

    // ---- grid expansion ----------------------------------------------------------------------

    @Test
    void cartesianProductFirstAxisSlowest() throws IOException {
        assertEquals(List.of("samples=32 kernel=shapley", "samples=32 kernel=gaussian", "samples=32 kernel=uniform",
                        "samples=64 kernel=shapley", "samples=64 kernel=gaussian", "samples=64 kernel=uniform"),
                labels("explainer:\n  preset: default\n  samples: [32, 64]\n  kernel: [shapley, gaussian, uniform]\n"));
    }

    @Test
    void threeAxes() throws IOException {
        assertEquals(2 * 3 * 2, labels("explainer:\n  samples: [32, 64]\n  kernel: [shapley, gaussian, uniform]\n"
                + "  units: [words, sentences]\n").size());
    }

    @Test
    void zipVariesAxesTogether() throws IOException {
        assertEquals(List.of("samples=32 kernel=shapley", "samples=64 kernel=gaussian", "samples=128 kernel=uniform"),
                labels("explainer:\n  samples: [32, 64, 128]\n  kernel: [shapley, gaussian, uniform]\n"
                        + "grid:\n  zip: [[samples, kernel]]\n"));
    }

    @Test
    void zipWithAnotherAxis() throws IOException {
        // The group sits where its first axis is; the labels keep the axes' order.
        assertEquals(List.of("units=words samples=32 kernel=shapley", "units=words samples=64 kernel=gaussian",
                        "units=sentences samples=32 kernel=shapley", "units=sentences samples=64 kernel=gaussian"),
                labels("explainer:\n  units: [words, sentences]\n  samples: [32, 64]\n  kernel: [shapley, gaussian]\n"
                        + "grid:\n  zip: [[kernel, samples]]\n"));
    }

    @Test
    void zipAllowsARepeatedValueWithinOneAxis() throws IOException {
        assertEquals(List.of("samples=32 kernel=shapley", "samples=32 kernel=gaussian", "samples=64 kernel=shapley"),
                labels("explainer:\n  samples: [32, 32, 64]\n  kernel: [shapley, gaussian, shapley]\n"
                        + "grid:\n  zip: [[samples, kernel]]\n"));
    }

    @Test
    void excludeRemovesEveryPointThatAgrees() throws IOException {
        String axes = "explainer:\n  samples: [32, 64]\n  kernel: [shapley, gaussian, uniform]\n  units: [words, sentences]\n";
        assertEquals(12 - 2, labels(axes + "grid:\n  exclude: [{samples: 32, kernel: gaussian}]\n").size());
        assertEquals(12 - 4, labels(axes + "grid:\n  exclude: [{kernel: gaussian}]\n").size());
        // overlapping entries remove a point once
        assertEquals(12 - 4 - 2, labels(axes + "grid:\n  exclude:\n    - {kernel: gaussian}\n"
                + "    - {samples: 32, kernel: gaussian}\n    - {samples: 32, kernel: uniform, units: sentences}\n"
                + "    - {samples: 64, kernel: uniform, units: words}\n").size());
        assertEquals(List.of("samples=32 kernel=shapley", "samples=64 kernel=gaussian"),
                labels("explainer:\n  samples: [32, 64]\n  kernel: [shapley, gaussian]\n"
                        + "grid:\n  exclude: [{samples: 32, kernel: gaussian}, {samples: 64, kernel: shapley}]\n"));
    }

    @Test
    void excludeAfterZip() throws IOException {
        assertEquals(List.of("samples=32 kernel=shapley keep=0.5", "samples=64 kernel=gaussian keep=0.3",
                        "samples=64 kernel=gaussian keep=0.5"),
                labels("explainer:\n  sampler: bernoulli\n  samples: [32, 64]\n  kernel: [shapley, gaussian]\n"
                        + "  keep: [0.3, 0.5]\n"
                        + "grid:\n  zip: [[samples, kernel]]\n  exclude: [{kernel: shapley, keep: 0.3}]\n"));
    }

    @Test
    void refusedCombinationsCanBeExcluded() throws IOException {
        Experiment e = load(HEAD + "explainer:\n  surrogate: [wls, sgd]\n  kernel: [shapley, gaussian]\n"
                + "grid:\n  exclude: [{surrogate: sgd, kernel: shapley}]\n");
        assertEquals(List.of("surrogate=wls kernel=shapley", "surrogate=wls kernel=gaussian",
                "surrogate=sgd kernel=gaussian"), e.grid().points().stream().map(Grid.Point::label).toList());
    }

    @Test
    void pointsHoldTheirValuesAndSpecs() throws IOException {
        Experiment e = load(HEAD + "explainer:\n  kernel: gaussian\n  sigma: [0.25, 0.50]\n  samples: [32]\n");
        Grid g = e.grid();
        assertEquals(Map.of("kernel", "gaussian"), g.fixed());
        assertEquals(List.of(new Grid.Axis("sigma", List.of(0.25, 0.5)), new Grid.Axis("samples", List.of(32))), g.axes());
        assertEquals("sigma=0.5 samples=32", g.points().get(1).label());
        assertEquals(Map.of("sigma", 0.5, "samples", 32), g.points().get(1).values());
        assertEquals(0.5, g.points().get(1).spec().sigma());
        assertEquals(32, g.points().get(1).spec().budget().maxSamples());
    }

    // ---- cells -------------------------------------------------------------------------------

    @Test
    void cellsInModelCaseSettingReplicateOrder() throws IOException {
        Experiment e = load("models: [local:stories260K, onnx:tinygpt]\ncases: [a b, c d, e f]\n"
                + "explainer:\n  samples: [32, 64]\nseeds: 2\n");
        List<Cell> cells = Plan.of(e);
        assertEquals(2 * 3 * 2 * 2, cells.size());
        int i = 0;
        for (String model : List.of("stories260K", "tinygpt")) {
            for (String kase : List.of("case-1", "case-2", "case-3")) {
                for (String setting : List.of("samples=32", "samples=64")) {
                    for (int r = 0; r < 2; r++) {
                        Cell c = cells.get(i++);
                        assertEquals(List.of(model, kase, setting, r),
                                List.of(c.model().name(), c.kase().id(), c.setting(), c.replicate()));
                        assertEquals(Plan.seedOf(42, c.id()), c.seed());
                    }
                }
            }
        }
        assertEquals(cells.size(), new HashSet<>(cells.stream().map(Cell::id).toList()).size(), "ids unique");
        assertEquals(cells.size(), new HashSet<>(cells.stream().map(Cell::seed).toList()).size(), "seeds unique");
        assertEquals(cells, e.cells());
    }

    private static final String BASE = """
            seed: 42
            models:
              - local:stories260K
            cases:
              - {id: rain, prompt: "Remove the rain from the image.", relevant: [remove, rain]}
            explainer:
              preset: default
              kernel: gaussian
              sigma: 0.5
              samples: 32
            """;

    private String firstId(String yaml) throws IOException {
        return Plan.of(load(yaml)).get(0).id();
    }

    // It changed once on purpose: the default preset became the size-profile sampler and fit (issue 12).
    /** The id of a fixed configuration: the same on every run, machine and JVM (a change here recomputes every run). */
    @Test
    void idIsStable() throws IOException {
        String id = firstId(BASE);
        assertEquals(16, id.length());
        assertTrue(id.matches("[0-9a-f]{16}"));
        assertEquals(id, firstId(BASE));
        assertEquals("d0319ac0577432d5", id);
    }

    @Test
    void idIgnoresLayoutKeyOrderAndSpelling() throws IOException {
        String id = firstId(BASE);
        assertEquals(id, firstId("""
                explainer: {samples: 32, sigma: 0.50, kernel: "gaussian", preset: default}
                cases:
                  - relevant: [remove, rain]
                    prompt: Remove the rain from the image.
                    id: rain
                models: [{ref: local:stories260K}]
                seed: 42
                """));
        // relevant words are a set; the default preset given or not; a one-value axis is the same setting
        assertEquals(id, firstId(BASE.replace("[remove, rain]", "[rain, remove]")));
        assertEquals(id, firstId(BASE.replace("  preset: default\n", "")));
        assertEquals(id, firstId(BASE.replace("samples: 32", "samples: [32]")));
        // neither metrics nor how the run or the model is called
        assertEquals(id, firstId(BASE + "metrics:\n  fidelity: {fresh: 8}\n"));
        assertEquals(id, firstId("name: other\noutput: elsewhere\nconcurrency: 2\ndescription: x\n" + BASE));
        String remote = BASE.replace("local:stories260K", "{ref: \"openai:http://h/v1#m\", logprobs: 5}");
        assertEquals(firstId(remote), firstId(remote.replace("logprobs: 5", "logprobs: 5, timeout: 9, concurrency: 8,"
                + " maxRetries: 1, apiKeyEnv: K, cache: none")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "seed: 42|seed: 43",
            "- local:stories260K|- {name: other, ref: local:stories260K}",
            "- local:stories260K|- local:../models/stories260K",
            "{id: rain,|{id: rain2,",
            "image.\"|picture.\"",
            "[remove, rain]|[rain]",
            "relevant: [remove, rain]|",
            "preset: default|preset: thesis",
            "kernel: gaussian|kernel: [gaussian]\n  units: sentences",
            "sigma: 0.5|sigma: 0.25",
            "samples: 32|samples: 33",
            "samples: 32|samples: auto",
            "  samples: 32\n|",
            "samples: 32|samples: 32\n  maxNewTokens: 8",
            "samples: 32|samples: 32\n  distance: logprob-shift",
            "samples: 32|samples: 32\n  sign: importance",
            "samples: 32|samples: 32\n  topK: 2",
            "samples: 32|samples: 32\n  operator: mask",
            "samples: 32|samples: 32\n  surrogate: sgd",
            "samples: 32|samples: 32\n  sampler: shapley",
    })
    void idChangesWithAnyResolvedSetting(String change) throws IOException {
        String[] c = change.split("\\|", -1);
        assertTrue(BASE.contains(c[0]), c[0]);
        assertNotEquals(firstId(BASE), firstId(BASE.replace(c[0], c[1])), change);
    }

    @Test
    void idChangesWithTheModelsOutputSettingsAndTheReplicate() throws IOException {
        String remote = BASE.replace("local:stories260K", "{ref: \"openai:http://h/v1#m\", logprobs: 5}");
        assertNotEquals(firstId(remote), firstId(remote.replace("logprobs: 5", "logprobs: 4")));
        List<Cell> cells = Plan.of(load(BASE + "seeds: 3\n"));
        Set<String> ids = new HashSet<>(cells.stream().map(Cell::id).toList());
        assertEquals(3, ids.size());
        assertEquals(firstId(BASE), cells.get(0).id(), "replicate 0 is the cell of a single-seed run");
    }

    // ---- seeds -------------------------------------------------------------------------------

    @Test
    void seedIsTheFirstEightBytesOfTheHash() throws Exception {
        for (String id : List.of("9fde5a4e5c6ec1c6", "0000000000000000", "ffffffffffffffff")) {
            for (long seed : new long[] {42, 0, -1, Long.MAX_VALUE}) {
                byte[] h = MessageDigest.getInstance("SHA-256").digest((seed + ":" + id).getBytes(StandardCharsets.UTF_8));
                assertEquals(ByteBuffer.wrap(h, 0, 8).getLong(), Plan.seedOf(seed, id));
            }
        }
        assertEquals(Plan.seedOf(42, "9fde5a4e5c6ec1c6"), Plan.seedOf(42, "9fde5a4e5c6ec1c6"));
        assertNotEquals(Plan.seedOf(42, "9fde5a4e5c6ec1c6"), Plan.seedOf(43, "9fde5a4e5c6ec1c6"));
        Cell c = Plan.of(load(BASE)).get(0);
        assertEquals(Plan.seedOf(42, c.id()), c.seed());
        assertEquals(c.seed(), Plan.of(load(BASE)).get(0).seed(), "reproducible");
    }

    // ---- metrics keys ------------------------------------------------------------------------

    @Test
    void metricsKeyIsTheCanonicalConfig() throws IOException {
        String defaults = Plan.metricsKey(load(BASE + "metrics:\n  fidelity: {}\n  consistency:\n").metrics());
        assertEquals(defaults, Plan.metricsKey(load(BASE
                + "metrics:\n  consistency: {runs: 10}\n  fidelity: {fresh: 32}\n").metrics()));
        assertNotEquals(defaults, Plan.metricsKey(load(BASE + "metrics:\n  fidelity: {fresh: 16}\n  consistency:\n")
                .metrics()));
        assertNotEquals(defaults, Plan.metricsKey(load(BASE + "metrics:\n  fidelity: {}\n").metrics()));
        assertTrue(defaults.matches("[0-9a-f]{16}"));
    }

    @Test
    void eachMetricHasAKeyOfItsOwn() throws IOException {
        Map<String, String> a = Plan.metricKeys(load(BASE + "metrics:\n  fidelity: {}\n  stability: {k: 2}\n").metrics());
        Map<String, String> b = Plan.metricKeys(load(BASE + "metrics:\n  fidelity: {}\n  stability: {k: 3}\n").metrics());
        assertEquals(List.of("fidelity", "stability"), List.copyOf(a.keySet()));
        assertEquals(a.get("fidelity"), b.get("fidelity"));
        assertNotEquals(a.get("stability"), b.get("stability"));
        assertEquals(Map.of(), Plan.metricKeys(MetricsConfig.none()));
    }
}
