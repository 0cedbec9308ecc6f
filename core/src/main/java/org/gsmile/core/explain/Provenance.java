package org.gsmile.core.explain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gsmile.core.spec.ExplanationSpec;
import org.gsmile.core.spec.SpecConfig;

/**
 * Enough to reproduce an explanation: the spec, the seed, the model and the exact weights it ran
 * on, and the model's own settings that shape its outputs.
 *
 * @param spec          how the prompt was explained
 * @param seed          the seed every random choice came from
 * @param modelId       the model reference, e.g. {@code local:stories260K}
 * @param modelSha256   hash of the weights file, empty where unknown (remote models)
 * @param modelSettings settings of the model that shape what it returns (e.g. {@code logprobs}), in order
 * @param gsmileVersion the version that produced the explanation
 */
public record Provenance(ExplanationSpec spec, long seed, String modelId, String modelSha256,
                         Map<String, Object> modelSettings, String gsmileVersion) {
    public Provenance {
        modelSettings = Collections.unmodifiableMap(new LinkedHashMap<>(modelSettings));
    }

    /** The configuration as the JSON output records it (spec, model and model settings). */
    public Map<String, Object> config() {
        return SpecConfig.toMap(spec, modelId, modelSettings);
    }
}
