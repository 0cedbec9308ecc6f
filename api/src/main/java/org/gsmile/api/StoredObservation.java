package org.gsmile.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.MeasuredInParts;
import org.gsmile.core.explain.Observation;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.model.BlackBoxModel;

/**
 * An observation answered from an {@link ObservationStore} where it can be, and from the model
 * otherwise, storing what the model answered. What it observes of a prompt is its shift itself,
 * measured against this prompt's y₀ with the wrapped distance, so the explainer's distance between
 * the original (shift 0) and a perturbation returns the stored number unchanged.
 *
 * <p>The model is prepared only when a prompt is missing from the store, and then resumed from the
 * stored y₀ where the probe can (teacher forcing needs only y₀'s tokens): a fully stored
 * explanation costs no model call at all, and reports every observation as a store hit.
 */
final class StoredObservation {
    /** Bump when what a shift means changes (a distance's definition, its top-k): old keys then miss. */
    private static final String VERSION = "1";

    private StoredObservation() {
    }

    /**
     * @param observer the distance and decoding that decide a shift, e.g. {@code token-wasserstein/32}
     */
    static <O> Observation<ObservationStore.Shift> wrap(Observation<O> inner, ObservationStore store,
                                                       BlackBoxModel model, String observer) {
        String context = VERSION + "\n" + model.info().id() + "\n" + model.info().sha256() + "\n"
                + model.settings() + "\n" + observer + "\n";
        OutputProbe<ObservationStore.Shift> probe = prompt -> new Stored<>(inner, store, context, prompt);
        OutputDistance<ObservationStore.Shift> distance = new OutputDistance<>() {
            @Override
            public String name() {
                return inner.distance().name();
            }

            @Override
            public double distance(ObservationStore.Shift original, ObservationStore.Shift perturbed) {
                return Math.abs(perturbed.delta() - original.delta());
            }
        };
        return new Observation<>(probe, distance);
    }

    static String key(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key of one perturbed prompt of this prompt: {@code key(promptKey + "\n" + perturbed)},
     * with the digest of the long common part computed once and cloned for each perturbation.
     */
    private static String shiftKey(MessageDigest prefix, String perturbed) {
        try {
            MessageDigest d = (MessageDigest) prefix.clone();
            return HexFormat.of().formatHex(d.digest(perturbed.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Stored<O> implements OutputProbe.Prepared<ObservationStore.Shift> {
        private final Observation<O> inner;
        private final ObservationStore store;
        private final String promptKey;
        /** SHA-256 state after promptKey and a newline: each shift's key continues from it. */
        private final MessageDigest shiftPrefix;
        private final String prompt;
        private final Baseline baseline;
        private OutputProbe.Prepared<O> model;
        private O original;
        private int preparation;
        private int hits;
        private final AtomicLong afterModel = new AtomicLong();

        Stored(Observation<O> inner, ObservationStore store, String context, String prompt) {
            this.inner = inner;
            this.store = store;
            this.prompt = prompt;
            this.promptKey = context + prompt;
            String baselineKey = key(promptKey);
            this.shiftPrefix = sha256();
            shiftPrefix.update((promptKey + "\n").getBytes(StandardCharsets.UTF_8));
            Optional<Baseline> known = store.baseline(baselineKey);
            if (known.isPresent()) {
                this.baseline = known.get();
            } else {
                this.model = inner.probe().prepare(prompt);
                this.preparation = model.preparationCalls();
                this.baseline = model.baseline();
                store.putBaseline(baselineKey, baseline);
            }
        }

        @Override
        public Baseline baseline() {
            return baseline;
        }

        @Override
        public synchronized int preparationCalls() {
            return preparation;
        }

        @Override
        public synchronized int storeHits() {
            return hits;
        }

        @Override
        public Map<String, String> failures() {
            OutputProbe.Prepared<O> m;
            synchronized (this) {
                m = model;
            }
            return m == null ? Map.of() : m.failures();
        }

        @Override
        public String describe(ObservationStore.Shift shift) {
            return shift.output();
        }

        @Override
        public CompletableFuture<List<ObservationStore.Shift>> observe(List<String> prompts) {
            ObservationStore.Shift[] out = new ObservationStore.Shift[prompts.size()];
            Map<String, List<Integer>> missing = new LinkedHashMap<>();
            // The store key of each missing prompt, kept for storing what the model answers.
            Map<String, String> keys = new java.util.HashMap<>();
            int stored = 0;
            for (int i = 0; i < out.length; i++) {
                String p = prompts.get(i);
                if (p.equals(prompt)) {
                    out[i] = new ObservationStore.Shift(0, baseline.output());
                    continue;
                }
                String known = keys.get(p);
                String key = known != null ? known : shiftKey(shiftPrefix, p);
                Optional<ObservationStore.Shift> s = known != null ? Optional.empty() : store.shift(key);
                if (s.isPresent()) {
                    out[i] = s.get();
                    stored++;
                } else {
                    keys.put(p, key);
                    missing.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
                }
            }
            boolean asksOriginal = prompts.contains(prompt);
            synchronized (this) {
                hits += stored;
                if (missing.isEmpty() && asksOriginal && original == null) {
                    // The original's observation was not needed: it, too, came from what was stored.
                    hits++;
                }
            }
            if (missing.isEmpty()) {
                return CompletableFuture.completedFuture(List.of(out));
            }
            OutputProbe.Prepared<O> m;
            List<String> ask = new ArrayList<>();
            O known;
            synchronized (this) {
                if (model == null) {
                    model = inner.probe().resume(baseline);
                    preparation += model.preparationCalls();
                }
                m = model;
                known = original;
            }
            if (known == null) {
                ask.add(prompt);
            }
            ask.addAll(missing.keySet());
            return observeInParts(m, ask, known, missing, keys, out, prompts.size());
        }

        /**
         * Asks the model in parts and measures each part's shifts as soon as it is answered
         * ({@link MeasuredInParts}). The shifts need the original's observation: {@code known}, or, when it
         * is null, the first entry of the first part's answer.
         */
        private CompletableFuture<List<ObservationStore.Shift>> observeInParts(
                OutputProbe.Prepared<O> m, List<String> ask, O known, Map<String, List<Integer>> missing,
                Map<String, String> keys, ObservationStore.Shift[] out, int count) {
            List<Map.Entry<String, List<Integer>>> asked = new ArrayList<>(missing.entrySet());
            int offset = known == null ? 1 : 0;
            // The distance from the original, prepared once for every part (the token distance finds the
            // original's top-k there); null when the original could not be observed.
            Function<List<O>, ToDoubleFunction<O>> fromOriginal = first -> {
                O base = known;
                if (base == null) {
                    synchronized (this) {
                        original = first.get(0);
                        base = original;
                    }
                }
                return base == null ? null : inner.distance().from(base);
            };
            return MeasuredInParts.observe(m, ask, fromOriginal, (got, from, distance) -> {
                // The part's prompts of ask that are missing ones (ask holds the original first when it is asked).
                int skip = from < offset ? offset - from : 0;
                measure(got.subList(skip, got.size()), distance, m, asked, from + skip - offset, keys, out);
            }).thenApply(answers -> {
                afterModel.addAndGet(answers.afterLastAnswerNanos());
                // The explainer reports the unobservable original; every shift is unknown without it.
                synchronized (this) {
                    return original == null ? java.util.Arrays.asList(new ObservationStore.Shift[count])
                            : java.util.Arrays.asList(out);
                }
            });
        }

        /**
         * The shifts of one part's answers to missing prompts, which begin at missing prompt {@code from},
         * stored, and written to their places in {@code out}.
         */
        private void measure(List<O> got, ToDoubleFunction<O> fromBase, OutputProbe.Prepared<O> m,
                             List<Map.Entry<String, List<Integer>>> asked, int from, Map<String, String> keys,
                             ObservationStore.Shift[] out) {
            ObservationStore.Shift[] measured = new ObservationStore.Shift[got.size()];
            // Distances are most of the time outside the model (exact transport): one per core.
            IntStream.range(0, measured.length).parallel().forEach(j -> {
                O o = got.get(j);
                double d = o == null ? Double.NaN : fromBase.applyAsDouble(o);
                measured[j] = Double.isFinite(d) ? new ObservationStore.Shift(d, m.describe(o)) : null;
            });
            Map<String, ObservationStore.Shift> fresh = new LinkedHashMap<>();
            for (int j = 0; j < measured.length; j++) {
                Map.Entry<String, List<Integer>> e = asked.get(from + j);
                if (measured[j] != null) {
                    fresh.put(keys.get(e.getKey()), measured[j]);
                }
                for (int i : e.getValue()) {
                    out[i] = measured[j];
                }
            }
            store.putShifts(fresh);
        }

        @Override
        public long afterModelNanos() {
            return afterModel.get();
        }
    }
}
