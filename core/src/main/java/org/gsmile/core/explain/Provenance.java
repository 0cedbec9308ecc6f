package org.gsmile.core.explain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enough to reproduce an explanation: the configuration in the order it was given, the seed, the
 * model and the exact weights it ran on.
 */
public record Provenance(Map<String, Object> config, long seed, String modelId, String modelSha256,
                         String gsmileVersion) {
    public Provenance {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
