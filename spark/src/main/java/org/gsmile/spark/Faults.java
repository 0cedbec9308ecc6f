package org.gsmile.spark;

/**
 * Where the fault tests strike inside a task: after the cell is computed, and after its temporary
 * file is written but before it is moved into place, the two moments a lost attempt costs the most.
 * Null (nothing happens) outside those tests; tasks of a local master run in the test's JVM, which
 * sets it.
 */
final class Faults {
    enum Point { COMPUTED, TEMP_WRITTEN }

    interface Hook {
        void at(Point point, String cellId, int attempt) throws Exception;
    }

    static volatile Hook hook;

    private Faults() {
    }

    static void at(Point point, String cellId, int attempt) throws Exception {
        Hook h = hook;
        if (h != null) {
            h.at(point, cellId, attempt);
        }
    }
}
