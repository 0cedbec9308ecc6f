package org.gsmile.models.llama;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gsmile.core.UserInputException;

/**
 * The sentencepiece-style BPE tokenizer of llama2.c ({@code encode}/{@code decode} in run.c):
 * UTF-8 code points looked up in the vocabulary with byte fallback, then greedy merges of the
 * adjacent pair whose merged piece has the highest score.
 */
public final class Llama2cTokenizer {

    /** run.c hard-codes the byte-fallback tokens as byte value + 3 (after unk, bos, eos). */
    private static final int BYTE_TOKEN_OFFSET = 3;

    private final byte[][] pieces;
    private final float[] scores;
    /** Decoded bytes per token: the raw byte for {@code <0xNN>} pieces, the piece itself otherwise. */
    private final byte[][] decoded;
    /** Pieces keyed as ISO-8859-1 strings, which map bytes one-to-one to chars. */
    private final Map<String, Integer> ids;
    private final int bosId;
    private final int eosId;

    private Llama2cTokenizer(byte[][] pieces, float[] scores, int bosId, int eosId) {
        this.pieces = pieces;
        this.scores = scores;
        this.bosId = bosId;
        this.eosId = eosId;
        this.decoded = new byte[pieces.length][];
        this.ids = new HashMap<>(pieces.length * 2);
        for (int id = 0; id < pieces.length; id++) {
            // bsearch in run.c finds an arbitrary duplicate; the lowest id keeps lookups deterministic
            ids.putIfAbsent(key(pieces[id]), id);
            int rawByte = rawByte(pieces[id]);
            decoded[id] = rawByte >= 0 ? new byte[] {(byte) rawByte} : pieces[id];
        }
    }

    /** Reads a llama2.c tokenizer file (tok512.bin, tokenizer.bin) holding {@code vocabSize} tokens. */
    public static Llama2cTokenizer read(Path file, int vocabSize) {
        ModelFileInput in = ModelFileInput.open(file);
        in.readInt(); // max_token_length: only sizes run.c's scratch buffer
        byte[][] pieces = new byte[vocabSize][];
        float[] scores = new float[vocabSize];
        for (int id = 0; id < vocabSize; id++) {
            if (in.position() == in.size()) {
                throw new UserInputException(file + " holds " + id + " tokens but the model has " + vocabSize
                        + ": use the tokenizer that belongs to the model");
            }
            scores[id] = in.readFloat();
            pieces[id] = in.readBytes(in.readInt());
        }
        if (in.position() != in.size()) {
            throw new UserInputException(file + " holds more than " + vocabSize
                    + " tokens, the model's vocabulary: use the tokenizer that belongs to the model");
        }
        return new Llama2cTokenizer(pieces, scores, LlamaEngine.BOS, LlamaEngine.EOS);
    }

    /**
     * Builds the tokenizer from a sentencepiece vocabulary such as GGUF's tokenizer.ggml.tokens,
     * where '▁' (U+2581) stands for a space.
     */
    public static Llama2cTokenizer fromSentencePiece(List<String> tokens, float[] scores, int bosId, int eosId) {
        if (tokens.size() != scores.length) {
            throw new IllegalArgumentException(tokens.size() + " tokens but " + scores.length + " scores");
        }
        byte[][] pieces = new byte[tokens.size()][];
        for (int id = 0; id < pieces.length; id++) {
            pieces[id] = tokens.get(id).replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
        }
        return new Llama2cTokenizer(pieces, scores.clone(), bosId, eosId);
    }

    public int vocabSize() {
        return pieces.length;
    }

    public int bosId() {
        return bosId;
    }

    public int eosId() {
        return eosId;
    }

    public float score(int token) {
        return scores[token];
    }

    /** The vocabulary entry of a token as text (byte pieces stay in their {@code <0xNN>} form). */
    public String piece(int token) {
        return new String(pieces[token], StandardCharsets.UTF_8);
    }

    /** Encodes text as run.c does with bos=1, eos=0: BOS, a dummy leading space, then the text. */
    public int[] encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[utf8.length + 2];
        int n = 0;
        tokens[n++] = bosId;
        if (utf8.length > 0) {
            n = appendCodePoints(new byte[] {' '}, tokens, n);
        }
        n = appendCodePoints(utf8, tokens, n);
        n = merge(tokens, 1, n);
        return Arrays.copyOf(tokens, n);
    }

    /** The bytes run.c prints for {@code token} following {@code prevToken}. */
    public byte[] decodeBytes(int prevToken, int token) {
        byte[] piece = decoded[token];
        if (prevToken == bosId && piece == pieces[token] && piece.length > 0 && piece[0] == ' ') {
            return Arrays.copyOfRange(piece, 1, piece.length);
        }
        return piece;
    }

    /**
     * Decodes tokens that follow {@code prevToken} (use {@link #bosId()} for text right after BOS,
     * -1 for a continuation). Bytes are joined before UTF-8 decoding so that characters split over
     * byte-fallback tokens come out whole.
     */
    public String decode(int prevToken, int[] tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int prev = prevToken;
        for (int token : tokens) {
            bytes.writeBytes(decodeBytes(prev, token));
            prev = token;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Looks up each UTF-8 code point (at most 4 bytes, as run.c) or falls back to its bytes. */
    private int appendCodePoints(byte[] utf8, int[] tokens, int n) {
        int start = 0;
        while (start < utf8.length) {
            int end = start + 1;
            while (end < utf8.length && isContinuation(utf8[end]) && end - start < 4) {
                end++;
            }
            Integer id = ids.get(new String(utf8, start, end - start, StandardCharsets.ISO_8859_1));
            if (id != null) {
                tokens[n++] = id;
            } else {
                for (int i = start; i < end; i++) {
                    tokens[n++] = (utf8[i] & 0xFF) + BYTE_TOKEN_OFFSET;
                }
            }
            start = end;
        }
        return n;
    }

    /**
     * Repeatedly merges the leftmost adjacent pair with the highest-scoring merged piece, as run.c,
     * caching each pair's merge so a step only re-looks-up the two pairs it changed.
     */
    private int merge(int[] tokens, int from, int n) {
        int[] pairId = new int[Math.max(n - 1, 0)];
        for (int i = from; i < n - 1; i++) {
            pairId[i] = mergedId(tokens[i], tokens[i + 1]);
        }
        while (true) {
            float bestScore = -1e10f;
            int bestIndex = -1;
            for (int i = from; i < n - 1; i++) {
                if (pairId[i] >= 0 && scores[pairId[i]] > bestScore) {
                    bestScore = scores[pairId[i]];
                    bestIndex = i;
                }
            }
            if (bestIndex < 0) {
                return n;
            }
            tokens[bestIndex] = pairId[bestIndex];
            System.arraycopy(tokens, bestIndex + 2, tokens, bestIndex + 1, n - bestIndex - 2);
            int pairsAfter = n - bestIndex - 3;
            if (pairsAfter > 0) {
                System.arraycopy(pairId, bestIndex + 2, pairId, bestIndex + 1, pairsAfter);
            }
            n--;
            if (bestIndex > from) {
                pairId[bestIndex - 1] = mergedId(tokens[bestIndex - 1], tokens[bestIndex]);
            }
            if (bestIndex < n - 1) {
                pairId[bestIndex] = mergedId(tokens[bestIndex], tokens[bestIndex + 1]);
            }
        }
    }

    private int mergedId(int left, int right) {
        Integer id = ids.get(key(pieces[left]) + key(pieces[right]));
        return id == null ? -1 : id;
    }

    private static String key(byte[] piece) {
        return new String(piece, StandardCharsets.ISO_8859_1);
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** The byte value of a {@code <0xNN>} piece, or -1 for any other piece. */
    private static int rawByte(byte[] piece) {
        if (piece.length != 6 || piece[0] != '<' || piece[1] != '0' || piece[2] != 'x' || piece[5] != '>') {
            return -1;
        }
        int high = Character.digit(piece[3], 16);
        int low = Character.digit(piece[4], 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }
}
