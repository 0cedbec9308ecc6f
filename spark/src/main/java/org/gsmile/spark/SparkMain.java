package org.gsmile.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.gsmile.experiments.Startup;
import org.gsmile.experiments.cli.Gsmile;

/**
 * The job jar's main class, for {@code spark-submit --class org.gsmile.spark.SparkMain
 * gsmile-spark-job.jar run FILE}: the gsmile command line, whose {@code run} uses the Spark executor
 * (and the master spark-submit was given) unless {@code --executor} says otherwise.
 */
public final class SparkMain {
    private SparkMain() {
    }

    public static void main(String[] args) {
        Startup.configure();
        System.exit(Gsmile.run(withSparkExecutor(args), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    static String[] withSparkExecutor(String[] args) {
        List<String> a = new ArrayList<>(List.of(args));
        boolean given = a.stream().anyMatch(s -> s.equals("--executor") || s.startsWith("--executor="));
        if (!a.isEmpty() && a.get(0).equals("run") && !given) {
            a.addAll(1, List.of("--executor", "spark"));
        }
        return a.toArray(String[]::new);
    }
}
