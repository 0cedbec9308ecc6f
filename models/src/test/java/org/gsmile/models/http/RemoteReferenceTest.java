package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(e.getMessage().length() < 250, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai:http://127.0.0.1:99999/v1#m", "openai:http://127.0.0.1:0/v1#m",
            "openai:http://127.0.0.1:99999999999999/v1#m", "ollama:m@http://127.0.0.1:70000"})
    void portsOutOfRangeAreRefusedBeforeAnyCall(String reference) {
        UserInputException e = assertThrows(UserInputException.class, () -> RemoteReference.parse(reference));
        assertTrue(e.getMessage().contains("is out of range: ports go from 1 to 65535"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai:http://user:s3cr3t-pw@127.0.0.1:8080/v1#m",
            "openai:https://s3cr3t-pw@example.com/v1#m", "ollama:llama3@http://me:s3cr3t-pw@127.0.0.1:11434",
            "openai:http://user:s3cr3t-pw@127.0.0.1:8080/v1?api=chat#m", "openai:http://u:s3cr3t-pw@h/v1?x=1#m",
            "openai:http://user:s3cr3t-pw@127.0.0.1:8080/v1#m?api=nope", "openai:http://u:s3/cr3t-pw@127.0.0.1:1/v1#m",
            "openai:http://127.0.0.1:8080/v1?api_key=s3cr3t-pw#m"})
    void credentialsInTheUrlAreRefusedAndNeverShown(String reference) {
        UserInputException e = assertThrows(UserInputException.class, () -> RemoteReference.parse(reference));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertFalse(e.getMessage().contains("cr3t-pw"), e.getMessage());
        assertTrue(e.getMessage().contains("***"), e.getMessage());
    }

    @Test
    void credentialsAreRefusedWithTheFix() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> RemoteReference.parse("openai:http://user:secret@127.0.0.1:8080/v1#m"));
        assertEquals("'http://user:***@127.0.0.1:8080/v1' in {model} holds credentials, which gsmile never sends:"
                + " remove the part before '@' and put the key in an environment variable named by {apiKeyEnv}"
                + " (it is sent as a Bearer token)", e.template());
    }

    @Test
    void theModelNameIsReadWithoutSurroundingSpaces() {
        assertEquals("m", RemoteReference.parse("openai:http://127.0.0.1:8000/v1# m ").model());
        assertEquals("m", RemoteReference.parse("ollama: m @http://127.0.0.1:1").model());
        UserInputException e = assertThrows(UserInputException.class,
                () -> RemoteReference.parse("openai:gpt-4o"));
        assertTrue(e.getMessage().startsWith("'openai:gpt-4o' names no server"), e.getMessage());
    }
}
