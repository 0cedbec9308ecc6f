package org.gsmile.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A reference implementation of the engine benchmark (the C or the numpy forward pass) kept running
 * in a child process, so that its rounds can alternate with the Java engine's without paying for a
 * start each time: one command line in, one answer line out (see llama_forward.c).
 */
final class ReferenceProcess implements AutoCloseable {

    private final String label;
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private ReferenceProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the command in {@code dir} with the extra environment; its stderr goes to ours. */
    static ReferenceProcess start(String label, List<String> command, Map<String, String> environment, Path dir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        try {
            return new ReferenceProcess(label, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(label + " did not start", e);
        }
    }

    String label() {
        return label;
    }

    /** Sends one command and returns the answer's fields, the first of which names the command. */
    String[] ask(String command) {
        try {
            in.write(command);
            in.newLine();
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException(label + " ended without answering '" + command + "'");
            }
            String[] fields = line.trim().split("\\s+");
            if (!fields[0].equals(command.split(" ")[0])) {
                throw new IllegalStateException(label + " answered '" + line + "' to '" + command + "'");
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(label + " failed on '" + command + "'", e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // It is ending anyway; nothing to recover.
        }
        process.destroy();
    }
}
