package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.ImageSize;
import org.gsmile.models.http.ImageReference.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @Test
    void eachFormNamesItsEndpoint() {
        ImageReference r = ImageReference.parse("http-editor:http://gpu-box:8000/v2/edit");
        assertEquals(Kind.HTTP_EDITOR, r.kind());
        assertEquals(URI.create("http://gpu-box:8000/v2/edit"), r.endpoint());
        assertEquals("", r.model());
        assertNull(r.size(), "an editor keeps its input's size unless told");
        assertEquals(Map.of(), r.settings());

        r = ImageReference.parse("openai-editor:https://api.openai.com/v1/#gpt-image-1");
        assertEquals(URI.create("https://api.openai.com/v1/images/edits"), r.endpoint());
        assertEquals("gpt-image-1", r.model());

        r = ImageReference.parse("openai-generator:http://127.0.0.1:9000/v1# dall-e-3 ?size=1792x1024");
        assertEquals(URI.create("http://127.0.0.1:9000/v1/images/generations"), r.endpoint());
        assertEquals("dall-e-3", r.model());
        assertEquals(new ImageSize(1792, 1024), r.size());

        assertEquals(new ImageSize(1024, 1024), ImageReference.parse("openai-generator:http://h/v1#m").size());
    }

    @Test
    void automatic1111DefaultsToItsUsualPortAndAFixedSeed() {
        ImageReference r = ImageReference.parse("a1111-editor:");
        assertEquals(URI.create("http://127.0.0.1:7860/sdapi/v1/img2img"), r.endpoint());
        assertEquals(Map.of("steps", 20, "seed", 42L, "denoising", 0.75), r.settings());

        r = ImageReference.parse("A1111-Generator:http://gpu:7861/?steps=30&seed=0&size=768x512");
        assertEquals(Kind.A1111_GENERATOR, r.kind());
        assertEquals(URI.create("http://gpu:7861/sdapi/v1/txt2img"), r.endpoint());
        assertEquals(Map.of("size", "768x512", "steps", 30, "seed", 0L), r.settings());

        r = ImageReference.parse("a1111-editor:?denoising=0.3&size=64x64");
        assertEquals(URI.create("http://127.0.0.1:7860/sdapi/v1/img2img"), r.endpoint());
        assertEquals(0.3, r.denoising());
        assertEquals(new ImageSize(64, 64), r.size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "openai-editor:gpt-image-1 | 'openai-editor:gpt-image-1' names no server: write openai-editor:<baseUrl>#<model>",
            "openai-editor:http://h/v1 | 'openai-editor:http://h/v1' names no model: write it after '#'",
            "openai-generator:http://h/v1# | names no model",
            "openai-generator:http://h/v1?size=8x8#m | has settings before the model",
            "http-editor: | 'http-editor:' names no server: write the URL of the edit endpoint",
            "http-editor:gpu:8000/edit | is not a URL",
            "http-editor:ftp://h/edit | is not an http(s) URL",
            "a1111-editor:http://127.0.0.1:99999 | is out of range: ports go from 1 to 65535",
            "a1111-editor:?steps=0 | setting steps in 'a1111-editor:?steps=0' must be from 1 to 150, got 0",
            "a1111-editor:?steps=many | must be a whole number, got 'many'",
            "a1111-editor:?seed=-1 | asks for a random seed",
            "a1111-editor:?seed=4294967296 | must be from 0 to 4294967295",
            "a1111-editor:?denoising=0 | must be a number above 0 and at most 1, got '0'",
            "a1111-editor:?denoising=1.5 | must be a number above 0 and at most 1",
            "a1111-generator:?denoising=0.5 | unknown setting 'denoising' in 'a1111-generator:?denoising=0.5': a1111-generator: takes size=WxH",
            "openai-generator:http://h/v1#m?steps=4 | unknown setting 'steps'",
            "a1111-editor:?steps=4&steps=5 | setting steps is given twice",
            "a1111-editor:?steps= | setting steps in 'a1111-editor:?steps=' has no value: write steps=N",
            "a1111-editor:?steps=4& | has an empty setting",
            "http-editor:http://h/edit?size=big | size 'big' in 'http-editor:http://h/edit?size=big' is not WIDTHxHEIGHT",
            "http-editor:http://h/edit?size=0x64 | is out of range: each side from 1 to 8192",
            "http-editor:http://h/edit?size=8192x8192 | is out of range",
            "dall-e:http://h | unknown image model reference 'dall-e:http://h'"})
    void badReferencesAreOneLineNamingTheFix(String reference, String says) {
        UserInputException e = assertThrows(UserInputException.class, () -> ImageReference.parse(reference));
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-editor:http://user:s3cr3t-pw@127.0.0.1:8000/edit",
            "openai-editor:https://s3cr3t-pw@api.openai.com/v1#gpt-image-1",
            "a1111-editor:http://127.0.0.1:7860?api_key=s3cr3t-pw",
            "http-editor:http://127.0.0.1:8000/edit?token=s3cr3t-pw"})
    void credentialsInTheReferenceAreRefusedAndNeverShown(String reference) {
        UserInputException e = assertThrows(UserInputException.class, () -> ImageReference.parse(reference));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertTrue(e.getMessage().contains("{apiKeyEnv}") || e.template().contains("{apiKeyEnv}"), e.template());
    }

    @Test
    void onlyTheImagePrefixesAreAccepted() {
        assertTrue(ImageReference.accepts("http-editor:http://h/edit"));
        assertTrue(ImageReference.accepts(" OPENAI-EDITOR:http://h/v1#m"));
        assertFalse(ImageReference.accepts("openai:http://h/v1#m"));
        assertFalse(ImageReference.accepts("onnx-editor:tinyeditor"));
        assertFalse(ImageReference.accepts(null));
    }
}
