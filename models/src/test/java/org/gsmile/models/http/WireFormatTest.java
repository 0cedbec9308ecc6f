package org.gsmile.models.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.gsmile.core.model.DecodingOptions;
import org.gsmile.core.model.TopLogprobs;
import org.gsmile.core.model.TopLogprobs.Candidate;
import org.junit.jupiter.api.Test;

/** Answers as the APIs' references show them. */
class WireFormatTest {
    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void chatAnswerWithLogprobs() throws Exception {
        TopLogprobs a = new OpenAiChatWire().parse(json("""
                {"id":"chatcmpl-123","object":"chat.completion","choices":[{"index":0,
                 "message":{"role":"assistant","content":"Hi there"},
                 "logprobs":{"content":[
                   {"token":"Hi","logprob":-0.01,"bytes":[72,105],"top_logprobs":[
                      {"token":"Hi","logprob":-0.01,"bytes":[72,105]},{"token":"Hello","logprob":-4.6,"bytes":null}]},
                   {"token":" there","logprob":-0.5,"bytes":null,"top_logprobs":[]}]},
                 "finish_reason":"stop"}]}"""));
        assertEquals("Hi there", a.text());
        assertEquals(List.of(new Candidate("Hi", -0.01), new Candidate("Hello", -4.6)), a.steps().get(0).top());
        assertEquals(" there", a.steps().get(1).token());
        assertEquals("", new OpenAiChatWire().parse(json(
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null}}]}")).text());
    }

    @Test
    void completionsAnswerWithLogprobs() throws Exception {
        TopLogprobs a = new OpenAiCompletionsWire().parse(json("""
                {"choices":[{"text":" a dog","index":0,"logprobs":{"tokens":[" a"," dog"],
                 "token_logprobs":[-0.3,-1.2],"top_logprobs":[{" a":-0.3," the":-1.5},{" dog":-1.2}],
                 "text_offset":[5,7]},"finish_reason":"length"}]}"""));
        assertEquals(" a dog", a.text());
        assertEquals(List.of(new Candidate(" a", -0.3), new Candidate(" the", -1.5)), a.steps().get(0).top());
        assertEquals(-1.2, a.steps().get(1).logprob());
    }

    @Test
    void ollamaAnswer() throws Exception {
        TopLogprobs a = new OllamaGenerateWire().parse(json("""
                {"model":"llama3.2","created_at":"2023-08-04T19:22:45.499127Z","response":"The sky","done":true,
                 "logprobs":[{"token":"The","logprob":-0.1,"top_logprobs":[{"token":"The","logprob":-0.1}]}]}"""));
        assertEquals("The sky", a.text());
        assertEquals(1, a.steps().size());
        assertThrows(MalformedResponseException.class, () -> new OllamaGenerateWire().parse(
                json("{\"error\":\"an error was encountered while running the model\"}")));
    }

    @Test
    void answersWithoutTheirFieldsAreMalformed() throws Exception {
        assertThrows(MalformedResponseException.class, () -> new OpenAiChatWire().parse(json("{}")));
        assertThrows(MalformedResponseException.class, () -> new OpenAiChatWire().parse(json("{\"choices\":[]}")));
        assertThrows(MalformedResponseException.class, () -> new OpenAiCompletionsWire().parse(json("{\"choices\":[{}]}")));
        assertThrows(MalformedResponseException.class, () -> new OllamaGenerateWire().parse(json("{\"done\":true}")));
    }

    @Test
    void samplingSendsSeedAndTopP() {
        JsonNode body = new OllamaGenerateWire().request("m", "p", new DecodingOptions(8, 0.7, 0.9, 3), 0);
        assertEquals(0.7, body.at("/options/temperature").asDouble());
        assertEquals(0.9, body.at("/options/top_p").asDouble());
        assertEquals(3, body.at("/options/seed").asLong());
    }
}
