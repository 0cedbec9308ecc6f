package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UrlSecretsTest {
    @Test
    void masksPasswordsBareUserPartsAndKeyParameters() {
        assertEquals("openai:http://user:***@127.0.0.1:8080/v1#m",
                UrlSecrets.mask("openai:http://user:secret@127.0.0.1:8080/v1#m"));
        assertEquals("https://***@host/v1", UrlSecrets.mask("https://sk-token@host/v1"));
        assertEquals("ollama:llama3@http://me:***@h:1", UrlSecrets.mask("ollama:llama3@http://me:pw@h:1"));
        // A careless password with '/' or '@' in it is masked whole.
        assertEquals("http://u:***@h/v1", UrlSecrets.mask("http://u:p/w@h/v1"));
        assertEquals("http://u:***@h/v1", UrlSecrets.mask("http://u:p@w@h/v1"));
        assertEquals("http://h/v1?api_key=***&api=chat", UrlSecrets.mask("http://h/v1?api_key=abc&api=chat"));
        assertEquals("cannot reach http://u:***@h/x (refused) in 'openai:http://u:***@h#m'",
                UrlSecrets.mask("cannot reach http://u:pw@h/x (refused) in 'openai:http://u:pw@h#m'"));
    }

    @Test
    void leavesTextWithoutCredentialsAlone() {
        for (String plain : new String[] {"openai:http://127.0.0.1:8000/v1#my-model?api=completions",
                "ollama:llama3.2@http://127.0.0.1:11434", "mail me at a@b.c", "x=1", "", "local:/tmp/a@b.bin"}) {
            assertEquals(plain, UrlSecrets.mask(plain));
            assertFalse(UrlSecrets.hasSecrets(plain));
        }
        assertTrue(UrlSecrets.hasSecrets("http://a:b@c"));
    }
}
