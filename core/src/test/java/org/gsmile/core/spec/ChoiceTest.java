package org.gsmile.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;

class ChoiceTest {
    @Test
    void aNameInAnotherCaseIsRefusedWithTheRightOne() {
        UserInputException e = assertThrows(UserInputException.class, () -> UnitKind.of(" WORDS "));
        assertEquals("unknown {units} ' WORDS ': did you mean words? choose words, tokens, phrases, sentences, phrases-then-words or sentences-then-words",
                e.template());
        assertEquals(DistanceKind.TOKEN_WASSERSTEIN, DistanceKind.of("token-wasserstein"));
    }

    @Test
    void aNearMissNamesTheClosestChoice() {
        UserInputException e = assertThrows(UserInputException.class, () -> DistanceKind.of("wasserstein"));
        assertEquals("unknown {distance} 'wasserstein': did you mean token-wasserstein? choose auto, token-wasserstein,"
                + " logprob-shift, embedding-wasserstein, sentence-embedding, channel-wasserstein, sliced-wasserstein, ssim or"
                + " feature-wasserstein", e.template());
        e = assertThrows(UserInputException.class, () -> UnitKind.of("wrods"));
        assertEquals("unknown {units} 'wrods': did you mean words? choose words, tokens, phrases, sentences, phrases-then-words or sentences-then-words",
                e.template());
        e = assertThrows(UserInputException.class, () -> UnitKind.of("xyzzy"));
        assertEquals("unknown {units} 'xyzzy': choose words, tokens, phrases, sentences, phrases-then-words or sentences-then-words", e.template());
        e = assertThrows(UserInputException.class, () -> UnitKind.of("  "));
        assertEquals("{units} is empty: choose words, tokens, phrases, sentences, phrases-then-words or sentences-then-words", e.template());
    }
}
