package org.gsmile.experiments.plan;

import java.util.List;
import java.util.Objects;
import org.gsmile.odd.Dimension;
import org.gsmile.odd.Suite;

/**
 * A {@code cases} entry that names a scenario suite, as expanded: which taxonomy, how, and what came
 * of it (the cases' ids, the factorial size, the coverage), for the run's provenance and the report's
 * coverage table.
 *
 * @param file       the taxonomy file, resolved against the experiment file's folder, as shown in messages
 * @param source     where the entry is written, {@code FILE:LINE}
 * @param suite      the generated suite (its taxonomy, options, cases, factorial count and coverage)
 * @param caseIds    the ids of its cases in the experiment, in order
 */
public record SuiteSource(String file, String source, Suite suite, List<String> caseIds) {
    public SuiteSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(suite, "suite");
        caseIds = List.copyOf(caseIds);
    }

    /** The taxonomy's dimensions, in order. */
    public List<Dimension> dimensions() {
        return suite.taxonomy().dimensions();
    }
}
