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

    @Test
    void sparkMainRunsTheSparkExecutorUnlessTold() {
        assertEquals(List.of("run", "--executor", "spark", "f.yaml"), List.of(SparkMain.withSparkExecutor(
                new String[] {"run", "f.yaml"})));
        assertEquals(List.of("run", "--executor=local", "f.yaml"), List.of(SparkMain.withSparkExecutor(
                new String[] {"run", "--executor=local", "f.yaml"})));
        assertEquals(List.of("report", "runs/x"), List.of(SparkMain.withSparkExecutor(new String[] {"report", "runs/x"})));
    }
}
