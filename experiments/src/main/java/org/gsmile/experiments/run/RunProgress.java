package org.gsmile.experiments.run;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a run tells its user while it works: cells done of all, model calls, observations answered
 * from the store, and an estimate of the time left. On a terminal it is a progress bar
 * ({@code me.tongfei:progressbar}) that starts at the cells an earlier run finished; elsewhere (a
 * log, CI) a plain line per finished cell, since a redrawn bar would fill a log with control
 * characters.
 */
final class RunProgress implements AutoCloseable {
    private final int total;
    private final int resumed;
    private final ProgressBar bar;
    private final PrintWriter log;
    private final long start = System.nanoTime();
    private int done;
    private long calls;
    private long stored;
    private int retried;

    private RunProgress(int total, int resumed, ProgressBar bar, PrintWriter log) {
        this.total = total;
        this.resumed = resumed;
        this.bar = bar;
        this.log = log;
        this.done = resumed;
    }

    /** @param terminal whether stderr is a terminal: a bar there, lines otherwise */
    static RunProgress start(String name, int total, int resumed, boolean terminal, PrintWriter err) {
        if (terminal) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                    .startsFrom(resumed, Duration.ZERO).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
            return new RunProgress(total, resumed, bar, null);
        }
        err.println(name + ": " + total + " cells, " + resumed + " already done");
        err.flush();
        return new RunProgress(total, resumed, null, err);
    }

    /** One cell finished (or failed); calls and storeHits are its own. */
    synchronized void cellDone(String id, String what, long cellCalls, long cellStored) {
        done++;
        calls += cellCalls;
        stored += cellStored;
        String extra = "calls " + calls + ", from store " + stored + (retried > 0 ? ", retried " + retried : "");
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(extra);
        } else {
            log.println("[" + done + "/" + total + "] " + id + " " + what + " (" + extra + eta() + ")");
            log.flush();
        }
    }

    /** An executor lost an attempt at a cell (a failure, a kill) and runs it again: said, and counted. */
    synchronized void retried(String id, String why) {
        retried++;
        if (bar != null) {
            bar.setExtraMessage("calls " + calls + ", from store " + stored + ", retried " + retried);
        } else {
            log.println("[" + done + "/" + total + "] " + id + " retried: " + why);
            log.flush();
        }
    }

    synchronized int retried() {
        return retried;
    }

    /** Time left at this run's own pace (cells an earlier run finished do not count toward it). */
    private String eta() {
        int ran = done - resumed;
        if (ran == 0 || done >= total) {
            return "";
        }
        double perCell = (System.nanoTime() - start) / 1e9 / ran;
        long left = Math.round(perCell * (total - done));
        return String.format(", ETA %d:%02d", left / 60, left % 60);
    }

    synchronized long calls() {
        return calls;
    }

    synchronized long stored() {
        return stored;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
