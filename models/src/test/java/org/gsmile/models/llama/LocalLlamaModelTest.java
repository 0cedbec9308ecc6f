package org.gsmile.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.gsmile.core.UserInputException;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.Generation;
import org.gsmile.core.model.TokenScores;
import org.junit.jupiter.api.Test;

class LocalLlamaModelTest {

    private final LocalLlamaModel model = TestModels.stories260KModel();

    @Test
    void infoNamesTheWeightsAndContext() {
        assertEquals("local:stories260K", model.info().id());
        assertEquals(TestModels.STORIES_BIN_SHA256, model.info().sha256());
        assertEquals(512, model.info().contextLength());
        assertSame(model, model.tokenScorer().orElseThrow());
        assertEquals(512, model.vocabSize());
    }

    @Test
    void concurrentScoringEqualsSequentialScoringBitwise() {
        List<String> prompts = new ArrayList<>();
        String[] words = {"Once", "upon", "a", "time", "there", "was", "a", "little", "girl", "named", "Lily"};
        for (int i = 0; i < 16; i++) {
            StringBuilder prompt = new StringBuilder();
            for (int w = 0; w < words.length; w++) {
                if (((i >> (w % 4)) & 1) == 0 || w % 3 == 0) {
                    prompt.append(prompt.length() == 0 ? "" : " ").append(words[w]);
                }
            }
            prompts.add(prompt.toString());
        }
        int[] continuation = model.engine().generate(model.tokenizer().encode("Once upon a time"), 40,
                DecodingOptions.greedy(40));
        List<TokenScores> parallel = model.scoreAsync(prompts, continuation).join();
        assertEquals(prompts.size(), parallel.size());
        for (int i = 0; i < prompts.size(); i++) {
            TokenScores sequential = model.engine().score(model.tokenizer().encode(prompts.get(i)), continuation);
            assertArrayEquals(sequential.logProbs(), parallel.get(i).logProbs(), "prompt " + i);
            for (int t = 0; t < continuation.length; t++) {
                assertArrayEquals(sequential.distributions()[t], parallel.get(i).distributions()[t]);
            }
        }
    }

    @Test
    void generationsComeBackInPromptOrder() {
        List<String> prompts = List.of("Once upon a time", "The dog", "Sam and Mia", "One day", "Lily");
        DecodingOptions options = new DecodingOptions(25, 0.8, 0.9, 11L);
        List<Generation> generations = model.generateAsync(prompts, options).join();
        for (int i = 0; i < prompts.size(); i++) {
            int[] prompt = model.tokenizer().encode(prompts.get(i));
            int[] expected = model.engine().generate(prompt, 25, options);
            assertArrayEquals(expected, generations.get(i).tokens(), prompts.get(i));
            assertEquals(model.decode(expected), generations.get(i).text());
        }
    }

    @Test
    void overlongPromptIsAUserError() {
        String prompt = "a b ".repeat(300);
        int count = model.promptTokenCount(prompt);
        UserInputException e = assertThrows(UserInputException.class,
                () -> model.generateAsync(List.of("fine", prompt), DecodingOptions.greedy(100)));
        assertEquals("prompt is " + count + " tokens; with 100 new tokens it exceeds the model's context of 512"
                + " tokens: shorten the prompt or lower maxNewTokens", e.getMessage());
        assertThrows(UserInputException.class, () -> model.scoreAsync(List.of(prompt), new int[100]));
    }

    @Test
    void decodeKeepsTheLeadingSpaceOfAContinuation() {
        assertEquals(" Once upon", model.decode(new int[] {403, 407}));
    }
}
