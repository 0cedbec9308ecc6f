package org.gsmile.experiments.plan;

import org.gsmile.odd.YamlNodes;

/** The YAML reading of experiment and cases files: {@link YamlNodes} with their exception. */
final class Nodes extends YamlNodes<ExperimentFileException> {
    Nodes(String file) {
        super(file, ExperimentFileException::new);
    }
}
