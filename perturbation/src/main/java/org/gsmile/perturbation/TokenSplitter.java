package org.gsmile.perturbation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gsmile.core.model.TokenPieces;
import org.gsmile.core.unit.Unit;
import org.gsmile.core.unit.UnitSplitter;

/**
 * The model's own tokens as units. The tokenizer is given as a function from text to the UTF-8
 * bytes of each token, in order, whose concatenation is the text (a leading dummy space, as
 * SentencePiece adds, is tolerated). Tokens are aligned to the prompt by byte offset; a token
 * boundary inside a multi-byte character (byte-fallback tokens) is not a unit boundary, and a
 * token's surrounding whitespace is left out of its unit, so units never start with the space
 * SentencePiece glues to a word.
 *
 * <p>A perturbed prompt is text, so the model re-tokenizes it: dropping token "ily" from "L|ily"
 * sends "L", which the tokenizer may encode differently from the original token "L".
 */
public final class TokenSplitter implements UnitSplitter {
    private final TokenPieces tokenize;

    /** @param tokenize text to the bytes of each of its tokens, without BOS or EOS */
    public TokenSplitter(TokenPieces tokenize) {
        this.tokenize = tokenize;
    }

    @Override
    public String name() {
        return "tokens";
    }

    @Override
    public List<Unit> split(String prompt) {
        byte[] text = prompt.getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = tokenize.pieces(prompt);
        int total = 0;
        for (byte[] p : pieces) {
            total += p.length;
        }
        byte[] joined = new byte[total];
        int at = 0;
        for (byte[] p : pieces) {
            System.arraycopy(p, 0, joined, at, p.length);
            at += p.length;
        }
        int skip = 0;
        if (!Arrays.equals(joined, text)) {
            if (joined.length == text.length + 1 && joined[0] == ' '
                    && Arrays.equals(joined, 1, joined.length, text, 0, text.length)) {
                skip = 1;
            } else {
                throw new IllegalStateException("the tokenizer's pieces do not spell the prompt, so tokens cannot be"
                        + " aligned to it");
            }
        }
        int[] charAt = charOffsets(prompt, text.length);
        List<Unit> units = new ArrayList<>();
        int byteStart = 0;
        int pieceEnd = -skip;
        for (byte[] p : pieces) {
            pieceEnd += p.length;
            int end = Math.max(pieceEnd, 0);
            if (end < text.length && charAt[end] < 0) {
                continue;
            }
            Unit.addTrimmed(units, prompt, charAt[byteStart], end == text.length ? prompt.length() : charAt[end]);
            byteStart = end;
        }
        return units;
    }

    /** charAt[b] = the char index where byte b starts a code point, −1 inside one; charAt[len] = length. */
    private static int[] charOffsets(String s, int byteLength) {
        int[] charAt = new int[byteLength + 1];
        Arrays.fill(charAt, -1);
        int b = 0;
        for (int c = 0; c < s.length(); ) {
            int cp = s.codePointAt(c);
            charAt[b] = c;
            b += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            c += Character.charCount(cp);
        }
        charAt[byteLength] = s.length();
        return charAt;
    }
}
