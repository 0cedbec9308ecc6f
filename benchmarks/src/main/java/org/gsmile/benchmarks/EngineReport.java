package org.gsmile.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.gsmile.benchmarks.EngineBenchmark.Contender;
import org.gsmile.benchmarks.EngineBenchmark.Measurement;

/**
 * The tables of ./benchmark engine: each implementation's speeds, then the first one's (the Java
 * engine on the vector kernels where it runs) relative to each other, as medians over the rounds.
 * Scoring is per core: an implementation on several threads has its wall-time rate divided by them.
 */
final class EngineReport {

    private EngineReport() {
    }

    static void print(List<Contender> contenders, Measurement[][] generation, Measurement[][] scoring) {
        System.out.println();
        System.out.println("| implementation | generation tok/s (wall) | generation tok/s (CPU) | scoring tok/s per core"
                + " (wall) | scoring tok/s (CPU) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int c = 0; c < contenders.size(); c++) {
            int threads = contenders.get(c).threads();
            System.out.println("| " + contenders.get(c).label() + " | " + spread(generation[c], m -> m.wallRate())
                    + " | " + spread(generation[c], Measurement::cpuRate) + " | "
                    + spread(scoring[c], m -> m.wallRate() / threads) + " | " + spread(scoring[c], Measurement::cpuRate)
                    + " |");
        }
        System.out.println();
        System.out.println("Medians over the rounds [first quartile, third quartile]. CPU: tokens per second of the"
                + " CPU time of the threads that did the work, as each implementation measures it.");
        System.out.println();
        Contender first = contenders.get(0);
        System.out.println("| " + first.label() + " relative to | generation (wall) | generation (CPU) | scoring per core"
                + " (wall) | scoring (CPU) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int c = 1; c < contenders.size(); c++) {
            int threads = contenders.get(c).threads();
            System.out.println("| " + contenders.get(c).label() + " | "
                    + ratio(generation[0], generation[c], m -> m.wallRate(), m -> m.wallRate()) + " | "
                    + ratio(generation[0], generation[c], Measurement::cpuRate, Measurement::cpuRate) + " | "
                    + ratio(scoring[0], scoring[c], m -> m.wallRate() / first.threads(), m -> m.wallRate() / threads)
                    + " | " + ratio(scoring[0], scoring[c], Measurement::cpuRate, Measurement::cpuRate) + " |");
        }
        System.out.println();
        System.out.println("Each entry is the median over the rounds of the ratio of the two speeds in that round"
                + " (above 1: the first is faster).");
    }

    /** The median and quartiles of a rate over the rounds; "–" where the workload does not apply. */
    private static String spread(Measurement[] runs, ToDoubleFunction<Measurement> rate) {
        double[] values = values(runs, rate);
        if (values == null) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,.0f [%,.0f, %,.0f]", RankAgreement.percentile(values, 50),
                RankAgreement.percentile(values, 25), RankAgreement.percentile(values, 75));
    }

    private static String ratio(Measurement[] a, Measurement[] b, ToDoubleFunction<Measurement> rateA,
                                ToDoubleFunction<Measurement> rateB) {
        double[] x = values(a, rateA);
        double[] y = values(b, rateB);
        if (x == null || y == null) {
            return "–";
        }
        double[] ratios = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            ratios[r] = x[r] / y[r];
        }
        return String.format(Locale.ROOT, "%.2f×", RankAgreement.percentile(ratios, 50));
    }

    private static double[] values(Measurement[] runs, ToDoubleFunction<Measurement> rate) {
        if (runs[0] == null) {
            return null;
        }
        double[] values = new double[runs.length];
        for (int r = 0; r < runs.length; r++) {
            values[r] = rate.applyAsDouble(runs[r]);
        }
        return values;
    }
}
