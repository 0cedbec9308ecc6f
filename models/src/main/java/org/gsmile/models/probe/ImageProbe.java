package org.gsmile.models.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.gsmile.core.Futures;
import org.gsmile.core.UserInputException;
import org.gsmile.core.explain.Baseline;
import org.gsmile.core.explain.OutputProbe;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageGenerator;
import org.gsmile.models.http.CallFailedException;

/**
 * Observes a model whose output is an image (a text-to-image model, or an editor bound to its input
 * image): the image for the original prompt is y₀, recorded in the baseline by
 * {@link Image#describe()} (size, mean colour, pixel hash), and each perturbed prompt's image is
 * compared with it by an image distance.
 *
 * <p>The perturbed prompts of one round go to the model in one call, so a backend batches them as it
 * likes (the ONNX editor runs them in batches across cores); the original prompt's image is the one
 * {@link #prepare} made, not asked for twice. Stateless: one prompt's image lives in what
 * {@link #prepare} returns. A resumed explanation generates y₀ again (a stored baseline holds its
 * description, not its pixels).
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
            original = Futures.join(model.generateAsync(List.of(prompt))).get(0);
        } catch (CallFailedException e) {
            throw new UserInputException("the model's image for the prompt could not be obtained: " + e.getMessage(), e);
        }
        Baseline baseline = Baseline.ofText(prompt, original.describe());
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
            public CompletableFuture<List<Image>> observe(List<String> prompts) {
                List<String> others = new ArrayList<>();
                for (String p : prompts) {
                    if (!p.equals(prompt)) {
                        others.add(p);
                    }
                }
                CompletableFuture<List<Image>> asked = others.isEmpty()
                        ? CompletableFuture.completedFuture(List.of()) : model.generateAsync(others);
                return asked.thenApply(images -> {
                    if (images.size() != others.size()) {
                        throw new IllegalStateException(model.info().id() + " returned " + images.size()
                                + " images for " + others.size() + " prompts");
                    }
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
}
