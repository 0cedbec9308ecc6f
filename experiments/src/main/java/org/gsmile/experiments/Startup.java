package org.gsmile.experiments;

import java.util.Map;

/**
 * The process-wide settings of a gSMILE program, made in one place at start-up: the modules below
 * experiments change no global state of their own. Call {@link #configure()} first thing in
 * {@code main}, before any model, embedder or thesaurus is loaded (DJL and SLF4J read these
 * settings once, when they first start).
 */
public final class Startup {
    /**
     * The settings, each applied only when the user has not made it already (a {@code -D} on the
     * java command line, or the environment variable named beside it, wins).
     */
    static final Map<String, String> SETTINGS = Map.of(
            // DJL never reaches for the network: its engine otherwise makes a telemetry call when it
            // starts (EC2 instance metadata, then an S3 URL) and would download missing natives or
            // models. ONNX Runtime's natives and the tokenizers' come in their jars.
            "ai.djl.offline", "true",
            // SLF4J (through which DJL, langchain4j and extJWNL log) keeps its own notices, such as which
            // provider it chose or that it found none, off stderr, where the command line writes its
            // one-line errors.
            "slf4j.internal.verbosity", "ERROR",
            // Library logging goes nowhere, whatever else is on the class path: slf4j-api's own no-op
            // provider, the same as the slf4j-nop runtime dependency of this module.
            "slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");

    /** Environment variables that make the same choice as a setting. */
    private static final Map<String, String> ENVIRONMENT = Map.of("ai.djl.offline", "DJL_OFFLINE");

    private Startup() {
    }

    /** Applies {@link #SETTINGS}; calling it again changes nothing. */
    public static void configure() {
        configure(System.getenv());
    }

    static void configure(Map<String, String> env) {
        SETTINGS.forEach((name, value) -> {
            String variable = ENVIRONMENT.get(name);
            if (System.getProperty(name) == null && (variable == null || env.get(variable) == null)) {
                System.setProperty(name, value);
            }
        });
    }
}
