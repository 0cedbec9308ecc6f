package org.gsmile.spark;

import java.io.Serializable;

/**
 * One cell to run: its id, and the file an earlier run left for it (failed, or with other metrics),
 * whose explanation is reused when only the metrics changed and which the new file may replace.
 *
 * @param id       the cell's id
 * @param previous that file's JSON text, or null when there was none
 */
record CellTask(String id, String previous) implements Serializable {
    private static final long serialVersionUID = 1L;
}
