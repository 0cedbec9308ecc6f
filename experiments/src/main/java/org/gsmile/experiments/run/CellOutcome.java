package org.gsmile.experiments.run;

import java.io.Serializable;

/**
 * What one finished cell reports to the run: whether it worked and what it cost. Small and
 * serialisable, since a Spark task sends it back to the driver (its file stays where it was written).
 *
 * @param id        the cell's id
 * @param ok        whether the cell is {@code "ok"} in its file
 * @param error     the cell's error in one line, null when ok
 * @param calls     model calls it made
 * @param fromStore observations the run folder's store answered
 * @param modelMs   time in the model
 * @param totalMs   the cell's wall time
 */
public record CellOutcome(String id, boolean ok, String error, long calls, long fromStore, double modelMs,
                          double totalMs) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a progress line shows it: {@code ok}, or {@code failed: why}. */
    public String status() {
        return ok ? "ok" : "failed: " + error;
    }
}
