package org.gsmile.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a benchmark finds the shared models and its own sources, and where it may write. */
final class BenchmarkFiles {

    private BenchmarkFiles() {
    }

    /**
     * GSMILE_MODELS, then the system property gsmile.models.default (which ./benchmark sets to the
     * shared models folder beside the repository, where the tests find it); exits with a message when
     * neither is a folder.
     */
    static Path modelsDir() {
        String env = System.getenv("GSMILE_MODELS");
        String fallback = System.getProperty("gsmile.models.default");
        Path dir = env != null && !env.isBlank() ? Path.of(env) : fallback != null ? Path.of(fallback) : null;
        if (dir == null || !Files.isDirectory(dir)) {
            System.err.println("no models folder: pass it as the first argument or set GSMILE_MODELS");
            System.exit(2);
        }
        return dir;
    }

    /** The benchmarks module's folder, which ./benchmark passes as gsmile.benchmarks.dir. */
    static Path moduleDir() {
        String dir = System.getProperty("gsmile.benchmarks.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            System.err.println("gsmile.benchmarks.dir is not the benchmarks module's folder: run this through ./benchmark");
            System.exit(2);
        }
        return Path.of(dir);
    }

    /** target/NAME in the benchmarks module, created if need be: scratch files the build's clean removes. */
    static Path workDir(String name) {
        try {
            return Files.createDirectories(moduleDir().resolve("target").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
