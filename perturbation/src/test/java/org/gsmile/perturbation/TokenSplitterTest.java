package org.gsmile.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gsmile.core.unit.Unit;
import org.junit.jupiter.api.Test;

class TokenSplitterTest {

    static List<byte[]> pieces(String... p) {
        List<byte[]> out = new ArrayList<>();
        for (String s : p) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void alignsSentencePieceTokensAndLeavesTheirSpacesOut() {
        // SentencePiece style: a dummy leading space, spaces glued to the following word.
        TokenSplitter t = new TokenSplitter(text -> pieces(" L", "ily", " saw", " a", " ball", "."));
        assertEquals(List.of(new Unit("L", 0, 1), new Unit("ily", 1, 4), new Unit("saw", 5, 8), new Unit("a", 9, 10),
                new Unit("ball", 11, 15), new Unit(".", 15, 16)), t.split("Lily saw a ball."));
    }

    @Test
    void byteFallbackPiecesOfOneCharacterMakeOneUnit() {
        // "é" is two UTF-8 bytes, here two byte-fallback tokens; "🙂" is four bytes in two tokens.
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        byte[] smile = "🙂".getBytes(StandardCharsets.UTF_8);
        List<byte[]> p = new ArrayList<>(pieces("caf"));
        p.add(new byte[] {e[0]});
        p.add(new byte[] {e[1]});
        p.add(" ".getBytes(StandardCharsets.UTF_8));
        p.add(Arrays.copyOfRange(smile, 0, 2));
        p.add(Arrays.copyOfRange(smile, 2, 4));
        TokenSplitter t = new TokenSplitter(text -> p);
        assertEquals(List.of(new Unit("caf", 0, 3), new Unit("é", 3, 4), new Unit("🙂", 5, 7)), t.split("café 🙂"));
    }

    @Test
    void piecesThatDoNotSpellThePromptAreABug() {
        TokenSplitter t = new TokenSplitter(text -> pieces("x"));
        assertThrows(IllegalStateException.class, () -> t.split("y"));
    }
}
