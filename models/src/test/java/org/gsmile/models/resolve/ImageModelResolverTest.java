package org.gsmile.models.resolve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.core.model.BlackBoxModel;
import org.gsmile.models.http.RemoteImageEditor;
import org.gsmile.models.http.RemoteImageGenerator;
import org.gsmile.models.http.RemoteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The image references that need no model files: the models behind an HTTP API, and the mistakes. */
class ImageModelResolverTest {
    static final ImageModelResolver RESOLVER = new ImageModelResolver(null);
    static final RemoteOptions NO_CACHE = RemoteOptions.fromSettings(Map.of(), Path.of("/nonexistent"), null, 0, "none",
            2, 1, 5, 5, 0);

    @Test
    void httpReferencesOpenEditorsAndGeneratorsWithoutCallingThem() {
        for (String ref : new String[] {"http-editor:http://127.0.0.1:1/edit", "openai-editor:http://127.0.0.1:1/v1#m",
                "a1111-editor:http://127.0.0.1:1"}) {
            try (BlackBoxModel m = RESOLVER.resolve(ref, NO_CACHE)) {
                assertInstanceOf(RemoteImageEditor.class, m, ref);
            }
            assertTrue(ImageModelResolver.isRemote(ref) && ImageModelResolver.accepts(ref), ref);
        }
        for (String ref : new String[] {"openai-generator:http://127.0.0.1:1/v1#m", "a1111-generator:"}) {
            try (BlackBoxModel m = RESOLVER.resolve(ref, NO_CACHE)) {
                assertInstanceOf(RemoteImageGenerator.class, m, ref);
            }
        }
        assertTrue(ImageModelResolver.accepts("onnx-editor:tinyeditor"));
        assertFalse(ImageModelResolver.isRemote("onnx-editor:tinyeditor"));
        assertFalse(ImageModelResolver.accepts("openai:http://h/v1#m"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "openai:http://u:s3cr3t@h/v1#m | 'openai:http://u:***@h/v1#m' is a text model, explained by gsmile explain",
            "http://127.0.0.1:8000/edit | is a server, not a model reference: write http-editor:http://127.0.0.1:8000/edit",
            "sdxl | unknown image model reference 'sdxl': use onnx-editor:NAME",
            "sdxl | a1111-generator:[<url>]"})
    void mistakesAreOneLineNamingTheForms(String reference, String says) {
        UserInputException e = assertThrows(UserInputException.class, () -> RESOLVER.resolve(reference, NO_CACHE));
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void theTextResolverSendsImageModelsToExplainImage() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> new ModelResolver(null, Path.of("/nonexistent"), ModelResolver.DEFAULT_DOWNLOAD_BASE)
                        .resolve("a1111-generator:http://127.0.0.1:7860"));
        assertTrue(e.getMessage().contains("is an image model: explain it with gsmile explain-image"), e.getMessage());
    }
}
