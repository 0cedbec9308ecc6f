package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.gsmile.core.UserInputException;
import org.gsmile.models.http.RemoteReference.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteReferenceTest {

    @Test
    void openAiReferencesNameTheEndpointAndModel() {
        RemoteReference r = RemoteReference.parse("openai:http://127.0.0.1:8000/v1#Qwen/Qwen2.5-0.5B");
        assertEquals(Api.OPENAI_CHAT, r.api());
        assertEquals(URI.create("http://127.0.0.1:8000/v1/chat/completions"), r.endpoint());
        assertEquals("Qwen/Qwen2.5-0.5B", r.model());

        r = RemoteReference.parse("openai:https://api.openai.com/v1/#gpt-4o-mini?api=completions");
        assertEquals(Api.OPENAI_COMPLETIONS, r.api());
        assertEquals(URI.create("https://api.openai.com/v1/completions"), r.endpoint());
        assertEquals("gpt-4o-mini", r.model());

        r = RemoteReference.parse("openai:http://localhost:1234/v1?api=completions#m");
        assertEquals(URI.create("http://localhost:1234/v1/completions"), r.endpoint());
    }

    @Test
    void ollamaReferencesDefaultToTheLocalServer() {
        RemoteReference r = RemoteReference.parse("ollama:llama3.2:1b");
        assertEquals(Api.OLLAMA_GENERATE, r.api());
        assertEquals(URI.create("http://127.0.0.1:11434/api/generate"), r.endpoint());
        assertEquals("llama3.2:1b", r.model());
        r = RemoteReference.parse("ollama:library/qwen:0.5b@http://gpu-box:11434/");
        assertEquals(URI.create("http://gpu-box:11434/api/generate"), r.endpoint());
        assertEquals("library/qwen:0.5b", r.model());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai:http://127.0.0.1:8000/v1", "openai:http://127.0.0.1:8000/v1#",
            "openai:127.0.0.1:8000#m", "openai:ftp://host/v1#m", "openai:http://h/v1#m?api=embeddings",
            "ollama:", "ollama:m@localhost:11434", "ollama:@http://h:1"})
    void malformedReferencesAreUserErrors(String reference) {
        UserInputException e = assertThrows(UserInputException.class, () -> RemoteReference.parse(reference));
        assertTrue(e.getMessage().contains("'"), e.getMessage());
    }
}
