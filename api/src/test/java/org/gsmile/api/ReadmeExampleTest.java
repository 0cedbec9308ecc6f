package org.gsmile.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.gsmile.models.llama.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Use it from Java" example, compiled and run exactly as the README gives it. */
class ReadmeExampleTest {
    private static final String MARK = "<!-- example:java -->";

    @TempDir
    Path temp;

    static String example() throws IOException {
        Path readme = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "README.md");
        if (!Files.isRegularFile(readme)) {
            readme = Path.of("..", "README.md");
        }
        String text = Files.readString(readme);
        int at = text.indexOf(MARK);
        assertTrue(at >= 0, "README.md has no " + MARK + " block");
        int from = text.indexOf("```java\n", at) + "```java\n".length();
        int to = text.indexOf("```", from);
        return text.substring(from, to);
    }

    @Test
    void compilesAndRuns() throws Exception {
        Path models = TestModels.modelsDir();
        Path source = temp.resolve("Example.java");
        Files.writeString(source, example());
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-d", temp.toString(), "-cp", classpath,
                source.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-cp",
                temp + System.getProperty("path.separator") + classpath, "Example"));
        pb.environment().put("GSMILE_MODELS", models.toAbsolutePath().toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the example did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("exact Shapley"), out);
        assertTrue(out.strip().endsWith("true"), out);
        assertEquals(8, out.lines().filter(l -> l.contains("exact Shapley")).count(), out);
    }
}
