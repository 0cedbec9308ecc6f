package org.gsmile.core.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gsmile.core.UserInputException;

/**
 * The spec as the flat key → value map an explanation records as its {@code config} (JSON), and
 * back. The keys and their order are a published format (README, "JSON output"): add keys, never
 * rename or remove them. Besides the spec the map names the model and the model's own settings
 * (for example {@code logprobs}), which the model reference, not the spec, carries.
 */
public final class SpecConfig {
    /**
     * Keys of the map that describe the model or the baseline rather than the spec: the model's own
     * settings (a server's logprobs, an editor's input image, the in-process engine's kernels, an HTTP
     * image model's size, steps, seed and denoising strength) come back as they were written.
     */
    public static final Set<String> NOT_SPEC = Set.of("model", "logprobs", "baseline", "inputImage", "kernels",
            "size", "steps", "seed", "denoising");

    private SpecConfig() {
    }

    /**
     * @param model         the model reference
     * @param modelSettings settings of the model that shape its outputs (e.g. logprobs), in order
     */
    public static Map<String, Object> toMap(ExplanationSpec s, String model, Map<String, Object> modelSettings) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model", model);
        // A setting that has no effect with the others is recorded as null: the provenance claims only what mattered.
        boolean reference = s.method().isReference();
        c.put("samples", reference ? null : s.budget().maxSamples());
        c.put("keep", s.usesKeep() ? s.keep() : null);
        c.put("sigma", s.usesSigma() ? s.sigma() : null);
        c.put("distance", s.distance().label());
        if (s.featureModel() != null) {
            c.put("featureModel", s.featureModel());
        }
        c.put("surrogate", reference ? null : s.surrogate().label());
        c.put("maxNewTokens", s.maxNewTokens());
        c.putAll(modelSettings);
        c.put("units", s.units().label());
        c.put("sampler", reference ? null : s.sampler().label());
        c.put("operator", s.operator().label());
        c.put("kernel", reference ? null : s.kernel().label());
        c.put("baseline", "greedy");
        c.put("preset", reference ? null : s.preset().label());
        if (s.budget() instanceof SampleBudget.Auto auto) {
            c.put("samples", "auto");
            c.put("maxSamples", auto.maxSamples());
        }
        c.put("topK", reference || !s.bootstraps() ? null : s.topK());
        if (s.operator() == OperatorKind.MASK) {
            c.put("maskToken", s.maskToken());
        }
        if (s.method().isReference()) {
            c.put("reference", s.method().label());
        }
        if (!reference && s.budget() instanceof SampleBudget.AtLeast) {
            // The default budget: "samples", or 2n + 2 on a prompt of n units when that is more.
            c.put("minSamples", "2n+2");
        }
        c.put("sign", s.sign().label());
        return c;
    }

    /** The spec a {@link #toMap} map describes; keys in {@link #NOT_SPEC} are left to the caller. */
    public static ExplanationSpec fromMap(Map<String, ?> config) {
        ExplanationSpec.Builder b = ExplanationSpec.builder();
        Object samples = config.get("samples");
        for (Map.Entry<String, ?> e : config.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            switch (key) {
                case "preset" -> b.preset(Preset.of(text(key, v)));
                case "units" -> b.units(UnitKind.of(text(key, v)));
                case "operator" -> b.operator(OperatorKind.of(text(key, v)));
                case "maskToken" -> b.maskToken(text(key, v));
                case "sampler" -> b.sampler(SamplerKind.of(text(key, v)));
                case "kernel" -> b.kernel(KernelKind.of(text(key, v)));
                case "surrogate" -> b.surrogate(SurrogateKind.of(text(key, v)));
                case "distance" -> b.distance(DistanceKind.of(text(key, v)));
                case "reference" -> b.method(Method.of(text(key, v)));
                case "topK" -> b.topK(whole(key, v));
                case "keep" -> b.keep(number(key, v));
                case "sigma" -> b.sigma(number(key, v));
                case "maxNewTokens" -> b.maxNewTokens(whole(key, v));
                case "sign" -> b.sign(SignConvention.of(text(key, v)));
                case "featureModel" -> b.featureModel(text(key, v));
                case "samples", "maxSamples", "minSamples" -> {
                    // both read below: auto's cap is maxSamples
                }
                default -> {
                    if (!NOT_SPEC.contains(key)) {
                        throw new UserInputException("unknown setting '" + key + "' in the config");
                    }
                }
            }
        }
        if ("auto".equals(samples)) {
            Object max = config.get("maxSamples");
            b.budget(new SampleBudget.Auto(max == null ? SampleBudget.DEFAULT_MAX : whole("maxSamples", max)));
        } else if (samples != null && config.containsKey("minSamples")) {
            b.budget(new SampleBudget.AtLeast(whole("samples", samples)));
        } else if (samples != null) {
            b.samples(whole("samples", samples));
        }
        return b.build();
    }

    private static String text(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new UserInputException("{" + key + "} takes a name, got " + v);
    }

    private static double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new UserInputException("{" + key + "} takes a number, got " + v);
    }

    private static int whole(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new UserInputException("{" + key + "} takes a whole number, got " + v);
    }
}
