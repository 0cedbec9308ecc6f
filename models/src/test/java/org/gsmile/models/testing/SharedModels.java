package org.gsmile.models.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The one rule for tests that need the shared model folder, used by every test helper of models and
 * experiments: the folder is {@code GSMILE_MODELS}, else the system property
 * {@code gsmile.models.default} that the parent pom's surefire configuration sets.
 *
 * <p>When the folder or a file in it is missing, a test is skipped on a developer's machine, and
 * {@link SharedModelsSummary} prints one line counting those skips at the end of the run. In CI
 * (environment variable {@code CI=true}, as {@code .ci/run} is invoked) the same test fails instead,
 * naming {@code GSMILE_MODELS} and the path it looked at, so a CI build cannot pass by skipping.
 */
public final class SharedModels {
    public static final String ENV = "GSMILE_MODELS";
    public static final String PROPERTY = "gsmile.models.default";

    private final Map<String, String> env;
    private final String property;

    SharedModels(Map<String, String> env, String property) {
        this.env = env;
        this.property = property;
    }

    private static SharedModels current() {
        return new SharedModels(System.getenv(), System.getProperty(PROPERTY));
    }

    /** The shared models folder; skips the test (fails it in CI) when it does not exist. */
    public static Path folder() {
        return current().requireFolder();
    }

    /** A file of the shared models folder, e.g. {@code "stories260K/tok512.bin"}; skips (fails in CI) when absent. */
    public static Path file(String relative) {
        return current().requireFile(relative);
    }

    /** The folder, after checking that each of the given files is in it. */
    public static Path folderWith(String... relatives) {
        SharedModels models = current();
        for (String relative : relatives) {
            models.requireFile(relative);
        }
        return models.requireFolder();
    }

    /**
     * The folder as named by the variable {@code GSMILE_MODELS} itself, for tests of code that reads the
     * variable rather than a path; skips (fails in CI) when the variable is unset or the folder absent.
     */
    public static Path folderFromEnvironment() {
        return current().requireEnvironmentFolder();
    }

    /** Whether this run is CI: the environment variable {@code CI} is {@code true} (any case) or {@code 1}. */
    public static boolean inCi() {
        return current().ci();
    }

    boolean ci() {
        String ci = env.get("CI");
        return ci != null && (ci.strip().equalsIgnoreCase("true") || ci.strip().equals("1"));
    }

    /** Where the folder is looked for and which setting named it, or null when nothing is set. */
    String configured() {
        String dir = env.get(ENV);
        if (dir != null && !dir.isBlank()) {
            return dir;
        }
        return property != null && !property.isBlank() ? property : null;
    }

    /** For messages: "/x/shared/models (from GSMILE_MODELS)". */
    String describe() {
        String dir = env.get(ENV);
        if (dir != null && !dir.isBlank()) {
            return dir + " (from " + ENV + ")";
        }
        if (property != null && !property.isBlank()) {
            return property + " (from the system property " + PROPERTY + ", " + ENV + " unset)";
        }
        return "nowhere (" + ENV + " and the system property " + PROPERTY + " both unset)";
    }

    Path requireFolder() {
        String dir = configured();
        if (dir == null) {
            throw missing("no models folder: " + ENV + " and the system property " + PROPERTY + " are both unset", true);
        }
        Path folder = Path.of(dir);
        if (!Files.isDirectory(folder)) {
            throw missing("models folder " + folder + " not found (from " + source() + ")", true);
        }
        return folder;
    }

    Path requireFile(String relative) {
        Path file = requireFolder().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw missing("model file " + file + " not found (models folder from " + source() + ")", true);
        }
        return file;
    }

    Path requireEnvironmentFolder() {
        Path folder = requireFolder();
        String dir = env.get(ENV);
        if (dir == null || dir.isBlank()) {
            throw missing(ENV + " is not set (the models were found through the system property " + PROPERTY
                    + ", but this test needs the variable itself)", false);
        }
        return folder;
    }

    private String source() {
        String dir = env.get(ENV);
        return dir != null && !dir.isBlank() ? ENV : "the system property " + PROPERTY + ", " + ENV + " unset";
    }

    /** Throws the CI failure, or returns the skip for the caller to throw. */
    private RuntimeException missing(String what, boolean modelsMissing) {
        if (ci()) {
            throw new MissingInCi(what + ": CI needs the shared models; set " + ENV + " to the shared models folder");
        }
        return new Skipped(what + ": skipped; set " + ENV + "=/path/to/shared/models to run it", modelsMissing);
    }

    /** A test skipped for want of the shared models; {@link SharedModelsSummary} counts these. */
    public static final class Skipped extends TestAbortedException {
        private static final long serialVersionUID = 1L;
        private final boolean modelsMissing;

        Skipped(String message, boolean modelsMissing) {
            super(message);
            this.modelsMissing = modelsMissing;
        }

        /** False when the models were found but the test needs {@code GSMILE_MODELS} itself to be set. */
        public boolean modelsMissing() {
            return modelsMissing;
        }
    }

    /** A test failed in CI for want of the shared models. */
    public static final class MissingInCi extends AssertionFailedError {
        private static final long serialVersionUID = 1L;

        MissingInCi(String message) {
            super(message);
        }
    }
}
