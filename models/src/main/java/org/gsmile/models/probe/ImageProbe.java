package org.gsmile.models.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.models.http.CallFailedException;
import org.gsmile.models.http.ImageCallsFailedException;

/**
 * Observes a model whose output is an image (a text-to-image model, or an editor bound to its input
 * image): the image for the original prompt is y₀, recorded in the baseline by
 * {@link Image#describe()} (size, mean colour, pixel hash), and each perturbed prompt's image is
 * compared with it by an image distance.
 *
 * <p>The perturbed prompts of one round go to the model in one call, so a backend batches them as it
 * likes (the ONNX editor runs them in batches across cores); the original prompt's image is the one
 * {@link #prepare} made, not asked for twice. A prompt whose call failed for good (a remote server's
 * error after its retries, a malformed answer) is a null observation with its reason in
 * {@link Prepared#failures()}, as in {@link TextProbe}: the explainer leaves it out of the fit.
 * A backend that reports which prompts of a batch failed ({@link ImageCallsFailedException}) loses
 * only those; one that fails a batch without saying is asked again one prompt at a time. Any other
 * error (a rejected key, an unreachable server, a bug) ends the explanation. Stateless: one prompt's
 * image lives in what {@link #prepare} returns. A resumed explanation generates y₀ again (a stored
 * baseline holds its description, not its pixels).
 */
public final class ImageProbe implements OutputProbe<Image> {
    private final ImageGenerator model;

    public ImageProbe(ImageGenerator model) {
        this.model = model;
    }

    @Override
    public Prepared<Image> prepare(String prompt) {
        Image original;
        try {
            original = Futures.join(ask(List.of(prompt))).get(0);
        } catch (CallFailedException e) {
            throw new UserInputException("the model's image for the prompt could not be obtained: " + e.getMessage(), e);
        }
        Baseline baseline = Baseline.ofText(prompt, original.describe());
        Map<String, String> failures = new ConcurrentHashMap<>();
        return new Prepared<>() {
            @Override
            public Baseline baseline() {
                return baseline;
            }

            @Override
            public String describe(Image image) {
                return image.describe();
            }

            @Override
            public Map<String, String> failures() {
                return Map.copyOf(failures);
            }

            @Override
            public CompletableFuture<List<Image>> observe(List<String> prompts) {
                List<String> others = new ArrayList<>();
                for (String p : prompts) {
                    if (!p.equals(prompt)) {
                        others.add(p);
                    }
                }
                CompletableFuture<List<Image>> asked = others.isEmpty()
                        ? CompletableFuture.completedFuture(List.of()) : tolerant(others, failures);
                return asked.thenApply(images -> {
                    List<Image> out = new ArrayList<>(prompts.size());
                    int k = 0;
                    for (String p : prompts) {
                        out.add(p.equals(prompt) ? original : images.get(k++));
                    }
                    return out;
                });
            }
        };
    }

    /** The images of {@code prompts} in one batch, null for each prompt whose call failed for good. */
    private CompletableFuture<List<Image>> tolerant(List<String> prompts, Map<String, String> failures) {
        return ask(prompts).exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ImageCallsFailedException partial) {
                partial.reasons().forEach((i, reason) -> failures.put(prompts.get(i), reason));
                return CompletableFuture.completedFuture(partial.images());
            }
            if (cause instanceof CallFailedException && prompts.size() > 1) {
                // The backend cannot say which prompts failed: each alone finds out.
                List<CompletableFuture<Image>> each = new ArrayList<>(prompts.size());
                for (String p : prompts) {
                    each.add(ask(List.of(p)).thenApply(images -> images.get(0)));
                }
                return Observations.collect(prompts, each, failures);
            }
            if (cause instanceof CallFailedException) {
                failures.put(prompts.get(0), cause.getMessage() == null ? "the call failed" : cause.getMessage());
                return CompletableFuture.completedFuture(java.util.Collections.singletonList(null));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** The model's images, checked to be one per prompt; a backend that throws instead of failing the future fails it. */
    private CompletableFuture<List<Image>> ask(List<String> prompts) {
        CompletableFuture<List<Image>> asked;
        try {
            asked = model.generateAsync(prompts);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return asked.thenApply(images -> {
            if (images.size() != prompts.size()) {
                throw new IllegalStateException(model.info().id() + " returned " + images.size() + " images for "
                        + prompts.size() + " prompts");
            }
            return images;
        });
    }
}
