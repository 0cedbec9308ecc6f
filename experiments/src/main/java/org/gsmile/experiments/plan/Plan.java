package org.gsmile.experiments.plan;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SpecConfig;

/**
 * The cells of an experiment, and the keys that file their results.
 *
 * <p><b>Cell id.</b> The first 16 hex digits of the SHA-256 of the canonical JSON (keys sorted, no
 * whitespace; {@link #configOf}) of the cell's resolved configuration:
 * <pre>
 * {"case":{"id":…,"prompt":…,"relevant":[…sorted…]},   // and "scenario":{…}, "scene":… for a suite's case
 *  "experimentSeed":42, "format":1,
 *  "model":{"name":…,"options":{…},"ref":…},     // options: only those that shape outputs (logprobs)
 *  "replicate":0,
 *  "spec":{…SpecConfig.toMap of the built spec, without "model"…}}
 * </pre>
 * The spec part is what the spec resolved to, not what the file wrote, so the id does not depend on
 * key order, quoting, {@code 0.50} against {@code 0.5}, or a default given explicitly where it has
 * the same effect. Metrics, the experiment's name, output folder, concurrency and how a model is
 * called (timeout, retries, API key variable, cache) are not part of it: changing them recomputes no
 * explanation. Ids may change between gSMILE versions that add keys to the spec's config map.
 *
 * <p><b>Cell seed.</b> {@link #seedOf}: the first 8 bytes, big-endian, of
 * SHA-256(UTF-8 of {@code experimentSeed + ":" + id}), so replicates, cases and settings get
 * unrelated seeds and the same cell always gets the same one.
 */
public final class Plan {
    /** The version of the id scheme, part of every hashed configuration. */
    public static final int FORMAT = 1;

    private Plan() {
    }

    /**
     * Every cell: for each model, each case, each grid point, each replicate (in that nesting, the
     * last varying fastest), all in file order.
     *
     * @throws IllegalArgumentException when two cells resolve to the same configuration (a file
     *                                  {@link ExperimentFile#load} accepted never has that)
     */
    public static List<Cell> of(Experiment experiment) {
        List<Cell> cells = new ArrayList<>();
        Map<String, Cell> byId = new HashMap<>();
        for (ModelEntry model : experiment.models()) {
            for (CaseEntry kase : experiment.cases()) {
                for (Grid.Point point : experiment.grid().points()) {
                    for (int r = 0; r < experiment.seeds(); r++) {
                        String id = cellId(experiment.seed(), model, kase, point.spec(), r);
                        Cell cell = new Cell(id, model, kase, point.label(), point.values(), point.spec(), r,
                                seedOf(experiment.seed(), id));
                        Cell before = byId.put(id, cell);
                        if (before != null) {
                            throw new IllegalArgumentException("two cells explain the same way: " + describe(before)
                                    + " and " + describe(cell));
                        }
                        cells.add(cell);
                    }
                }
            }
        }
        return Collections.unmodifiableList(cells);
    }

    private static String describe(Cell c) {
        return c.model().name() + "/" + c.kase().id() + "/" + c.setting() + "/" + c.replicate();
    }

    /** The resolved configuration a cell id hashes (see the class comment), as nested sorted maps. */
    public static Map<String, Object> configOf(long experimentSeed, ModelEntry model, CaseEntry kase,
                                               ExplanationSpec spec, int replicate) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", model.name());
        m.put("ref", model.ref());
        m.put("options", new TreeMap<>(model.outputOptions()));
        Map<String, Object> c = new TreeMap<>();
        c.put("id", kase.id());
        c.put("prompt", kase.prompt());
        c.put("relevant", kase.relevant().stream().sorted().toList());
        // Only where there are any, so that the ids of plain prompts are those they always had.
        if (kase.hasScenario()) {
            c.put("scenario", new TreeMap<>(kase.scenario()));
        }
        if (kase.scene() != null) {
            c.put("scene", kase.scene());
        }
        Map<String, Object> s = new TreeMap<>();
        SpecConfig.toMap(spec, null, Map.of()).forEach((k, v) -> {
            if (!k.equals("model")) {
                s.put(k, v);
            }
        });
        Map<String, Object> config = new TreeMap<>();
        config.put("format", FORMAT);
        config.put("experimentSeed", experimentSeed);
        config.put("model", m);
        config.put("case", c);
        config.put("spec", s);
        config.put("replicate", replicate);
        return Collections.unmodifiableMap(config);
    }

    /** The id of the cell with this configuration: 16 hex digits of the SHA-256 of {@link #configOf}. */
    public static String cellId(long experimentSeed, ModelEntry model, CaseEntry kase, ExplanationSpec spec,
                                int replicate) {
        return Canonical.key(configOf(experimentSeed, model, kase, spec, replicate));
    }

    /** The seed of a cell: the first 8 bytes, big-endian, of SHA-256(experimentSeed + ":" + id). */
    public static long seedOf(long experimentSeed, String id) {
        return ByteBuffer.wrap(Canonical.sha256(experimentSeed + ":" + id)).getLong();
    }

    /**
     * 16 hex digits of the SHA-256 of the canonical metrics configuration (each metric computed, with
     * every option, defaults filled): a cell's metric results filed under this key stay valid while
     * the key is the same.
     */
    public static String metricsKey(MetricsConfig metrics) {
        Map<String, Object> m = new TreeMap<>();
        m.put("format", FORMAT);
        metrics.options().forEach((k, v) -> m.put(k, optionsMap(v)));
        return Canonical.key(m);
    }

    /**
     * One key per metric computed, by its name in {@link MetricsConfig#METRICS} order: as
     * {@link #metricsKey} for that metric alone, so changing one metric's options leaves the others'
     * results valid.
     */
    public static Map<String, String> metricKeys(MetricsConfig metrics) {
        Map<String, String> keys = new LinkedHashMap<>();
        metrics.options().forEach((k, v) -> {
            Map<String, Object> m = new TreeMap<>();
            m.put("format", FORMAT);
            m.put("metric", k);
            m.put("options", optionsMap(v));
            keys.put(k, Canonical.key(m));
        });
        return Collections.unmodifiableMap(keys);
    }

    /** A metric's options as a map of its record components. */
    static Map<String, Object> optionsMap(Record options) {
        Map<String, Object> m = new TreeMap<>();
        for (var c : options.getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(options));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + options, e);
            }
        }
        return m;
    }
}
