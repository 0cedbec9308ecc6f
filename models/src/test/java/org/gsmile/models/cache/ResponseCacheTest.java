package org.gsmile.models.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gsmile.core.UserInputException;
import org.gsmile.core.image.Image;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
    @TempDir
    Path temp;

    static final CacheKey KEY = new CacheKey("openai-chat", "http://127.0.0.1:8000/v1/chat/completions", "m",
            DecodingOptions.greedy(16), 5, "Lily wanted to play");
    static final TopLogprobs ANSWER = new TopLogprobs("She played.", List.of(
            new TopLogprobs.Step("She", -0.1, List.of(new TopLogprobs.Candidate("She", -0.1),
                    new TopLogprobs.Candidate("They", -2.4))),
            new TopLogprobs.Step(" played.", Double.NaN, List.of())));

    @Test
    void storesAndReadsBackAnswersExactly() throws IOException {
        ResponseCache cache = new ResponseCache(temp.resolve("r"));
        assertEquals(Optional.empty(), cache.get(KEY));
        assertTrue(cache.put(KEY, ANSWER));
        assertEquals(Optional.of(ANSWER), new ResponseCache(temp.resolve("r")).get(KEY));
        try (Stream<Path> files = Files.walk(temp)) {
            assertEquals(List.of(cache.file(KEY)), files.filter(Files::isRegularFile).toList(), "temp files left");
        }
        byte[] first = Files.readAllBytes(cache.file(KEY));
        cache.put(KEY, ANSWER);
        assertEquals(new String(first), Files.readString(cache.file(KEY)), "same answer, same bytes");
    }

    @Test
    void aFileWhereTheFolderBelongsIsNamed() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        UserInputException e = assertThrows(UserInputException.class, () -> new ResponseCache(file));
        assertEquals("the response cache " + file + " is a file, not a folder: set {cache} to a folder, or"
                + " {cache=none}", e.template());
        e = assertThrows(UserInputException.class, () -> new ResponseCache(file.resolve("sub")));
        assertTrue(e.getMessage().startsWith("cannot create the response cache " + file.resolve("sub") + " ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("): set cache to a writable folder, or cache=none"), e.getMessage());
    }

    @Test
    void everyPartOfTheKeyMatters() {
        String base = KEY.sha256();
        assertNotEquals(base, new CacheKey("openai-completions", KEY.endpoint(), "m", KEY.options(), 5, KEY.prompt()).sha256());
        assertNotEquals(base, new CacheKey(KEY.backend(), "http://127.0.0.1:8001/v1/chat/completions", "m",
                KEY.options(), 5, KEY.prompt()).sha256());
        assertNotEquals(base, new CacheKey(KEY.backend(), KEY.endpoint(), "m2", KEY.options(), 5, KEY.prompt()).sha256());
        assertNotEquals(base, new CacheKey(KEY.backend(), KEY.endpoint(), "m", DecodingOptions.greedy(17), 5,
                KEY.prompt()).sha256());
        assertNotEquals(base, new CacheKey(KEY.backend(), KEY.endpoint(), "m", KEY.options(), 0, KEY.prompt()).sha256());
        assertNotEquals(base, new CacheKey(KEY.backend(), KEY.endpoint(), "m", KEY.options(), 5,
                KEY.prompt() + " ").sha256());
    }

    @Test
    void corruptedOrForeignEntriesAreMisses() throws IOException {
        ResponseCache cache = new ResponseCache(temp);
        cache.put(KEY, ANSWER);
        Files.writeString(cache.file(KEY), "{\"key\": {}, \"text\": \"forged\", \"steps\": []}");
        assertEquals(Optional.empty(), cache.get(KEY));
        Files.writeString(cache.file(KEY), "{ truncated");
        assertEquals(Optional.empty(), cache.get(KEY));
        cache.put(KEY, ANSWER);
        assertEquals(Optional.of(ANSWER), cache.get(KEY));
    }

    static final ImageCacheKey IMAGE_KEY = new ImageCacheKey("a1111-img2img", "http://127.0.0.1:7860/sdapi/v1/img2img",
            "", Map.of("steps", 20, "seed", 42L, "denoising", 0.75, "size", "2x1"), "ab12", "Remove the rain");

    @Test
    void imagesAreStoredAndReadBackExactlyUnderTheirOwnKeys() {
        ResponseCache cache = new ResponseCache(temp);
        Image image = Image.of(2, 1, new float[] {0f, 1f, 10 / 255f, 20 / 255f, 30 / 255f, 40 / 255f});
        assertEquals(Optional.empty(), cache.get(IMAGE_KEY, AnswerCodec.image()));
        assertTrue(cache.put(IMAGE_KEY, image, AnswerCodec.image()));
        assertEquals(Optional.of(image), new ResponseCache(temp).get(IMAGE_KEY, AnswerCodec.image()));
        // The order the settings were given in does not matter; each setting, the input and the prompt do.
        Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        reordered.put("size", "2x1");
        reordered.put("denoising", 0.75);
        reordered.put("seed", 42L);
        reordered.put("steps", 20);
        assertEquals(IMAGE_KEY.sha256(), new ImageCacheKey(IMAGE_KEY.backend(), IMAGE_KEY.endpoint(), "", reordered,
                "ab12", IMAGE_KEY.prompt()).sha256());
        reordered.put("seed", 43L);
        assertNotEquals(IMAGE_KEY.sha256(), new ImageCacheKey(IMAGE_KEY.backend(), IMAGE_KEY.endpoint(), "", reordered,
                "ab12", IMAGE_KEY.prompt()).sha256());
        assertNotEquals(IMAGE_KEY.sha256(), new ImageCacheKey(IMAGE_KEY.backend(), IMAGE_KEY.endpoint(), "",
                IMAGE_KEY.settings(), "ab13", IMAGE_KEY.prompt()).sha256());
        assertNotEquals(IMAGE_KEY.sha256(), new ImageCacheKey(IMAGE_KEY.backend(), IMAGE_KEY.endpoint(), "",
                IMAGE_KEY.settings(), "ab12", "Remove the snow").sha256());
        // A text answer is never read where an image was stored, nor the other way round.
        assertEquals(Optional.empty(), cache.get(IMAGE_KEY, AnswerCodec.text()));
    }

    @Test
    void defaultFolderFollowsXdg() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/xdg/gsmile/responses"), ResponseCache.defaultDir(Map.of("XDG_CACHE_HOME", "/xdg"), home));
        assertEquals(Path.of("/home/u/.cache/gsmile/responses"),
                ResponseCache.defaultDir(Map.of("XDG_CACHE_HOME", "relative"), home));
        assertEquals(Path.of("/home/u/.cache/gsmile/responses"), ResponseCache.defaultDir(Map.of(), home));
    }
}
