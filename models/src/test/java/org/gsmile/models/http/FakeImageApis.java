package org.gsmile.models.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.ImageSize;
import org.gsmile.models.http.FakeModelServer.Call;
import org.gsmile.models.http.FakeModelServer.Reply;

/**
 * The image APIs as a {@link FakeModelServer} script: the generic edit endpoint ({@code /edit}),
 * OpenAI's {@code /v1/images/edits} and {@code /v1/images/generations}, and Automatic1111's
 * {@code /sdapi/v1/img2img} and {@code /sdapi/v1/txt2img}, each answering in its own shape with
 * stand-in models whose pictures depend on known words, so a test knows what the explanation must
 * find.
 */
public final class FakeImageApis {
    private FakeImageApis() {
    }

    /**
     * The stand-in editor: "night" darkens the image to 30 %, "rain" adds a blue cast, "look" a faint
     * red one; other words change nothing. At 8 bits, as a PNG carries it.
     */
    public static Image edit(Image input, String instruction) {
        Set<String> words = words(instruction);
        float[] p = input.planes();
        int n = input.pixels();
        float dim = words.contains("night") ? 0.3f : 1f;
        for (int i = 0; i < n; i++) {
            p[i] = p[i] * dim + (words.contains("look") ? 0.04f : 0f);
            p[n + i] = p[n + i] * dim;
            p[2 * n + i] = p[2 * n + i] * dim + (words.contains("rain") ? 0.2f : 0f);
        }
        return eightBit(Image.clamped(input.width(), input.height(), p));
    }

    /** The stand-in generator: a picture of the size asked for, dark for "night", yellow for "sun", red for "red". */
    public static Image draw(ImageSize size, String prompt) {
        Set<String> words = words(prompt);
        float r = words.contains("red") ? 0.9f : 0.5f;
        float g = 0.5f;
        float b = 0.5f;
        if (words.contains("sun")) {
            r += 0.3f;
            g += 0.3f;
        }
        float dim = words.contains("night") ? 0.2f : 1f;
        int n = size.width() * size.height();
        float[] p = new float[3 * n];
        for (int y = 0; y < size.height(); y++) {
            for (int x = 0; x < size.width(); x++) {
                // A gradient, so that the picture has structure for a structural distance.
                float shade = 0.8f + 0.2f * x / Math.max(1, size.width() - 1);
                int i = y * size.width() + x;
                p[i] = r * dim * shade;
                p[n + i] = g * dim * shade;
                p[2 * n + i] = b * dim * shade;
            }
        }
        return eightBit(Image.clamped(size.width(), size.height(), p));
    }

    /** The image as its PNG holds it, so that a test compares it with what crossed the wire. */
    private static Image eightBit(Image image) {
        return Image.decode(image.toPng(), Long.MAX_VALUE, "a stand-in image");
    }

    public static String png64(Image image) {
        return Base64.getEncoder().encodeToString(image.toPng());
    }

    public static Image image(String base64) {
        return Image.decode(Base64.getDecoder().decode(base64), Long.MAX_VALUE, "a request's image");
    }

    /** The correct answer to a call, in the shape of its path. */
    public static Reply answer(Call call) {
        JsonNode body = call.body();
        ObjectNode root = FakeModelServer.JSON.createObjectNode();
        switch (call.path()) {
            case "/edit" -> root.put("image", png64(edit(image(body.path("image").asText()), call.prompt())));
            case "/v1/images/edits" -> {
                root.put("created", 1_700_000_000);
                root.putArray("data").addObject().put("b64_json",
                        png64(edit(image(body.path("image").path("base64").asText()), call.prompt())));
            }
            case "/v1/images/generations" -> {
                root.put("created", 1_700_000_000);
                root.putArray("data").addObject().put("b64_json", png64(draw(size(body.path("size").asText()),
                        call.prompt())));
            }
            case "/sdapi/v1/img2img" -> {
                root.putArray("images").add(png64(edit(image(body.path("init_images").path(0).asText()),
                        call.prompt())));
                root.putObject("parameters");
                root.put("info", "{}");
            }
            case "/sdapi/v1/txt2img" -> {
                root.putArray("images").add(png64(draw(new ImageSize(body.path("width").asInt(),
                        body.path("height").asInt()), call.prompt())));
                root.putObject("parameters");
                root.put("info", "{}");
            }
            default -> {
                return Reply.status(404, "{\"detail\":\"Not Found\"}", Map.of());
            }
        }
        return Reply.ok(root.toString());
    }

    static ImageSize size(String text) {
        String[] wh = text.toLowerCase(Locale.ROOT).split("x");
        return new ImageSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")));
    }
}
