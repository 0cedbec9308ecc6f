package org.gsmile.models.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.CallMeter;
import org.gsmile.core.model.ImageSize;
import org.gsmile.core.model.ModelInfo;
import org.gsmile.models.cache.AnswerCodec;
import org.gsmile.models.cache.ImageCacheKey;

/**
 * The calls of an image model behind an HTTP API, editor or generator: one call per prompt through
 * {@link RemoteCalls} (bounded concurrency, retries, the response cache keyed on the model, its
 * settings, the input image's hash and the exact prompt), the request and answer shaped by the
 * reference's {@link ImageWire}.
 */
final class RemoteImages {
    private final ImageReference reference;
    private final ImageWire wire;
    private final RemoteCalls calls;

    /** @throws UserInputException for client settings an image model cannot use, or an unset {apiKeyEnv} */
    RemoteImages(ImageReference reference, RemoteOptions options) {
        if (options.topLogprobs() > 0) {
            throw new UserInputException("{logprobs} has no effect with " + UrlSecrets.mask(reference.reference())
                    + ": an image model returns no tokens; leave {logprobs} out");
        }
        this.reference = reference;
        this.wire = ImageWire.of(reference.kind());
        this.calls = new RemoteCalls(reference.endpoint(), reference.model(), reference.kind().keyVariable(), options,
                notFoundFix(reference.kind()));
    }

    ImageReference reference() {
        return reference;
    }

    ModelInfo info() {
        // The id reaches the JSON's provenance: a key typed into the reference stays out of it.
        return new ModelInfo(UrlSecrets.mask(reference.reference()), "", Integer.MAX_VALUE);
    }

    /** The image for each prompt, of {@code input} (an editor) or of the prompt alone ({@code input} null). */
    CompletableFuture<List<Image>> images(Image input, List<String> prompts, CallMeter meter) {
        // The input is encoded once for every prompt of the batch.
        byte[] png = input == null ? null : input.toPng();
        String inputHash = input == null ? "" : input.sha256();
        ImageSize size = input == null || reference.size() != null ? reference.size()
                : new ImageSize(input.width(), input.height());
        Map<String, Object> settings = new LinkedHashMap<>(reference.settings());
        settings.put("size", size.toString());
        List<CompletableFuture<Image>> each = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            ImageCacheKey key = new ImageCacheKey(reference.kind().id(), reference.endpoint().toString(),
                    reference.model(), settings, inputHash, prompt);
            each.add(calls.submit(() -> calls.answer(key, AnswerCodec.image(),
                    () -> wire.request(reference, png, size, prompt),
                    body -> wire.parse(body, size), meter)));
        }
        return inOrder(each);
    }

    /**
     * The images in the order of the prompts, once every call has ended. Calls that failed for good
     * make it an {@link ImageCallsFailedException} that still carries the others' images; any other
     * error (a rejected key, an unreachable server) fails the whole batch, as it fails every call.
     */
    private static CompletableFuture<List<Image>> inOrder(List<CompletableFuture<Image>> each) {
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).handle((done, error) -> {
            List<Image> images = new ArrayList<>(each.size());
            Map<Integer, String> reasons = new LinkedHashMap<>();
            for (int i = 0; i < each.size(); i++) {
                try {
                    images.add(each.get(i).join());
                } catch (CompletionException e) {
                    if (!(e.getCause() instanceof CallFailedException failed)) {
                        throw e;
                    }
                    images.add(null);
                    reasons.put(i, failed.getMessage());
                }
            }
            if (!reasons.isEmpty()) {
                throw new ImageCallsFailedException(images, reasons);
            }
            return images;
        });
    }

    RemoteCallStats stats() {
        return calls.stats();
    }

    void close() {
        calls.close();
    }

    private static String notFoundFix(ImageReference.Kind kind) {
        return switch (kind) {
            case OPENAI_EDITOR, OPENAI_GENERATOR -> "check the base URL in {model} (OpenAI-compatible servers usually"
                    + " end in /v1)";
            case A1111_EDITOR, A1111_GENERATOR -> "check the URL in {model}, and that the web UI was started with --api";
            case HTTP_EDITOR -> "check the URL of the edit endpoint in {model}";
        };
    }
}
