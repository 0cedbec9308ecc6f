package org.gsmile.models.llama;

import java.nio.file.Path;

import org.gsmile.models.testing.SharedModels;

/**
 * Finds the shared model folder: GSMILE_MODELS, else the system property gsmile.models.default
 * that surefire sets. Tests needing absent files are skipped, or failed in CI: see {@link SharedModels}.
 */
public final class TestModels {

    /** From PROVENANCE.md, so tests can tell the real files from damaged ones. */
    public static final String STORIES_BIN_SHA256 = "b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696";

    private static LocalLlamaModel stories;

    private TestModels() {
    }

    public static Path modelsDir() {
        return SharedModels.folder();
    }

    /** A file of the stories260K folder; skips the test (fails it in CI) when it is absent. */
    public static Path stories260K(String fileName) {
        return SharedModels.file("stories260K/" + fileName);
    }

    /** The .bin model, loaded once and shared by all tests (its pool threads are daemons). */
    public static synchronized LocalLlamaModel stories260KModel() {
        if (stories == null) {
            stories = LocalLlamaModel.loadLlama2c("local:stories260K",
                    stories260K("stories260K.bin"), stories260K("tok512.bin"));
        }
        return stories;
    }

    public static int tokenId(Llama2cTokenizer tokenizer, String piece) {
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            if (tokenizer.piece(id).equals(piece)) {
                return id;
            }
        }
        throw new AssertionError("no token with piece '" + piece + "'");
    }
}
