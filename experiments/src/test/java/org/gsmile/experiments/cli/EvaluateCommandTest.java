package org.gsmile.experiments.cli;

import static org.gsmile.experiments.cli.ExplainCommandTest.gsmile;
import static org.gsmile.experiments.cli.ExplainCommandTest.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.gsmile.experiments.cli.ExplainCommandTest.Result;
import org.gsmile.models.testing.TinyEditor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gsmile evaluate on the real stories260K and a keyword oracle; its mistakes are one line and exit code 2. */
class EvaluateCommandTest {

    @Test
    void printsEveryMetricWithItsCostAsJson() throws Exception {
        Result r = gsmile("evaluate", "--model", model(), "--format", "json", "--runs", "2", "--stability-seeds", "0",
                "--changes", "end", "--neutral-words", "please", "--relevant", "dog", "Tom saw a big dog");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("Tom saw a big dog", json.at("/explanation/prompt").asText());
        for (String metric : List.of("fidelity", "accuracy", "consistency", "stability", "faithfulness")) {
            assertTrue(json.at("/metrics/costs/" + metric + "/extraCalls").isInt(), metric + " cost: " + r.out());
        }
        assertTrue(json.at("/metrics/accuracy/attAuroc").isNumber());
        assertEquals(1, json.at("/metrics/stability/changes").size());
    }

    @Test
    void recoversTheKeywordOraclesGroundTruth() {
        Result r = gsmile("evaluate", "--model", "oracle:keywords#remove=0.6,rain=0.4", "--metrics", "accuracy,fidelity",
                "--k", "2", "--relevance", "1,0,1,0,0,0", "Remove the rain from the image.");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*ATT-AUROC of \\|θ\\| \\(2 relevant units\\)\\s+1\\.0000.*"), r.out());
        assertTrue(r.out().matches("(?s).*precision@2\\s+1\\.0000.*"), r.out());
    }

    @Test
    void evaluatesAnEditingInstructionOnTinyeditor() throws Exception {
        String rainy = TinyEditor.folder().resolve("scenes/scene03_rainy_day_sharp.png").toString();
        // relevance.json labels "Remove the rain from the image." [1,0,1,0,0,0]: remove and rain.
        Result r = gsmile(ExplainImageCommandTest.env(), "evaluate", "--image", rainy, "--format", "json", "--runs", "2",
                "--stability-seeds", "0", "--changes", "end", "--neutral-words", "please", "--relevance", "1,0,1,0,0,0",
                ExplainImageCommandTest.RAIN);
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("channel-wasserstein", json.at("/explanation/config/distance").asText());
        assertEquals(1.0, json.at("/metrics/accuracy/attAuroc").asDouble(), 1e-12, r.out());
        assertEquals(1.0, json.at("/metrics/accuracy/shapley/spearman").asDouble(), 1e-12, r.out());
        assertTrue(json.at("/metrics/faithfulness/explanation/aopcComprehensiveness").isNumber(), r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--max-new-tokens|8|gsmile evaluate: --max-new-tokens has no effect with an image model: it configures text"
                + " outputs; leave --max-new-tokens out",
        "--max-pixels|0|gsmile evaluate: --max-pixels must be at least 1, got 0",
        "--cache|none|gsmile evaluate: --cache has no effect with --model onnx-editor:tinyeditor",
    })
    void imageMistakesAreOneLine(String option, String value, String message) {
        String rainy = TinyEditor.folder().resolve("scenes/scene03_rainy_day_sharp.png").toString();
        Result r = gsmile(ExplainImageCommandTest.env(), "evaluate", "--model", "onnx-editor:tinyeditor", "--image",
                rainy, option, value, ExplainImageCommandTest.RAIN);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void anEditorWithoutAnImageIsOneLine() {
        Result r = gsmile(ExplainImageCommandTest.env(), "evaluate", "--model", "onnx-editor:tinyeditor",
                ExplainImageCommandTest.RAIN);
        assertEquals(2, r.exit(), r.err());
        assertEquals("gsmile evaluate: onnx-editor:tinyeditor edits an image: give it with --image IN.png", r.err().strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--k|9|gsmile evaluate: --k is 9 but the prompt has 5 units: choose --k at most 5",
        "--runs|1|gsmile evaluate: --runs must be at least 2 (a spread needs two runs), got 1: try --runs 10",
        "--relevance|1,0,1|gsmile evaluate: --relevance has 3 labels for 5 units",
        "--relevant|cat|gsmile evaluate: --relevant word \"cat\" matches no unit of the prompt",
        "--metrics|fidelty|gsmile evaluate: unknown metric 'fidelty' in --metrics: choose from fidelity, accuracy,"
                + " consistency, stability, faithfulness",
        "--fresh|0|gsmile evaluate: --fresh must be at least 1, got 0: try --fresh 32",
        "--changes|begin|gsmile evaluate: unknown --changes 'begin': choose start, middle, end or punctuation",
    })
    void mistakesAreOneLineBeforeAnyModelLoads(String option, String value, String message) {
        // A model that does not exist: the mistake must be found before it would be loaded.
        Result r = gsmile("evaluate", "--model", "local:/nonexistent/model.bin", option, value, "Tom saw a big dog");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith(message), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
