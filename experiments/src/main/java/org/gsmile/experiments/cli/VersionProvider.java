package org.gsmile.experiments.cli;

import org.gsmile.core.explain.Version;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"gsmile " + Version.current(), "Java " + System.getProperty("java.version")};
    }
}
