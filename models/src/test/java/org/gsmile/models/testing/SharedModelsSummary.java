package org.gsmile.models.testing;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line at the end of a module's test run saying how many tests {@link SharedModels} skipped
 * (or, in CI, failed) and why, so skips for want of the shared models cannot go unnoticed.
 * Registered through {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}, which
 * the models test-jar carries to every module whose tests use {@link SharedModels}.
 */
public final class SharedModelsSummary implements TestExecutionListener {
    private final AtomicInteger modelsMissing = new AtomicInteger();
    private final AtomicInteger variableUnset = new AtomicInteger();
    private final AtomicInteger failedInCi = new AtomicInteger();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        modelsMissing.set(0);
        variableUnset.set(0);
        failedInCi.set(0);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Throwable t = result.getThrowable().orElse(null);
        if (result.getStatus() == TestExecutionResult.Status.ABORTED && t instanceof SharedModels.Skipped skipped) {
            (skipped.modelsMissing() ? modelsMissing : variableUnset).incrementAndGet();
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED && t instanceof SharedModels.MissingInCi) {
            failedInCi.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String line = line(modelsMissing.get(), variableUnset.get(), failedInCi.get(), module(),
                new SharedModels(System.getenv(), System.getProperty(SharedModels.PROPERTY)).describe());
        if (line != null) {
            System.out.println(line);
            System.out.flush();
        }
    }

    /** The summary line, or null when no test was skipped or failed for want of the models. */
    static String line(int missing, int unset, int failed, String module, String lookedIn) {
        String fix = "set " + SharedModels.ENV + "=/path/to/shared/models";
        String prefix = "gsmile (" + module + "): ";
        if (failed > 0) {
            return prefix + tests(failed) + " failed because CI needs the shared models and they were not found in "
                    + lookedIn + "; each failure names the missing path: " + fix;
        }
        String unsetReason = SharedModels.ENV + " is not set (these tests need the variable itself)";
        if (missing > 0) {
            return prefix + tests(missing) + " skipped because the shared models were not found in " + lookedIn
                    + (unset > 0 ? ", " + unset + " more because " + unsetReason : "") + ": " + fix;
        }
        if (unset > 0) {
            return prefix + tests(unset) + " skipped because " + unsetReason + "; the models were found in " + lookedIn
                    + ": " + fix;
        }
        return null;
    }

    private static String tests(int n) {
        return n + (n == 1 ? " test" : " tests");
    }

    /** The module under test: surefire runs each module's tests in that module's folder. */
    private static String module() {
        Path dir = Path.of("").toAbsolutePath().getFileName();
        return dir == null ? "tests" : dir.toString();
    }
}
