package org.gsmile.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference implementations of ./benchmark engine, built and started here: our C forward pass
 * compiled now with this machine's gcc (so that -march=native means this machine), and our numpy
 * one on one BLAS thread. Either is left out, with a line saying why, where its tool is missing.
 */
final class References {

    /** The flags of llama2.c's "runfast" build with the host's vector extensions, and of its plain one. */
    private static final List<List<String>> C_BUILDS = List.of(List.of("-Ofast", "-march=native"), List.of("-O3"));
    private static final Map<String, String> ONE_THREAD = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1",
            "MKL_NUM_THREADS", "1");

    private References() {
    }

    static List<ReferenceProcess> start(Path work, Path checkpoint, Path workload) {
        Path sources = BenchmarkFiles.moduleDir().resolve("src/main");
        List<ReferenceProcess> started = new ArrayList<>();
        for (List<String> flags : C_BUILDS) {
            Path binary = work.resolve("llama_forward" + String.join("", flags).replace("=", "_"));
            List<String> gcc = new ArrayList<>(List.of("gcc"));
            gcc.addAll(flags);
            gcc.addAll(List.of("-o", binary.toString(), sources.resolve("c/llama_forward.c").toString(), "-lm"));
            String failure = run(gcc, work);
            String label = "C (ours, like run.c), gcc " + String.join(" ", flags);
            if (failure != null) {
                System.out.println("(" + label + " left out: " + failure + ")");
                continue;
            }
            started.add(ReferenceProcess.start(label, List.of(binary.toString(), checkpoint.toString(),
                    workload.toString()), Map.of(), work));
        }
        String numpy = run(List.of("python3", "-c", "import numpy"), work);
        if (numpy != null) {
            System.out.println("(numpy left out: " + numpy + ")");
        } else {
            started.add(ReferenceProcess.start("numpy (ours), 1 thread", List.of("python3",
                    sources.resolve("python/llama_forward.py").toString(), checkpoint.toString(), workload.toString()),
                    ONE_THREAD, work));
        }
        return started;
    }

    /** Runs a command to its end; null when it succeeded, else its first line of complaint. */
    private static String run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() == 0) {
                return null;
            }
            return command.get(0) + " failed" + (output.isEmpty() ? "" : ": " + output.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return command.get(0) + " is not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
