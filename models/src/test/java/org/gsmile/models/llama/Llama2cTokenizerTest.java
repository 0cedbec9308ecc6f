package org.gsmile.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Llama2cTokenizerTest {

    private final Llama2cTokenizer tokenizer = TestModels.stories260KModel().tokenizer();

    @Test
    void encodesTheReferencePrompt() {
        // PROVENANCE.md: BOS, " Once", " upon", " a", " time"
        assertArrayEquals(new int[] {1, 403, 407, 261, 378}, tokenizer.encode("Once upon a time"));
    }

    @Test
    void newlineFallsBackToByteToken13() {
        int[] tokens = tokenizer.encode("Lily.\nShe");
        assertTrue(Arrays.stream(tokens).anyMatch(t -> t == 13), Arrays.toString(tokens));
        assertEquals("\n", tokenizer.decode(-1, new int[] {13}));
    }

    @Test
    void emptyTextIsJustBos() {
        assertArrayEquals(new int[] {1}, tokenizer.encode(""));
    }

    @Test
    void characterSplitOverByteTokensDecodesWhole() {
        // "☕" (E2 98 95) is not in the 512-token vocabulary, so it becomes its UTF-8 bytes, each + 3.
        int[] tokens = tokenizer.encode("☕");
        for (int b : new int[] {0xE2, 0x98, 0x95}) {
            assertTrue(Arrays.stream(tokens).anyMatch(t -> t == b + 3), Arrays.toString(tokens));
        }
        assertEquals("☕", decodeAfterBos(tokens));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Once upon a time", "Lily saw a big, red ball.\nShe smiled!", " leading space",
        "café ☕ 日本語 🙂", "x", "The end.  Two  spaces", "\ttab"})
    void decodeInvertsEncode(String text) {
        int[] tokens = tokenizer.encode(text);
        assertEquals(tokenizer.bosId(), tokens[0]);
        assertEquals(text, decodeAfterBos(tokens));
    }

    @Test
    void codePointInTheVocabularyIsOneToken() {
        int eAcute = TestModels.tokenId(tokenizer, "é");
        int[] tokens = tokenizer.encode("é");
        assertEquals(eAcute, tokens[tokens.length - 1], Arrays.toString(tokens));
    }

    @Test
    void firstPieceAfterBosDropsItsSpaceButLaterOnesKeepIt() {
        int once = 403;
        assertEquals("Once", tokenizer.decode(tokenizer.bosId(), new int[] {once}));
        assertEquals(" Once", tokenizer.decode(-1, new int[] {once}));
    }

    @Test
    void mergesPreferTheHighestScoringPair() {
        // Every adjacent pair left in the output must not be mergeable into a known piece, or
        // the greedy merge loop stopped early.
        int[] tokens = tokenizer.encode("Once upon a time, there was a little girl named Lily.");
        for (int i = 1; i + 1 < tokens.length; i++) {
            String merged = tokenizer.piece(tokens[i]) + tokenizer.piece(tokens[i + 1]);
            for (int id = 0; id < tokenizer.vocabSize(); id++) {
                assertTrue(!tokenizer.piece(id).equals(merged), "pair '" + merged + "' was left unmerged");
            }
        }
    }

    @Test
    void matchesAStraightPortOfRunCEncode() {
        SplittableRandom random = new SplittableRandom(1234);
        String[] alphabet = {"a", "e", "t", "h", "o", " ", "  ", ",", ".", "\n", "é", "☕", "L", "ily", "the", "!"};
        for (int trial = 0; trial < 300; trial++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertArrayEquals(naiveEncode(text.toString()), tokenizer.encode(text.toString()), text.toString());
        }
    }

    /** run.c's encode() as written there: rescan every pair after every merge. */
    private int[] naiveEncode(String text) {
        Map<String, Integer> ids = new HashMap<>();
        for (int id = tokenizer.vocabSize() - 1; id >= 0; id--) {
            ids.put(tokenizer.piece(id), id);
        }
        List<Integer> tokens = new ArrayList<>();
        tokens.add(1);
        if (!text.isEmpty()) {
            tokens.add(ids.get(" "));
        }
        text.codePoints().forEach(cp -> {
            String s = new String(Character.toChars(cp));
            Integer id = ids.get(s);
            if (id != null) {
                tokens.add(id);
            } else {
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    tokens.add((b & 0xFF) + 3);
                }
            }
        });
        while (true) {
            float best = -1e10f;
            int bestId = -1;
            int bestIndex = -1;
            for (int i = 1; i + 1 < tokens.size(); i++) {
                Integer id = ids.get(tokenizer.piece(tokens.get(i)) + tokenizer.piece(tokens.get(i + 1)));
                if (id != null && tokenizer.score(id) > best) {
                    best = tokenizer.score(id);
                    bestId = id;
                    bestIndex = i;
                }
            }
            if (bestIndex < 0) {
                return tokens.stream().mapToInt(Integer::intValue).toArray();
            }
            tokens.set(bestIndex, bestId);
            tokens.remove(bestIndex + 1);
        }
    }

    @Test
    void ggufVocabularyTokenizesLikeTok512() {
        Llama2cTokenizer fromGguf = GgufLlama.tokenizer(GgufReader.read(TestModels.stories260K("stories260K.gguf")));
        assertEquals(tokenizer.vocabSize(), fromGguf.vocabSize());
        for (String text : new String[] {"Once upon a time", "café ☕\nend", " The dog ran. It was fun!"}) {
            int[] tokens = tokenizer.encode(text);
            assertArrayEquals(tokens, fromGguf.encode(text), text);
            assertEquals(text, fromGguf.decode(fromGguf.bosId(), Arrays.copyOfRange(tokens, 1, tokens.length)));
        }
    }

    private String decodeAfterBos(int[] tokens) {
        return tokenizer.decode(tokenizer.bosId(), Arrays.copyOfRange(tokens, 1, tokens.length));
    }
}
