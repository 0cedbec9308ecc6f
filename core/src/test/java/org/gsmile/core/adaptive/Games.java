package org.gsmile.core.adaptive;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.MaskSampler;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/** Fake models for the pipeline: the prompt is a set of single-letter words and Δ a function of that set. */
public final class Games {
    private Games() {
    }

    public static final UnitSplitter LETTERS = new UnitSplitter() {
        public String name() {
            return "words";
        }

        public List<Unit> split(String prompt) {
            List<Unit> units = new ArrayList<>();
            for (int i = 0; i < prompt.length(); i++) {
                if (prompt.charAt(i) != ' ') {
                    units.add(new Unit(prompt.substring(i, i + 1), i, i + 1));
                }
            }
            return units;
        }
    };

    public static final PerturbationOperator DROP = new PerturbationOperator() {
        public String name() {
            return "drop";
        }

        public Perturbation bind(String prompt, List<Unit> units, long seed) {
            return mask -> {
                List<String> kept = new ArrayList<>();
                for (int i = 0; i < units.size(); i++) {
                    if (mask.isKept(i)) {
                        kept.add(units.get(i).text());
                    }
                }
                return String.join(" ", kept);
            };
        }
    };

    /** The bit set of the letters a..z present in a perturbed prompt. */
    public static int coalition(String prompt) {
        int set = 0;
        for (String w : prompt.split(" ")) {
            if (!w.isEmpty()) {
                set |= 1 << (w.charAt(0) - 'a');
            }
        }
        return set;
    }

    /** Δ of a prompt = v(coalition of its letters). */
    public static OutputDistance<String> game(ToDoubleFunction<Integer> v) {
        return new OutputDistance<>() {
            public String name() {
                return "game";
            }

            public double distance(String original, String perturbed) {
                return v.applyAsDouble(coalition(perturbed));
            }
        };
    }

    /** Each mask kept-bit drawn uniformly, distinct, never empty or full: enough for pipeline tests. */
    public static MaskSampler uniformDistinct() {
        return new MaskSampler() {
            public String name() {
                return "uniform";
            }

            public List<Mask> sample(int units, int count, SplittableRandom random) {
                List<Mask> out = new ArrayList<>();
                java.util.Set<Mask> seen = new java.util.HashSet<>();
                long proper = (1L << units) - 2;
                while (out.size() < Math.min(count, proper)) {
                    boolean[] k = new boolean[units];
                    for (int i = 0; i < units; i++) {
                        k[i] = random.nextBoolean();
                    }
                    Mask m = Mask.of(k);
                    if (m.keptCount() > 0 && m.keptCount() < units && seen.add(m)) {
                        out.add(m);
                    }
                }
                return out;
            }
        };
    }

    /**
     * Whole coalition-size strata from the extremes inward (size 1, n − 1, 2, n − 2, ...), each
     * shuffled: the order of the default strata sampler without its pairing and balancing.
     */
    public static MaskSampler strata() {
        return new MaskSampler() {
            public String name() {
                return "strata";
            }

            public List<Mask> sample(int units, int count, SplittableRandom random) {
                List<Mask> out = new ArrayList<>();
                for (int lo = 1, hi = units - 1; lo <= hi && out.size() < count; lo++, hi--) {
                    for (int size : lo == hi ? new int[] {lo} : new int[] {lo, hi}) {
                        List<Mask> stratum = new ArrayList<>();
                        for (int set = 0; set < 1 << units; set++) {
                            if (Integer.bitCount(set) == size) {
                                boolean[] k = new boolean[units];
                                for (int i = 0; i < units; i++) {
                                    k[i] = ((set >> i) & 1) == 1;
                                }
                                stratum.add(Mask.of(k));
                            }
                        }
                        for (int i = stratum.size() - 1; i > 0; i--) {
                            java.util.Collections.swap(stratum, i, random.nextInt(i + 1));
                        }
                        out.addAll(stratum.subList(0, Math.min(stratum.size(), count - out.size())));
                    }
                }
                return out;
            }
        };
    }
}
