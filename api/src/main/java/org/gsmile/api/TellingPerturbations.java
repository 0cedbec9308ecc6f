package org.gsmile.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gsmile.core.Futures;
import org.gsmile.core.distance.OutputDistance;
import org.gsmile.core.explain.Explanation;
import org.gsmile.core.explain.Sample;
import org.gsmile.core.image.Image;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.model.ImageGenerator;

/**
 * The images that show what an image explanation found: y₀ (the output for the whole prompt) and
 * the outputs of its most telling perturbations, each with its prompt and its shift Δ measured as
 * the explanation measured its samples (same units, operator and seed, same image distance):
 * <ul>
 *   <li>{@code without-top-unit}: the prompt with the top-ranked unit removed, what that unit changes;</li>
 *   <li>{@code top-k-only}: only the top k units kept (k the spec's top-k, fewer than all units), what
 *       they do on their own;</li>
 *   <li>{@code largest-shift}: the sample whose output moved furthest.</li>
 * </ul>
 * Where a warning says the scores support no ranking, only y₀ and the largest shift are shown.
 * The explanation keeps no images, so the model is asked again, once, for the distinct prompts
 * shown ({@link Shown#calls}); a deterministic model gives the same y₀, which is checked.
 */
public final class TellingPerturbations {
    private TellingPerturbations() {
    }

    /**
     * One image shown.
     *
     * @param role           {@code output}, {@code without-top-unit}, {@code top-k-only} or {@code largest-shift}
     * @param mask           the units kept
     * @param prompt         the prompt sent to the model
     * @param image          the model's image for it
     * @param outputDistance Δ from y₀ (0 for y₀)
     */
    public record Shown(String role, Mask mask, String prompt, Image image, double outputDistance) {
    }

    /** What {@link #of} found, and the model calls it made to draw the images again. */
    public record Result(List<Shown> shown, int calls) {
        public Result {
            shown = List.copyOf(shown);
        }
    }

    /** @param model the model {@code e} explained (for an editor: bound to the same input image) */
    public static Result of(Explanation e, ImageGenerator model) {
        SpecParts parts = new SpecParts(e.provenance().spec());
        PerturbationOperator.Perturbation perturbation = OutputShifts.perturbation(e, parts.operator());
        int n = e.units().size();
        Map<String, Mask> chosen = new LinkedHashMap<>();
        chosen.put("output", Mask.allKept(n));
        if (!e.rankingBlocked() && n > 1) {
            int[] ranking = e.attribution().ranking();
            boolean[] without = new boolean[n];
            java.util.Arrays.fill(without, true);
            without[ranking[0]] = false;
            chosen.put("without-top-unit", Mask.of(without));
            int k = Math.min(e.sampling().topK(), n - 1);
            boolean[] only = new boolean[n];
            for (int i = 0; i < k; i++) {
                only[ranking[i]] = true;
            }
            chosen.put("top-k-only", Mask.of(only));
        }
        Sample largest = null;
        for (Sample s : e.samples()) {
            if (s.mask().keptCount() < n && (largest == null || s.outputDistance() > largest.outputDistance())) {
                largest = s;
            }
        }
        if (largest != null) {
            chosen.put("largest-shift", largest.mask());
        }
        List<String> distinct = new ArrayList<>();
        Map<String, String> promptOf = new LinkedHashMap<>();
        for (Map.Entry<String, Mask> c : chosen.entrySet()) {
            String p = perturbation.apply(c.getValue());
            promptOf.put(c.getKey(), p);
            if (!distinct.contains(p)) {
                distinct.add(p);
            }
        }
        // y₀ alone, as the explanation generated it: a batch may move a value by a rounding error, and so its hash.
        distinct.remove(e.prompt());
        Image original = Futures.join(model.generateAsync(List.of(e.prompt()))).get(0);
        List<Image> images = new ArrayList<>(Futures.join(model.generateAsync(distinct)));
        distinct.add(0, e.prompt());
        images.add(0, original);
        if (!original.describe().equals(e.output())) {
            // A user's setting, not a bug: a server without a seed (OpenAI's images API) answers anew
            // each call unless the response cache keeps its first answer.
            throw new org.gsmile.core.UserInputException("the model now answers the prompt with "
                    + original.describe() + " where the explanation recorded " + e.output()
                    + ": it is not the model that was explained, or it does not generate deterministically"
                    + " (keep the response cache on, --cache, so that a server without a seed is asked once)");
        }
        OutputDistance<Image> distance = parts.imageDistance(model);
        List<Shown> shown = new ArrayList<>();
        for (Map.Entry<String, Mask> c : chosen.entrySet()) {
            String p = promptOf.get(c.getKey());
            Image image = images.get(distinct.indexOf(p));
            shown.add(new Shown(c.getKey(), c.getValue(), p, image, p.equals(e.prompt()) ? 0.0
                    : observed(e, c.getValue(), () -> distance.distance(original, image))));
        }
        return new Result(shown, distinct.size());
    }

    /** The shift the explanation observed for this mask, else measured now. */
    private static double observed(Explanation e, Mask mask, java.util.function.DoubleSupplier measure) {
        for (Sample s : e.samples()) {
            if (s.mask().equals(mask)) {
                return s.outputDistance();
            }
        }
        return measure.getAsDouble();
    }
}
