package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ErrorBodiesTest {
    @Test
    void readsTheShapesServersUse() {
        assertEquals("The model `x` does not exist", ErrorBodies.message(
                "{\"error\":{\"message\":\"The model `x` does not exist\",\"type\":\"invalid_request_error\"}}"));
        assertEquals("model 'llama9' not found", ErrorBodies.message("{\"error\":\"model 'llama9' not found\"}"));
        assertEquals("The model `x` does not exist.", ErrorBodies.message(
                "{\"object\":\"error\",\"message\":\"The model `x` does not exist.\",\"code\":404}"));
        assertEquals("Not Found", ErrorBodies.message("{\"detail\":\"Not Found\"}"));
        assertEquals("upstream timed out", ErrorBodies.message("upstream\n timed out\n"));
        assertNull(ErrorBodies.message("<html><body>502</body></html>"));
        assertNull(ErrorBodies.message(""));
    }

    @Test
    void messagesAreOneShortLine() {
        String shortened = ErrorBodies.shorten("a\nb " + "c".repeat(500));
        assertEquals(ErrorBodies.MAX_LENGTH, shortened.length());
        assertEquals("a b c", shortened.substring(0, 5));
    }
}
