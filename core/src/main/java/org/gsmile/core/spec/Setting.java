package org.gsmile.core.spec;

/**
 * The settings a user can give, by the key the spec, the JSON config and the YAML runner use. A
 * lower module's error names a setting as {@code {key}} (or {@code {key=value}} for a suggested
 * value) and each front end renders it in its own terms: {@code --max-samples 256} on the command
 * line, {@code maxSamples: 256} in YAML (see {@link org.gsmile.core.UserInputException#render}).
 */
public enum Setting {
    MODEL("model"), PROMPT("prompt"), PRESET("preset"), SAMPLES("samples"), MAX_SAMPLES("maxSamples"),
    TOP_K("topK"), UNITS("units"), OPERATOR("operator"), MASK_TOKEN("maskToken"), SAMPLER("sampler"),
    KERNEL("kernel"), REFERENCE("reference"), SEED("seed"), KEEP("keep"), SIGMA("sigma"), DISTANCE("distance"),
    SURROGATE("surrogate"), MAX_NEW_TOKENS("maxNewTokens"), SIGN("sign"), FEATURE_MODEL("featureModel"), API_KEY_ENV("apiKeyEnv"), LOGPROBS("logprobs"),
    CACHE("cache"), CONCURRENCY("concurrency"), MAX_RETRIES("maxRetries"), TIMEOUT("timeout");

    private final String key;

    Setting(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** {@code maxSamples} → {@code max-samples}: the command line's spelling. */
    public static String kebab(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
