package org.gsmile.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.gsmile.core.UserInputException;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Llama2cCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void readsTheStories260KHeader() {
        LlamaConfig c = Llama2cCheckpoint.read(TestModels.stories260K("stories260K.bin")).config();
        // PROVENANCE.md: dim 64, hidden 172, 5 layers, 8 heads, 4 kv heads, vocab 512, max seq 512
        assertEquals(new LlamaConfig(64, 172, 5, 8, 4, 512, 512, 1e-5f, 10000f), c);
    }

    @Test
    void truncatedCheckpointNamesExpectedAndFoundSizes() throws IOException {
        byte[] all = Files.readAllBytes(TestModels.stories260K("stories260K.bin"));
        for (int keep : new int[] {all.length - 4, 500_000, 100}) {
            Path file = Files.write(dir.resolve("cut" + keep + ".bin"), Arrays.copyOf(all, keep));
            UserInputException e = assertThrows(UserInputException.class, () -> Llama2cCheckpoint.read(file));
            assertEquals(file + " is truncated: expected " + all.length + " bytes, found " + keep
                    + "; delete it and download again", e.getMessage());
        }
        Path tiny = Files.write(dir.resolve("tiny.bin"), Arrays.copyOf(all, 10));
        UserInputException e = assertThrows(UserInputException.class, () -> Llama2cCheckpoint.read(tiny));
        assertTrue(e.getMessage().startsWith(tiny + " is truncated"), e.getMessage());
    }

    @Test
    void rejectsTrailingBytesAndNonsenseHeaders() throws IOException {
        byte[] all = Files.readAllBytes(TestModels.stories260K("stories260K.bin"));
        Path longer = Files.write(dir.resolve("longer.bin"), Arrays.copyOf(all, all.length + 8));
        assertThrows(UserInputException.class, () -> Llama2cCheckpoint.read(longer));
        Path text = Files.write(dir.resolve("text.bin"), "this is not a checkpoint at all".getBytes());
        UserInputException e = assertThrows(UserInputException.class, () -> Llama2cCheckpoint.read(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    }

    @Test
    void negativeVocabSizeReadsAnUnsharedClassifier() throws IOException {
        // Rewrite stories260K with vocab_size negated and an explicit copy of the embedding as classifier.
        byte[] all = Files.readAllBytes(TestModels.stories260K("stories260K.bin"));
        LlamaWeights shared = Llama2cCheckpoint.read(TestModels.stories260K("stories260K.bin"));
        int tableBytes = shared.tokenEmbedding().length * Float.BYTES;
        ByteBuffer out = ByteBuffer.allocate(all.length + tableBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(all);
        out.putInt(5 * Integer.BYTES, -shared.config().vocabSize());
        out.position(all.length);
        out.put(all, 7 * Integer.BYTES, tableBytes);
        Path file = Files.write(dir.resolve("unshared.bin"), out.array());

        LlamaWeights unshared = Llama2cCheckpoint.read(file);
        assertFalse(unshared.sharedClassifier());
        assertArrayEquals(shared.classifier(), unshared.classifier());
        int[] prompt = {1, 403, 407, 261, 378};
        TokenScores a = new LlamaEngine(shared).score(prompt, new int[] {432, 383});
        TokenScores b = new LlamaEngine(unshared).score(prompt, new int[] {432, 383});
        assertArrayEquals(a.logProbs(), b.logProbs());
    }

    @Test
    void tokenizerOfTheWrongSizeIsRejected() {
        Path tok = TestModels.stories260K("tok512.bin");
        UserInputException more = assertThrows(UserInputException.class, () -> Llama2cTokenizer.read(tok, 1000));
        assertTrue(more.getMessage().contains("holds 512 tokens"), more.getMessage());
        assertThrows(UserInputException.class, () -> Llama2cTokenizer.read(tok, 100));
    }
}
