package org.gsmile.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

class SparkJvmOptionsTest {
    /**
     * jvm.options (read by ./gsmile and the tests' JVMs) is the list Spark's own launcher passes on
     * Java 17, less the vector incubator module: only MLlib's BLAS uses it, and the JVM warns on
     * stderr of every run that loads it.
     */
    @Test
    void theJvmOptionsAreSparksOwn() throws Exception {
        List<String> ours = Files.readAllLines(Path.of("jvm.options")).stream().filter(l -> !l.isBlank()).toList();
        List<String> sparks = List.of(JavaModuleOptions.defaultModuleOptions().split(" ")).stream()
                .filter(o -> !o.equals("--add-modules=jdk.incubator.vector")).toList();
        assertEquals(sparks, ours);
    }

    /** gsmile.jar's dependencies (experiments/target/lib, what java -jar gsmile.jar loads) hold no Spark and no Scala. */
    @Test
    void theDefaultJarBringsNoSpark() throws Exception {
        Path lib = Path.of("..", "experiments", "target", "lib");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(lib), "experiments is not packaged");
        try (var files = Files.list(lib)) {
            List<String> spark = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("spark-") || n.startsWith("scala-") || n.startsWith("hadoop-")).toList();
            assertEquals(List.of(), spark);
        }
    }

    @Test
    void sparkMainRunsTheSparkExecutorUnlessTold() {
        assertEquals(List.of("run", "--executor", "spark", "f.yaml"), List.of(SparkMain.withSparkExecutor(
                new String[] {"run", "f.yaml"})));
        assertEquals(List.of("run", "--executor=local", "f.yaml"), List.of(SparkMain.withSparkExecutor(
                new String[] {"run", "--executor=local", "f.yaml"})));
        assertEquals(List.of("report", "runs/x"), List.of(SparkMain.withSparkExecutor(new String[] {"report", "runs/x"})));
    }
}
