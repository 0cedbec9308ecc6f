package org.gsmile.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.gsmile.api.Explainers;
import org.gsmile.api.OutputShifts;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.ExplanationRequest;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.json.ExplanationJson;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.GenerativeModel;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.core.model.TokenPieces;
import org.gsmile.core.model.ForwardingTokenScorer;
import org.gsmile.core.model.TokenScorer;
import org.gsmile.core.model.TokenScores;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.KernelKind;
import org.gsmile.core.spec.Method;
import org.gsmile.models.llama.TestModels;

/**
 * A run folder in the format the runner writes (see the package documentation), made of real
 * explanations on the real stories260K: 2 models × 3 cases × 2 settings × 2 replicates, one cell
 * failed. The second model is stories260K behind a fixed story opening ("Once upon a time, " before
 * every prompt), a different black box on the same weights, so that models differ. The metric
 * blocks are measured where that is cheap through the public API (out-of-sample fidelity on fresh
 * perturbations, deletion and insertion curves, the consistency runs, exact Shapley values of the
 * short prompts) and made up, plausibly, where it is not (the prompt-change stability, the model
 * faithfulness in the summary). The runner's real output replaces it once the runner exists.
 *
 * <p>Built once per test JVM under {@code target/report-fixture/run} (about half a minute on two
 * cores), and reused by later JVMs while {@link #VERSION} is unchanged; {@code -Dgsmile.fixture.rebuild=true}
 * rebuilds it.
 */
final class ReportFixture {
    static final String VERSION = "2";
    static final int MAX_NEW_TOKENS = 12;
    static final String PREFIX = "Once upon a time, ";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Case(String name, String prompt, List<String> relevant) {
    }

    record Setting(String label, Map<String, Object> values, ExplanationSpec spec) {
    }

    static final List<Case> CASES = List.of(
            new Case("case-1", "Lily wanted to play with her red ball in the park", List.of("ball")),
            new Case("case-2", "The little cat sat on the warm mat", List.of("cat", "mat")),
            new Case("case-3", "Tom lost his toy, so he was sad.", List.of()));

    static final List<Setting> SETTINGS = List.of(
            setting(32, KernelKind.SHAPLEY),
            // Below 2n + 2 for case-1's 11 words: its explanations carry few-samples and no-intervals warnings.
            setting(20, KernelKind.GAUSSIAN));

    private static Setting setting(int samples, KernelKind kernel) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("samples", samples);
        values.put("kernel", kernel.label());
        return new Setting("samples=" + samples + " kernel=" + kernel.label(), values, ExplanationSpec.builder()
                .samples(samples).kernel(kernel).maxNewTokens(MAX_NEW_TOKENS).build());
    }

    private static Path built;
    static long buildMillis;

    private ReportFixture() {
    }

    /** The fixture run folder, built if needed. */
    static synchronized Path run() {
        if (built != null) {
            return built;
        }
        Path dir = Path.of("target", "report-fixture", "run").toAbsolutePath();
        Path stamp = dir.resolve(".fixture-version");
        try {
            if (!Boolean.getBoolean("gsmile.fixture.rebuild") && Files.exists(stamp)
                    && Files.readString(stamp).strip().equals(VERSION) && Files.exists(dir.resolve("summary.json"))) {
                built = dir;
                return dir;
            }
            Report.deleteTree(dir);
            long t0 = System.nanoTime();
            new Builder(dir).build();
            buildMillis = (System.nanoTime() - t0) / 1_000_000;
            Files.writeString(stamp, VERSION + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        built = dir;
        return dir;
    }

    /** stories260K behind a fixed story opening: every prompt, generated or scored, starts with {@link #PREFIX}. */
    static final class PrefixedModel implements GenerativeModel {
        private final GenerativeModel inner;

        PrefixedModel(GenerativeModel inner) {
            this.inner = inner;
        }

        private static List<String> prefixed(List<String> prompts) {
            return prompts.stream().map(p -> PREFIX + p).toList();
        }

        @Override
        public ModelInfo info() {
            ModelInfo i = inner.info();
            return new ModelInfo("fixture:stories260K-tale", i.sha256(), i.contextLength());
        }

        @Override
        public CompletableFuture<List<Generation>> generateAsync(List<String> prompts, DecodingOptions options) {
            return inner.generateAsync(prefixed(prompts), options);
        }

        @Override
        public Optional<TokenScorer> tokenScorer() {
            return inner.tokenScorer().map(s -> new ForwardingTokenScorer(s) {
                @Override
                public CompletableFuture<List<TokenScores>> scoreAsync(List<String> prompts, int[] continuation) {
                    return delegate.scoreAsync(prefixed(prompts), continuation);
                }

                @Override
                public int promptTokenCount(String prompt) {
                    return delegate.promptTokenCount(PREFIX + prompt);
                }
            });
        }

        @Override
        public Optional<TokenPieces> tokenPieces() {
            return inner.tokenPieces();
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("prefix", PREFIX);
        }
    }

    private static final class Builder {
        private final Path dir;
        private final Map<String, GenerativeModel> models = new LinkedHashMap<>();
        private final Map<String, String> refs = new LinkedHashMap<>();
        private final Map<String, double[]> exactShapley = new HashMap<>();

        Builder(Path dir) {
            this.dir = dir;
            GenerativeModel stories = TestModels.stories260KModel();
            models.put("stories260K", stories);
            refs.put("stories260K", "local:stories260K");
            models.put("stories260K-tale", new PrefixedModel(stories));
            refs.put("stories260K-tale", "fixture:stories260K+prefix");
        }

        record Done(String id, String model, Case c, Setting s, int replicate, long seed, Explanation e, ObjectNode tree,
                    long modelMs) {
        }

        void build() throws IOException {
            Files.createDirectories(dir.resolve("cells"));
            ObjectNode prov = JSON.createObjectNode();
            prov.putObject("experiment").put("name", "report-fixture").put("file", "experiments/report-fixture.yaml")
                    .put("sha256", Names.hash("report-fixture v" + VERSION) + "0".repeat(56));
            prov.put("gsmileVersion", org.gsmile.core.explain.Version.current());
            prov.put("java", System.getProperty("java.version"));
            prov.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            prov.put("seed", 42);
            prov.put("started", "2025-01-01T12:00:00Z");
            ArrayNode ms = prov.putArray("models");
            for (Map.Entry<String, GenerativeModel> m : models.entrySet()) {
                ObjectNode o = ms.addObject().put("name", m.getKey()).put("ref", refs.get(m.getKey()))
                        .put("id", m.getValue().info().id()).put("sha256", TestModels.STORIES_BIN_SHA256);
                ObjectNode settings = o.putObject("settings");
                m.getValue().settings().forEach((k, v) -> settings.put(k, String.valueOf(v)));
            }
            int planned = models.size() * CASES.size() * SETTINGS.size() * 2;
            prov.put("cells", planned);
            write("provenance.json", prov);

            List<Done> done = new ArrayList<>();
            ArrayNode failed = JSON.createArrayNode();
            long calls = 0;
            for (String model : models.keySet()) {
                for (Case c : CASES) {
                    for (Setting s : SETTINGS) {
                        for (int r = 0; r < 2; r++) {
                            ObjectNode config = JSON.createObjectNode().put("model", model).put("case", c.name())
                                    .put("prompt", c.prompt()).put("setting", s.label()).put("replicate", r);
                            String id = Names.hash(config.toString()) + Names.hash("id:" + config);
                            long seed = Math.floorMod(Long.parseLong(id.substring(0, 8), 16) ^ 42L, 1_000_000L);
                            if (model.equals("stories260K-tale") && c.name().equals("case-3") && r == 1
                                    && s.label().contains("gaussian")) {
                                ObjectNode cell = cell(id, model, c, s, r, seed);
                                cell.put("status", "failed");
                                cell.put("error", "model call failed: the server closed the connection (simulated by the"
                                        + " fixture)");
                                cell.putNull("explanation");
                                cell.putNull("metricsKey");
                                cell.putObject("metrics");
                                cell.putObject("timingsMs").put("model", 0.0).put("metrics", 0.0).put("total", 1.0);
                                write("cells/" + id + ".json", cell);
                                failed.addObject().put("id", id).put("model", model).put("case", c.name())
                                        .put("setting", s.label()).put("error", cell.get("error").asText());
                                continue;
                            }
                            long t0 = System.nanoTime();
                            Explanation e = Explainers.create(s.spec()).explain(new ExplanationRequest(c.prompt(), seed),
                                    models.get(model));
                            ObjectNode tree = ExplanationJson.tree(e);
                            withOutputs(tree, e, models.get(model));
                            calls += e.calls().unique();
                            done.add(new Done(id, model, c, s, r, seed, e, tree, (System.nanoTime() - t0) / 1_000_000));
                        }
                    }
                }
            }
            for (Done d : done) {
                long t0 = System.nanoTime();
                ObjectNode metrics = metrics(d, done);
                ObjectNode cell = cell(d.id(), d.model(), d.c(), d.s(), d.replicate(), d.seed());
                cell.put("status", "ok");
                cell.putNull("error");
                cell.set("explanation", d.tree());
                cell.put("metricsKey", Names.hash("metrics:" + d.id()));
                cell.set("metrics", metrics);
                double metricsMs = (System.nanoTime() - t0) / 1e6;
                cell.putObject("timingsMs").put("model", d.e().cost().timings().modelMs()).put("metrics", metricsMs)
                        .put("total", d.modelMs() + metricsMs);
                write("cells/" + d.id() + ".json", cell);
            }
            ObjectNode summary = JSON.createObjectNode();
            summary.put("cells", planned).put("ok", done.size()).set("failed", failed);
            ObjectNode mf = summary.putObject("modelFaithfulness");
            ArrayNode mm = mf.putArray("models");
            double[] auroc = new double[models.size()];
            double[] accuracy = {0.62, 0.55};
            int i = 0;
            for (String model : models.keySet()) {
                List<Double> a = new ArrayList<>();
                for (Done d : done) {
                    if (d.model().equals(model)) {
                        double v = attAuroc(d);
                        if (Double.isFinite(v)) {
                            a.add(v);
                        }
                    }
                }
                auroc[i] = a.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                mm.addObject().put("name", model).put("meanAttAuroc", auroc[i]).put("accuracy", accuracy[i]);
                i++;
            }
            mf.put("pearson", auroc[0] > auroc[1] ? 1.0 : -1.0);
            summary.putObject("calls").put("unique", calls);
            summary.putObject("timingsMs").put("total", done.stream().mapToLong(Done::modelMs).sum());
            write("summary.json", summary);
        }

        private ObjectNode cell(String id, String model, Case c, Setting s, int r, long seed) {
            ObjectNode cell = JSON.createObjectNode();
            cell.put("schema", 1).put("id", id).put("model", model).put("modelRef", refs.get(model)).put("case", c.name())
                    .put("prompt", c.prompt());
            ArrayNode rel = cell.putArray("relevant");
            c.relevant().forEach(rel::add);
            cell.put("setting", s.label());
            cell.set("settingValues", JSON.valueToTree(s.values()));
            cell.put("replicate", r).put("seed", seed);
            return cell;
        }

        /** Adds each sample's output as text, as the runner may. */
        private static void withOutputs(ObjectNode tree, Explanation e, GenerativeModel model) {
            List<String> prompts = e.samples().stream().map(Sample::prompt).toList();
            List<Generation> out = model.generateAsync(prompts, DecodingOptions.greedy(MAX_NEW_TOKENS)).join();
            ArrayNode samples = (ArrayNode) tree.get("samples");
            for (int i = 0; i < samples.size(); i++) {
                ((ObjectNode) samples.get(i)).put("output", out.get(i).text());
            }
        }

        private void write(String rel, Object json) throws IOException {
            Path f = dir.resolve(rel);
            Files.writeString(f, JSON.writeValueAsString(json));
        }

        // ---- metric blocks -----------------------------------------------------------------------------

        private ObjectNode metrics(Done d, List<Done> all) {
            ObjectNode m = JSON.createObjectNode();
            Explanation e = d.e();
            int n = e.units().size();
            double[] importance = importance(e);
            OutputShifts shifts = OutputShifts.of(e, models.get(d.model()));
            Random rnd = new Random(d.seed());

            ObjectNode fid = m.putObject("fidelity");
            ObjectNode in = fid.putObject("inSample");
            number(in, "r2w", e.fit().fidelity().r2w());
            number(in, "r2wAdjusted", e.fit().fidelity().r2wAdjusted());
            number(in, "mseW", e.fit().fidelity().mseW());
            double mae = 0;
            double wsum = 0;
            for (Sample s : e.samples()) {
                if (Double.isFinite(s.weight())) {
                    mae += s.weight() * Math.abs(predict(e, s.mask()) - s.outputDistance());
                    wsum += s.weight();
                }
            }
            number(in, "maeW", wsum > 0 ? mae / wsum : Double.NaN);
            in.put("samples", e.samples().size());
            List<Mask> fresh = new ArrayList<>();
            for (int k = 0; k < 16; k++) {
                boolean[] kept = new boolean[n];
                for (int u = 0; u < n; u++) {
                    kept[u] = rnd.nextBoolean();
                }
                fresh.add(Mask.of(kept));
            }
            double[] actual = shifts.shifts(fresh);
            double[] predicted = fresh.stream().mapToDouble(k -> predict(e, k)).toArray();
            ObjectNode out = fid.putObject("outOfSample");
            number(out, "r2", r2(predicted, actual));
            number(out, "spearman", spearman(predicted, actual));
            number(out, "mse", mse(predicted, actual));
            out.put("fresh", fresh.size());
            int callsBefore = shifts.calls();
            out.put("extraCalls", callsBefore);
            numbers(out.putArray("predicted"), predicted);
            numbers(out.putArray("actual"), actual);

            ObjectNode acc = m.putObject("accuracy");
            boolean[] relevant = relevant(e, d.c().relevant());
            int nRelevant = 0;
            for (boolean b : relevant) {
                nRelevant += b ? 1 : 0;
            }
            number(acc, "attAuroc", attAuroc(d));
            int k = Math.max(1, nRelevant);
            int[] order = order(importance);
            int hits = 0;
            for (int i = 0; i < k; i++) {
                hits += relevant[order[i]] ? 1 : 0;
            }
            number(acc, "precisionAtK", nRelevant == 0 ? Double.NaN : (double) hits / k);
            acc.put("k", k).put("relevantUnits", nRelevant);
            if (n <= 8) {
                double[] exact = exactShapley.computeIfAbsent(d.model() + "|" + d.c().name(), key -> Explainers.create(
                        ExplanationSpec.builder().method(Method.EXACT_SHAPLEY).maxNewTokens(MAX_NEW_TOKENS).build())
                        .explain(new ExplanationRequest(d.c().prompt(), 1), models.get(d.model())).attribution().scores());
                ObjectNode sh = acc.putObject("shapley");
                number(sh, "spearman", spearman(e.attribution().scores(), exact));
                number(sh, "kendall", kendall(e.attribution().scores(), exact));
                numbers(sh.putArray("exact"), exact);
                sh.put("units", n).put("extraCalls", 1 << n);
            } else {
                acc.putObject("shapley").put("skipped", n + " units: exact Shapley values need 2^" + n + " = " + (1 << n)
                        + " model calls, above the limit of 2^8");
            }

            ObjectNode cons = m.putObject("consistency");
            List<double[]> runs = new ArrayList<>();
            for (Done o : all) {
                if (o.model().equals(d.model()) && o.c().equals(d.c()) && o.s().equals(d.s())) {
                    runs.add(o.e().attribution().scores());
                }
            }
            for (int extra = 0; extra < 2; extra++) {
                double[] base = e.attribution().scores();
                double[] jitter = new double[n];
                double scale = Arrays.stream(base).map(Math::abs).max().orElse(0) * 0.15;
                for (int u = 0; u < n; u++) {
                    jitter[u] = base[u] + rnd.nextGaussian() * scale;
                }
                runs.add(jitter);
            }
            ArrayNode units = cons.putArray("units");
            for (int u = 0; u < n; u++) {
                double[] xs = new double[runs.size()];
                for (int r = 0; r < xs.length; r++) {
                    xs[r] = runs.get(r)[u];
                }
                double mean = Arrays.stream(xs).average().orElse(Double.NaN);
                double sd = Math.sqrt(Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum() / (xs.length - 1));
                ObjectNode o = units.addObject();
                o.putObject("unit").put("text", e.units().get(u).text()).put("start", e.units().get(u).start())
                        .put("end", e.units().get(u).end());
                number(o, "mean", mean);
                number(o, "sd", sd);
                number(o, "cv", sd / Math.abs(mean));
                double half = 3.182 * sd / Math.sqrt(xs.length);
                number(o, "lower", mean - half);
                number(o, "upper", mean + half);
            }
            number(cons, "kendallW", kendallW(runs));
            cons.put("runs", runs.size());
            ArrayNode scores = cons.putArray("scores");
            runs.forEach(r -> numbers(scores.addArray(), r));
            cons.put("extraCalls", 2 * (e.samples().size() + 1));

            ObjectNode stab = m.putObject("stability");
            ArrayNode changes = stab.putArray("changes");
            for (String change : List.of("start", "middle", "end", "punctuation")) {
                double j = 0.35 + 0.6 * rnd.nextDouble();
                changes.addObject().put("change", change).put("variants", 3).put("topKJaccard", round(j))
                        .put("ruzicka", round(Math.min(1, j + 0.1 * rnd.nextDouble())));
            }
            double[] other = all.stream().filter(o -> o.model().equals(d.model()) && o.c().equals(d.c())
                    && o.s().equals(d.s()) && o.replicate() != d.replicate()).map(o -> o.e().attribution().scores())
                    .findFirst().orElse(runs.get(runs.size() - 1));
            number(stab, "seedTopKJaccard", topKJaccard(e.attribution().scores(), other, 3));
            number(stab, "seedRuzicka", ruzicka(e.attribution().scores(), other));
            stab.put("seeds", 2).put("k", 3).put("extraCalls", 12 * (e.samples().size() + 1));

            ObjectNode faith = m.putObject("faithfulness");
            faith.set("explanation", curves(shifts, order(importance), n, 3));
            List<double[]> randomCurves = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                List<Integer> perm = new ArrayList<>();
                for (int u = 0; u < n; u++) {
                    perm.add(u);
                }
                java.util.Collections.shuffle(perm, rnd);
                randomCurves.add(curveArrays(shifts, perm.stream().mapToInt(Integer::intValue).toArray(), n));
            }
            faith.set("random", curvesFrom(average(randomCurves, 0, n), average(randomCurves, 1, n), n, 3));
            double[] loo = new double[n];
            List<Mask> singles = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                boolean[] kept = new boolean[n];
                Arrays.fill(kept, true);
                kept[u] = false;
                singles.add(Mask.of(kept));
            }
            double[] single = shifts.shifts(singles);
            System.arraycopy(single, 0, loo, 0, n);
            faith.set("leaveOneOut", curves(shifts, order(loo), n, 3));
            faith.put("randomRankings", 3).put("k", 3).put("extraCalls", shifts.calls() - callsBefore);
            return m;
        }

        private ObjectNode curves(OutputShifts shifts, int[] order, int n, int k) {
            double[] both = curveArrays(shifts, order, n);
            double[] del = Arrays.copyOfRange(both, 0, n + 1);
            double[] ins = Arrays.copyOfRange(both, n + 1, 2 * n + 2);
            return curvesFrom(del, ins, n, k);
        }

        /** Deletion (k = 0..n units removed, most important first) then insertion (k kept), concatenated. */
        private static double[] curveArrays(OutputShifts shifts, int[] order, int n) {
            List<Mask> masks = new ArrayList<>();
            for (int kk = 0; kk <= n; kk++) {
                boolean[] kept = new boolean[n];
                Arrays.fill(kept, true);
                for (int i = 0; i < kk; i++) {
                    kept[order[i]] = false;
                }
                masks.add(Mask.of(kept));
            }
            for (int kk = 0; kk <= n; kk++) {
                boolean[] kept = new boolean[n];
                for (int i = 0; i < kk; i++) {
                    kept[order[i]] = true;
                }
                masks.add(Mask.of(kept));
            }
            return shifts.shifts(masks);
        }

        private static double[] average(List<double[]> curves, int half, int n) {
            double[] out = new double[n + 1];
            for (double[] c : curves) {
                for (int i = 0; i <= n; i++) {
                    out[i] += c[half * (n + 1) + i] / curves.size();
                }
            }
            return out;
        }

        private static ObjectNode curvesFrom(double[] del, double[] ins, int n, int k) {
            ObjectNode o = JSON.createObjectNode();
            ObjectNode curve = o.putObject("curve");
            numbers(curve.putArray("deletion"), del);
            numbers(curve.putArray("insertion"), ins);
            int kk = Math.min(k, n);
            number(o, "comprehensiveness", del[kk]);
            number(o, "sufficiency", ins[kk]);
            number(o, "aopcComprehensiveness", Arrays.stream(del, 1, n + 1).average().orElse(Double.NaN));
            number(o, "aopcSufficiency", Arrays.stream(ins, 0, n).average().orElse(Double.NaN));
            return o;
        }

        // ---- small statistics ----------------------------------------------------------------------------

        /** Important = positive, whatever the sign convention (the distance convention's negative scores). */
        private static double[] importance(Explanation e) {
            double[] s = e.attribution().scores().clone();
            boolean distance = e.provenance().spec().sign().label().equals("distance");
            for (int i = 0; i < s.length; i++) {
                s[i] = distance ? -s[i] : s[i];
            }
            return s;
        }

        private static double predict(Explanation e, Mask m) {
            double[] z = m.asFeatures();
            double[] theta = e.attribution().scores();
            double y = e.attribution().intercept();
            for (int i = 0; i < z.length; i++) {
                y += theta[i] * z[i];
            }
            return y;
        }

        private static boolean[] relevant(Explanation e, List<String> words) {
            boolean[] r = new boolean[e.units().size()];
            for (int i = 0; i < r.length; i++) {
                String t = e.units().get(i).text().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
                r[i] = words.contains(t);
            }
            return r;
        }

        private static double attAuroc(Done d) {
            boolean[] rel = relevant(d.e(), d.c().relevant());
            double[] imp = importance(d.e());
            double wins = 0;
            int pairs = 0;
            for (int i = 0; i < rel.length; i++) {
                for (int j = 0; j < rel.length; j++) {
                    if (rel[i] && !rel[j]) {
                        pairs++;
                        wins += imp[i] > imp[j] ? 1 : imp[i] == imp[j] ? 0.5 : 0;
                    }
                }
            }
            return pairs == 0 ? Double.NaN : wins / pairs;
        }

        private static int[] order(double[] importance) {
            Integer[] idx = new Integer[importance.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Double.compare(importance[b], importance[a]));
            return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
        }

        private static double[] ranks(double[] x) {
            int[] o = order(x);
            double[] r = new double[x.length];
            for (int i = 0; i < o.length; i++) {
                r[o[i]] = i + 1;
            }
            return r;
        }

        private static double spearman(double[] a, double[] b) {
            return pearson(ranks(a), ranks(b));
        }

        private static double pearson(double[] a, double[] b) {
            double ma = Arrays.stream(a).average().orElse(0);
            double mb = Arrays.stream(b).average().orElse(0);
            double sab = 0;
            double saa = 0;
            double sbb = 0;
            for (int i = 0; i < a.length; i++) {
                sab += (a[i] - ma) * (b[i] - mb);
                saa += (a[i] - ma) * (a[i] - ma);
                sbb += (b[i] - mb) * (b[i] - mb);
            }
            return sab / Math.sqrt(saa * sbb);
        }

        private static double kendall(double[] a, double[] b) {
            int c = 0;
            int dd = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = i + 1; j < a.length; j++) {
                    double s = Math.signum(a[i] - a[j]) * Math.signum(b[i] - b[j]);
                    c += s > 0 ? 1 : 0;
                    dd += s < 0 ? 1 : 0;
                }
            }
            return (c - dd) / (a.length * (a.length - 1) / 2.0);
        }

        private static double kendallW(List<double[]> runs) {
            int m = runs.size();
            int n = runs.get(0).length;
            double[] sum = new double[n];
            for (double[] r : runs) {
                double[] rk = ranks(r);
                for (int i = 0; i < n; i++) {
                    sum[i] += rk[i];
                }
            }
            double mean = Arrays.stream(sum).average().orElse(0);
            double s = Arrays.stream(sum).map(x -> (x - mean) * (x - mean)).sum();
            return 12 * s / ((double) m * m * ((double) n * n * n - n));
        }

        private static double topKJaccard(double[] a, double[] b, int k) {
            int[] oa = order(a);
            int[] ob = order(b);
            java.util.Set<Integer> sa = new java.util.HashSet<>();
            java.util.Set<Integer> sb = new java.util.HashSet<>();
            for (int i = 0; i < Math.min(k, a.length); i++) {
                sa.add(oa[i]);
                sb.add(ob[i]);
            }
            java.util.Set<Integer> union = new java.util.HashSet<>(sa);
            union.addAll(sb);
            sa.retainAll(sb);
            return (double) sa.size() / union.size();
        }

        private static double ruzicka(double[] a, double[] b) {
            double min = 0;
            double max = 0;
            for (int i = 0; i < a.length; i++) {
                min += Math.min(Math.abs(a[i]), Math.abs(b[i]));
                max += Math.max(Math.abs(a[i]), Math.abs(b[i]));
            }
            return max == 0 ? Double.NaN : min / max;
        }

        private static double r2(double[] p, double[] a) {
            double mean = Arrays.stream(a).average().orElse(0);
            double res = 0;
            double tot = 0;
            for (int i = 0; i < a.length; i++) {
                res += (a[i] - p[i]) * (a[i] - p[i]);
                tot += (a[i] - mean) * (a[i] - mean);
            }
            return 1 - res / tot;
        }

        private static double mse(double[] p, double[] a) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += (a[i] - p[i]) * (a[i] - p[i]);
            }
            return s / a.length;
        }

        private static double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }

        private static void number(ObjectNode o, String key, double v) {
            if (Double.isFinite(v)) {
                o.put(key, v);
            } else {
                o.putNull(key);
            }
        }

        private static void numbers(ArrayNode a, double[] v) {
            for (double x : v) {
                if (Double.isFinite(x)) {
                    a.add(x);
                } else {
                    a.addNull();
                }
            }
        }
    }
}
