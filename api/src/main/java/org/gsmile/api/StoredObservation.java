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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Baseline;
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
    /** Where shifts are measured once the model has answered: daemon threads made as needed, idle ones reused. */
    private static final ExecutorService SHIFTS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "gsmile-shifts");
        thread.setDaemon(true);
        return thread;
    });

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
            boolean needOriginal;
            synchronized (this) {
                if (model == null) {
                    model = inner.probe().resume(baseline);
                    preparation += model.preparationCalls();
                }
                m = model;
                needOriginal = original == null;
            }
            if (needOriginal) {
                ask.add(prompt);
            }
            ask.addAll(missing.keySet());
            // On a thread of its own: the model completes its future on its threads, which would otherwise
            // measure the shifts, and the next calls (of this explanation or another) would wait on
            // distances as if on the model. The parallel stream below adds the common pool's threads.
            return m.observe(ask).thenApplyAsync(got -> {
                long start = System.nanoTime();
                try {
                    return measure(got, m, needOriginal, missing, keys, out, prompts.size());
                } finally {
                    afterModel.addAndGet(System.nanoTime() - start);
                }
            }, SHIFTS);
        }

        /** The shifts of what the model answered, stored, and the whole answer in the order asked. */
        private List<ObservationStore.Shift> measure(List<O> got, OutputProbe.Prepared<O> m, boolean needOriginal,
                                                     Map<String, List<Integer>> missing, Map<String, String> keys,
                                                     ObservationStore.Shift[] out, int count) {
            O base;
            synchronized (this) {
                if (needOriginal) {
                    original = got.get(0);
                }
                base = original;
            }
            if (base == null) {
                // The explainer reports the unobservable original; every shift is unknown without it.
                return java.util.Arrays.asList(new ObservationStore.Shift[count]);
            }
            List<Map.Entry<String, List<Integer>>> asked = new ArrayList<>(missing.entrySet());
            int offset = needOriginal ? 1 : 0;
            ObservationStore.Shift[] measured = new ObservationStore.Shift[asked.size()];
            // Distances are most of the time outside the model (exact transport): one per core.
            ToDoubleFunction<O> fromBase = inner.distance().from(base);
            IntStream.range(0, measured.length).parallel().forEach(j -> {
                O o = got.get(offset + j);
                double d = o == null ? Double.NaN : fromBase.applyAsDouble(o);
                measured[j] = Double.isFinite(d) ? new ObservationStore.Shift(d, m.describe(o)) : null;
            });
            Map<String, ObservationStore.Shift> fresh = new LinkedHashMap<>();
            for (int j = 0; j < measured.length; j++) {
                if (measured[j] != null) {
                    fresh.put(keys.get(asked.get(j).getKey()), measured[j]);
                }
                for (int i : asked.get(j).getValue()) {
                    out[i] = measured[j];
                }
            }
            store.putShifts(fresh);
            return java.util.Arrays.asList(out);
        }

        @Override
        public long afterModelNanos() {
            return afterModel.get();
        }
    }
}
