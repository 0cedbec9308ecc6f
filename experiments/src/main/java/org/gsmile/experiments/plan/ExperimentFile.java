package org.gsmile.experiments.plan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.models.http.RemoteModels;
import org.gsmile.models.http.RemoteOptions;
import org.gsmile.models.http.RetryPolicy;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads an experiment file: a YAML mapping that names models, cases (prompts), explainer settings
 * (lists of values make a grid), replicates and metrics. Everything is checked here, before any model
 * is called; {@link Plan#of} turns the result into cells. The user's documentation with examples is
 * {@code experiments/EXPERIMENT-FILES.md}.
 *
 * <pre>
 * name: quickstart                 # optional; default the file name without .yaml/.yml
 * description: "..."               # optional; shown in the report
 * seed: 42                         # the experiment seed every cell's seed derives from (default 42)
 * output: runs/quickstart          # run folder, relative to the current directory (default runs/NAME), or
 *                                  #   with executor spark a Hadoop URI: hdfs://namenode:8020/runs/quickstart
 * concurrency: 2                   # optional: cells explained at once (1 to 256; default: the runner chooses)
 * executor: spark                  # optional: local (this JVM, the default) or spark (Spark tasks)
 * spark: {master: "spark://h:7077", maxCallsPerExecutor: 4}   # optional, with executor spark: the master
 *                                  #   (default an embedded local[N]) and calls in flight per executor JVM
 * models:                          # required, one or more
 *   - local:stories260K            #   a reference; its name is its last part (stories260K)
 *   - {name: tinygpt, ref: onnx:tinygpt}
 *   - {name: gpt, ref: "openai:http://127.0.0.1:8000/v1#gpt", logprobs: 5, apiKeyEnv: OPENAI_API_KEY}
 *                                  #   client settings of a model behind an API: logprobs, apiKeyEnv,
 *                                  #   cache, concurrency, maxRetries, timeout (seconds)
 * cases:                           # required, one or more
 *   - "Lily wanted to play with her red ball"           # id case-N, N its place in the list
 *   - {id: rain, prompt: "Remove the rain from the image.", relevant: [remove, rain]}
 *   - {file: prompts.jsonl}        # relative to this file; JSONL rows {"prompt", "relevant"?, "id"?}, or
 *                                  # CSV with a header prompt[,relevant][,id], relevant ';'-separated;
 *                                  # a row's id defaults to STEM-N (prompts-3: the third row)
 *   - {suite: suites/driving.yaml, strategy: pairwise, t: 2, seed: 7}
 *                                  # a scenario suite (org.gsmile.odd): every case it generates, with its
 *                                  # scenario; strategy pairwise (t, default 2), factorial, or random (n);
 *                                  # seed defaults to the experiment's; id: a prefix for the case ids
 * explainer:                       # the spec's settings by their keys; a list of values is a grid axis
 *   preset: default                # preset units operator maskToken sampler kernel surrogate distance
 *   samples: [32, 64]              # reference samples maxSamples topK keep sigma maxNewTokens sign
 *   kernel: [shapley, gaussian]
 * grid:                            # optional, with at least one axis
 *   zip: [[samples, kernel]]       # axes varied together (lists of equal length)
 *   exclude:                       # points removed; a partial assignment removes every point it agrees with
 *     - {samples: 32, kernel: gaussian}
 * seeds: 3                         # replicates of every cell (1 to 1000, default 1)
 * metrics:                         # optional; each key computes a metric; {} or nothing for its defaults
 *   fidelity: {fresh: 32}
 *   accuracy: {k: 3, exactShapley: true}   # needs relevant words on some cases; the others are skipped (a warning)
 *   consistency: {runs: 10}
 *   stability: {k: 3, changes: [start, middle, end, punctuation], words: [please, could, would, should, "###"], seeds: 3}
 *   faithfulness: {k: 3, random: 5, modelAccuracy: {stories260K: 0.31, tinygpt: 0.25}}   # one per model
 * </pre>
 *
 * <p>Rules: an unknown key anywhere is an error (with the nearest valid key, or where the key
 * belongs); a key given twice is an error; types are strict (a quoted {@code "64"} is a text, not a
 * number); lists are never empty; model names and case ids are unique; the explainer settings are
 * checked by the spec itself at every grid point, a refusal reported at the value that causes it.
 * Every error is one {@link ExperimentFileException}: {@code FILE:LINE:COLUMN: what is wrong and how
 * to fix it}.
 */
public final class ExperimentFile {
    static final List<String> KEYS = List.of("name", "description", "seed", "output", "concurrency", "executor",
            "spark", "models", "cases", "explainer", "grid", "seeds", "metrics");
    static final List<String> MODEL_KEYS;
    /** The most cells an experiment may have: beyond, split it. */
    static final long MAX_CELLS = 1_000_000;
    static final int MAX_REPLICATES = 1000;

    static {
        List<String> k = new ArrayList<>(List.of("name", "ref"));
        k.addAll(ModelEntry.OPTIONS);
        MODEL_KEYS = List.copyOf(k);
    }

    private ExperimentFile() {
    }

    /**
     * The experiment a file describes, checked.
     *
     * @throws ExperimentFileException for any mistake in it or in a cases file it names
     */
    public static Experiment load(Path file) {
        String display = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ExperimentFileException(display, 0, 0, "is a folder, not an experiment file: name a .yaml file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ExperimentFileException(display, 0, 0, "no such file: check the name (a relative path starts at the"
                    + " current directory)");
        } catch (AccessDeniedException e) {
            throw new ExperimentFileException(display, 0, 0, "cannot be read: permission denied");
        } catch (IOException e) {
            throw new ExperimentFileException(display, 0, 0, "cannot be read: " + e.getMessage(), e);
        }
        Nodes nodes = new Nodes(display);
        String source = nodes.decode(bytes);
        Node root = nodes.compose(source, "an experiment names at least its models and cases, as in"
                + " models: [local:stories260K] and cases: [\"Lily wanted to play\"]");
        if (!(root instanceof MappingNode top)) {
            throw nodes.error(root, "an experiment file is a mapping of keys (models, cases, explainer, ...), got "
                    + Nodes.describe(root));
        }
        return read(nodes, file, top, source, Canonical.hex(Canonical.sha256(bytes)));
    }

    /** The file's text: UTF-8, a byte order mark dropped; else one line naming the line of the first bad byte. */
    static String decode(byte[] bytes, String display) {
        return new Nodes(display).decode(bytes);
    }

    /** Keys given at the wrong level, said so rather than "did you mean". */
    static String elsewhere(String key) {
        if (ExplainerSection.KEYS.contains(key)) {
            return key + " is an explainer setting: put it under explainer (a list of values makes it a grid axis)";
        }
        if (MetricsConfig.METRICS.contains(key)) {
            return key + " is a metric: put it under metrics";
        }
        return switch (key) {
            case "zip", "exclude" -> key + " belongs under grid";
            case "logprobs", "apiKeyEnv", "cache", "maxRetries", "timeout" -> key + " is a model setting: give it on the"
                    + " model entry, as in models: [{ref: ..., " + key + ": ...}]";
            case "prompt", "prompts" -> "prompts are listed under cases, as in cases: [\"Lily wanted to play\"]";
            case "suite", "suites" -> "a scenario suite is an entry of cases, as in cases: [{suite: suites/driving.yaml,"
                    + " strategy: pairwise}]";
            case "replicates", "repeats", "runs" -> "replicates of every cell are given by seeds, as in seeds: 3";
            case "fresh", "k", "changes", "words", "random", "modelAccuracy" -> key + " is an option of a metric,"
                    + " as in metrics: {fidelity: {fresh: 32}}";
            default -> null;
        };
    }

    private static Experiment read(Nodes nodes, Path file, MappingNode top, String source, String sha256) {
        Map<String, NodeTuple> e = nodes.entries(top, "", KEYS, ExperimentFile::elsewhere);
        String name = defaultExperimentName(file);
        if (e.containsKey("name")) {
            Node n = e.get("name").getValueNode();
            name = nodes.nonBlank(n, "name", "a name for the experiment, like quickstart");
            String wrong = badFolderName(name);
            if (wrong != null) {
                throw nodes.error(n, "name '" + name + "' " + wrong + ": it names the run folder runs/NAME");
            }
        }
        String description = e.containsKey("description")
                ? nodes.text(e.get("description").getValueNode(), "description") : "";
        long seed = e.containsKey("seed") ? nodes.whole(e.get("seed").getValueNode(), "seed", Long.MIN_VALUE,
                Long.MAX_VALUE, "a whole number") : Experiment.DEFAULT_SEED;
        RunLocation output = RunLocation.local(Path.of("runs", name));
        if (e.containsKey("output")) {
            Node n = e.get("output").getValueNode();
            String o = nodes.nonBlank(n, "output", "the run folder, like runs/" + name);
            try {
                output = RunLocation.of(o);
            } catch (InvalidPathException x) {
                throw nodes.error(n, "output '" + o + "' is not a valid path: " + x.getReason());
            } catch (IllegalArgumentException x) {
                // Not the text itself: a URI's user information may be a secret.
                throw nodes.error(n, "output " + x.getMessage());
            }
        }
        Integer concurrency = e.containsKey("concurrency") ? nodes.wholeInt(e.get("concurrency").getValueNode(),
                "concurrency", 1, 256, "a whole number") : null;
        ExecutorSettings executor = executor(nodes, e.get("executor"), e.get("spark"));
        int seeds = e.containsKey("seeds") ? nodes.wholeInt(e.get("seeds").getValueNode(), "seeds", 1, MAX_REPLICATES,
                "a whole number") : 1;
        if (!e.containsKey("models")) {
            throw nodes.error(top, "models is missing: name the models to explain, as in models: [local:stories260K]");
        }
        List<ModelEntry> models = models(nodes, e.get("models").getValueNode());
        if (!e.containsKey("cases")) {
            throw nodes.error(top, "cases is missing: give the prompts to explain, as in cases: [\"Lily wanted to play"
                    + " with her red ball\"]");
        }
        CasesSection.Cases read = CasesSection.read(nodes, file, e.get("cases").getValueNode(), seed);
        List<CaseEntry> cases = read.cases();
        Grid grid = ExplainerSection.read(nodes, e.get("explainer"), e.get("grid"), top);
        long cells = (long) models.size() * cases.size() * grid.points().size() * seeds;
        if (cells > MAX_CELLS) {
            throw nodes.error(top, "the experiment has " + cells + " cells (models x cases x grid points x seeds), more"
                    + " than " + MAX_CELLS + ": split it into several experiments");
        }
        List<String> warnings = new ArrayList<>();
        MetricsConfig metrics = MetricsSection.read(nodes, e.get("metrics"), models, cases, warnings);
        return new Experiment(file, name, description, seed, output, concurrency, executor, models, cases, read.suites(), grid,
                seeds, metrics, warnings, source, sha256);
    }

    /** {@code executor} and the {@code spark} section; spark settings beside {@code executor: local} are refused. */
    private static ExecutorSettings executor(Nodes nodes, NodeTuple executor, NodeTuple spark) {
        ExecutorKind kind = null;
        if (executor != null) {
            Node n = executor.getValueNode();
            String name = nodes.name(n, "{" + ExecutorKind.KEY + "}");
            try {
                kind = ExecutorKind.of(name);
            } catch (UserInputException x) {
                throw nodes.error(n, x.template());
            }
        }
        if (spark == null) {
            return new ExecutorSettings(kind, null, null);
        }
        if (kind == ExecutorKind.LOCAL) {
            throw nodes.error(spark.getKeyNode(), "spark settings have no effect with executor: local: set executor:"
                    + " spark, or leave spark out");
        }
        MappingNode map = nodes.mapping(spark.getValueNode(), "spark", ", like spark: {maxCallsPerExecutor: 4}");
        Map<String, NodeTuple> s = nodes.entries(map, "spark", ExecutorSettings.SPARK_KEYS, null);
        String master = s.containsKey("master") ? nodes.nonBlank(s.get("master").getValueNode(), "master",
                "a Spark master URL, like spark://host:7077 or local[4]").strip() : null;
        Integer perExecutor = s.containsKey("maxCallsPerExecutor") ? nodes.wholeInt(
                s.get("maxCallsPerExecutor").getValueNode(), "maxCallsPerExecutor", 1, 256, "a whole number") : null;
        return new ExecutorSettings(kind, master, perExecutor);
    }

    private static String defaultExperimentName(Path file) {
        Path f = file.getFileName();
        String base = f == null ? "experiment" : f.toString().replaceFirst("(?i)\\.ya?ml$", "");
        return base.isBlank() || badFolderName(base) != null ? "experiment" : base;
    }

    /** Why a name cannot be one folder's name, or null. */
    private static String badFolderName(String name) {
        if (name.contains("/") || name.contains("\\")) {
            return "holds a path separator";
        }
        if (name.equals(".") || name.equals("..")) {
            return "is not a folder name";
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return "holds a control character";
        }
        if (name.length() > 100) {
            return "is longer than 100 characters";
        }
        return null;
    }

    // ---- models ------------------------------------------------------------------------------

    private static List<ModelEntry> models(Nodes nodes, Node value) {
        List<ModelEntry> models = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        Map<List<Object>, Node> same = new HashMap<>();
        for (Node n : nodes.list(value, "models", ", like models: [local:stories260K]")) {
            ModelEntry m;
            Node nameAt = n;
            if (n instanceof ScalarNode) {
                String ref = nodes.nonBlank(n, "a model reference", "a model, like local:stories260K");
                m = new ModelEntry(defaultModelName(ref), ref.strip(), Map.of());
            } else {
                MappingNode map = nodes.mapping(n, "a model entry", ", like {name: tinygpt, ref: onnx:tinygpt}, or a"
                        + " reference");
                Map<String, NodeTuple> e = nodes.entries(map, "a model entry", MODEL_KEYS, ExperimentFile::elsewhere);
                if (!e.containsKey("ref")) {
                    throw nodes.error(n, "a model entry needs ref, the model reference, as in {name: tinygpt, ref:"
                            + " onnx:tinygpt}");
                }
                Node refNode = e.get("ref").getValueNode();
                String ref = nodes.nonBlank(refNode, "ref", "a model, like local:stories260K").strip();
                String name = defaultModelName(ref);
                if (e.containsKey("name")) {
                    nameAt = e.get("name").getValueNode();
                    name = nodes.nonBlank(nameAt, "name", "the name the model's results are filed under");
                    if (!CasesSection.ID.matcher(name).matches()) {
                        throw nodes.error(nameAt, "model name '" + name + "' must be letters, digits, '.', '_' or '-' (at"
                                + " most 64, starting with a letter or digit): it names files of the report");
                    }
                }
                Map<String, Object> options = new LinkedHashMap<>();
                for (String key : ModelEntry.OPTIONS) {
                    NodeTuple t = e.get(key);
                    if (t == null) {
                        continue;
                    }
                    String kind = ref.toLowerCase(Locale.ROOT);
                    if (!RemoteModels.accepts(ref) && (kind.startsWith("local:") || kind.startsWith("onnx:"))) {
                        throw nodes.error(t.getKeyNode(), "{" + key + "} has no effect with " + ref + ": it configures"
                                + " calls to a server (openai: and ollama: models); leave {" + key + "} out");
                    }
                    Object v = option(nodes, key, t.getValueNode());
                    options.put(key, v);
                }
                m = new ModelEntry(name, ref, options);
            }
            Node before = names.putIfAbsent(m.name(), nameAt);
            if (before != null) {
                throw nodes.error(nameAt, "two models are named " + m.name() + " (the other at " + Nodes.at(before)
                        + "): give one a name of its own, as in {name: " + m.name() + "-2, ref: ...}");
            }
            Node twin = same.putIfAbsent(List.of(m.ref(), m.outputOptions()), n);
            if (twin != null) {
                throw nodes.error(n, "this model is the one at " + Nodes.at(twin) + " again, with the same settings: its"
                        + " explanations would be the same; remove one");
            }
            models.add(m);
        }
        return models;
    }

    /** A client setting, of its type, checked by the same rules as the command line's. */
    private static Object option(Nodes nodes, String key, Node n) {
        String k = "{" + key + "}";
        Object v = switch (key) {
            case "logprobs", "concurrency", "maxRetries" -> nodes.wholeInt(n, k, Integer.MIN_VALUE, Integer.MAX_VALUE,
                    "a whole number");
            case "timeout" -> nodes.number(n, k);
            case "apiKeyEnv", "cache" -> nodes.text(n, k);
            default -> throw new IllegalStateException(key);
        };
        try {
            RemoteOptions.fromSettings(Map.of(), Path.of(""), key.equals("apiKeyEnv") ? (String) v : null,
                    key.equals("logprobs") ? (Integer) v : 0, key.equals("cache") ? (String) v : "none",
                    key.equals("concurrency") ? (Integer) v : RemoteOptions.DEFAULT_CONCURRENCY,
                    key.equals("maxRetries") ? (Integer) v : RetryPolicy.DEFAULT_MAX_RETRIES,
                    key.equals("timeout") ? (Double) v : RemoteOptions.DEFAULT_TIMEOUT.toSeconds(),
                    ModelEntry.RETRY_DELAY_MS, 0);
        } catch (UserInputException e) {
            throw nodes.error(n, e.template());
        }
        return v;
    }

    /**
     * The name a model reference gets when none is given: its last part, made a file name —
     * {@code local:stories260K} → stories260K, {@code onnx:/m/tinygpt/model.onnx} → tinygpt,
     * {@code openai:http://h/v1#gpt} → gpt, {@code ollama:llama3.2:1b@http://h:11434} → llama3.2-1b.
     */
    static String defaultModelName(String ref) {
        String s = ref.strip();
        int colon = s.indexOf(':');
        String kind = colon > 0 ? s.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (kind.matches("[a-z][a-z0-9+.-]*")) {
            s = s.substring(colon + 1);
        }
        int hash = s.lastIndexOf('#');
        if (hash >= 0) {
            s = s.substring(hash + 1);
        }
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        if (kind.equals("ollama") && s.indexOf('@') >= 0) {
            s = s.substring(0, s.indexOf('@'));
        }
        String[] parts = s.replaceAll("[/\\\\]+$", "").split("[/\\\\]");
        String last = parts[parts.length - 1];
        if (last.matches("(?i)model\\.(onnx|bin|gguf)") && parts.length > 1) {
            last = parts[parts.length - 2];
        }
        last = last.replaceFirst("(?i)\\.(onnx|bin|gguf)$", "").replaceAll("[^A-Za-z0-9._-]", "-")
                .replaceFirst("^[^A-Za-z0-9]+", "");
        if (last.length() > 64) {
            last = last.substring(0, 64);
        }
        return last.isEmpty() ? "model" : last;
    }
}
