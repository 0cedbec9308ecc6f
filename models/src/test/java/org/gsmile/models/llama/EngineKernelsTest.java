package org.gsmile.models.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gsmile.core.UserInputException;
import org.junit.jupiter.api.Test;

class EngineKernelsTest {

    @Test
    void theVectorModuleIsPresentInTheTests() {
        // surefire's argLine resolves it, as the launchers do: without it the vector tests would test nothing.
        assertTrue(EngineKernels.VECTOR.available(), "run the tests with --add-modules jdk.incubator.vector");
        assertEquals(EngineKernels.VECTOR, EngineKernels.choose(null, true));
    }

    @Test
    void withoutThePropertyTheModuleDecides() {
        assertEquals(EngineKernels.VECTOR, EngineKernels.choose(null, true));
        assertEquals(EngineKernels.SCALAR, EngineKernels.choose(null, false));
        assertEquals(EngineKernels.SCALAR, EngineKernels.choose(" ", false));
    }

    @Test
    void thePropertyForcesEitherWhatever() {
        assertEquals(EngineKernels.SCALAR, EngineKernels.choose("scalar", true));
        assertEquals(EngineKernels.VECTOR, EngineKernels.choose(" Vector ", true));
    }

    @Test
    void aBadValueOrAMissingModuleIsOneClearLine() {
        UserInputException bad = assertThrows(UserInputException.class, () -> EngineKernels.choose("simd", true));
        assertEquals("-Dgsmile.engine.kernels=simd is not a choice: use scalar or vector (or leave it unset to"
                + " choose by the JVM)", bad.getMessage());
        UserInputException missing = assertThrows(UserInputException.class,
                () -> EngineKernels.choose("vector", false));
        assertEquals("-Dgsmile.engine.kernels=vector needs the module jdk.incubator.vector: start java with"
                + " --add-modules jdk.incubator.vector", missing.getMessage());
    }
}
