package org.gsmile.experiments.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every misstep in an experiment file gives exactly one line, {@code FILE:LINE:COLUMN: ...}, naming
 * what is wrong and how to fix it. Each row: a file (named {@code exp.yaml}, with any cases files
 * beside it) and the exact message.
 */
class ExperimentFileBadInputTest {
    private static final String OK = "models: [local:stories260K]\ncases: [\"Lily wanted to play with her red ball\"]\n";

    @TempDir
    Path dir;

    /** A bad file: its YAML, the files beside it, the message expected (paths relative to the folder). */
    record Bad(String name, String yaml, Map<String, String> files, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Bad bad(String name, String yaml, String message, String... files) {
        Map<String, String> f = new LinkedHashMap<>();
        for (int i = 0; i < files.length; i += 2) {
            f.put(files[i], files[i + 1]);
        }
        return new Bad(name, yaml, f, message);
    }

    static Stream<Arguments> badFiles() {
        List<Bad> rows = new ArrayList<>();
        // ---- YAML itself
        rows.add(bad("duplicate key", "models: [local:stories260K]\ncases: [\"a b\"]\nexplainer:\n  samples: 32\n  samples: 64\n",
                "exp.yaml:5:3: key samples is given twice (first at line 4): keep one"));
        rows.add(bad("duplicate key in a flow mapping", "models: [{ref: local:stories260K, ref: onnx:tinygpt}]\ncases: [a]\n",
                "exp.yaml:1:35: key ref is given twice (first at line 1): keep one"));
        rows.add(bad("malformed flow list", "models: [local:stories260K\ncases: [\"a\"]\n",
                "exp.yaml:2:6: malformed YAML: expected ',' or ']', but got : (while parsing a flow sequence that starts"
                        + " at line 1, column 9)"));
        rows.add(bad("unquoted ': ' in a value", "models: [local:stories260K]\ncases:\n  - Note: this is: a prompt\n",
                "exp.yaml:3:18: malformed YAML: mapping values are not allowed here: put a value that holds ': ' in quotes"));
        rows.add(bad("tab indentation", "models:\n\t- local:stories260K\n",
                "exp.yaml:2:1: malformed YAML: found character '\\t(TAB)' that cannot start any token. (Do not use"
                        + " \\t(TAB) for indentation) (while scanning for the next token)"));
        rows.add(bad("two documents", OK + "---\n" + OK,
                "exp.yaml:3:1: malformed YAML: the file holds more than one document (a second ---): keep one"));
        rows.add(bad("unclosed quote", "models: [local:stories260K]\ncases: [\"Lily\n",
                "exp.yaml:3:1: malformed YAML: found unexpected end of stream (while scanning a quoted scalar that"
                        + " starts at line 2, column 9)"));
        rows.add(bad("empty file", "# nothing yet\n",
                "exp.yaml:1:1: the file is empty: an experiment names at least its models and cases, as in models:"
                        + " [local:stories260K] and cases: [\"Lily wanted to play\"]"));
        rows.add(bad("not a mapping", "- local:stories260K\n",
                "exp.yaml:1:1: an experiment file is a mapping of keys (models, cases, explainer, ...), got a list"));
        // ---- output as a URI
        rows.add(bad("a password in the output URI", "output: \"hdfs://me:s3cret@nn:8020/runs/x\"\n" + OK,
                "exp.yaml:1:9: output gives a user or a password in its URI: leave them out, and give credentials in the"
                        + " Hadoop configuration (spark.hadoop.* settings, core-site.xml)"));
        rows.add(bad("an output URI without a folder", "output: hdfs://nn:8020/\n" + OK,
                "exp.yaml:1:9: output names no folder, only a file system: give one, like hdfs://nn:8020/runs/NAME"));
        rows.add(bad("an output URI with a query", "output: \"s3a://bucket/runs?x=1\"\n" + OK,
                "exp.yaml:1:9: output has a query or a fragment (? or #): give a folder, like"
                        + " hdfs://namenode:8020/runs/NAME"));
        rows.add(bad("an output URI that does not parse", "output: \"hdfs://nn:8020/runs x\"\n" + OK,
                "exp.yaml:1:9: output is not a valid URI (Illegal character in path at index 19): give a folder, like"
                        + " hdfs://namenode:8020/runs/NAME"));
        // ---- unknown keys
        rows.add(bad("misspelt top-level key", OK + "explainr:\n  samples: 32\n",
                "exp.yaml:3:1: unknown key 'explainr' at the top level: did you mean explainer?"));
        rows.add(bad("misspelt nested key", OK + "explainer:\n  sampels: 32\n",
                "exp.yaml:4:3: unknown key 'sampels' in explainer: did you mean samples?"));
        rows.add(bad("kebab-case key", OK + "explainer:\n  max-new-tokens: 8\n",
                "exp.yaml:4:3: unknown key 'max-new-tokens' in explainer: did you mean maxNewTokens?"));
        rows.add(bad("explainer setting at the top level", OK + "samples: 32\n",
                "exp.yaml:3:1: unknown key 'samples' at the top level: samples is an explainer setting: put it under"
                        + " explainer (a list of values makes it a grid axis)"));
        rows.add(bad("model setting in the explainer", OK + "explainer:\n  logprobs: 5\n",
                "exp.yaml:4:3: unknown key 'logprobs' in explainer: logprobs is a model setting: give it on the model"
                        + " entry, as in models: [{ref: ..., logprobs: ...}]"));
        rows.add(bad("unknown key, nothing near", OK + "colour: blue\n",
                "exp.yaml:3:1: unknown key 'colour' at the top level: the keys are name, description, seed, output,"
                        + " concurrency, executor, spark, models, cases, explainer, grid, seeds and metrics"));
        // ---- where the cells run
        rows.add(bad("misspelt executor", OK + "executor: sprak\n",
                "exp.yaml:3:11: unknown executor 'sprak': did you mean spark? choose local or spark"));
        rows.add(bad("executor not a name", OK + "executor: 2\n", "exp.yaml:3:11: executor takes a name, got 2"));
        rows.add(bad("spark settings with executor local", OK + "executor: local\nspark: {maxCallsPerExecutor: 4}\n",
                "exp.yaml:4:1: spark settings have no effect with executor: local: set executor: spark, or leave spark"
                        + " out"));
        rows.add(bad("misspelt spark key", OK + "spark: {maxCallsPerExecuter: 4}\n",
                "exp.yaml:3:9: unknown key 'maxCallsPerExecuter' in spark: did you mean maxCallsPerExecutor?"));
        rows.add(bad("spark calls out of range", OK + "spark: {maxCallsPerExecutor: 0}\n",
                "exp.yaml:3:30: maxCallsPerExecutor must be between 1 and 256, got 0"));
        rows.add(bad("misspelt key of a case", "models: [local:stories260K]\ncases: [{promt: x}]\n",
                "exp.yaml:2:10: unknown key 'promt' in a case: did you mean prompt?"));
        rows.add(bad("misspelt metric", OK + "metrics:\n  fidelty: {}\n",
                "exp.yaml:4:3: unknown key 'fidelty' in metrics: did you mean fidelity?"));
        rows.add(bad("misspelt metric option", OK + "metrics:\n  fidelity: {frsh: 3}\n",
                "exp.yaml:4:14: unknown key 'frsh' in fidelity: did you mean fresh?"));
        // ---- missing and empty
        rows.add(bad("models missing", "cases: [\"a\"]\n",
                "exp.yaml:1:1: models is missing: name the models to explain, as in models: [local:stories260K]"));
        rows.add(bad("cases missing", "models: [local:stories260K]\n",
                "exp.yaml:1:1: cases is missing: give the prompts to explain, as in cases: [\"Lily wanted to play with her"
                        + " red ball\"]"));
        rows.add(bad("empty models", "models: []\ncases: [\"a\"]\n",
                "exp.yaml:1:9: models is empty: give at least one, like models: [local:stories260K]"));
        rows.add(bad("empty model reference", "models: [\"\"]\ncases: [\"a\"]\n",
                "exp.yaml:1:10: a model reference is empty: give a model, like local:stories260K"));
        rows.add(bad("model entry without ref", "models: [{name: tiny}]\ncases: [\"a\"]\n",
                "exp.yaml:1:10: a model entry needs ref, the model reference, as in {name: tinygpt, ref: onnx:tinygpt}"));
        rows.add(bad("case without prompt", "models: [local:stories260K]\ncases: [{id: x}]\n",
                "exp.yaml:2:9: a case needs a prompt, as in {id: rain, prompt: \"Remove the rain.\"}, a file of prompts,"
                        + " as in {file: prompts.jsonl}, or a scenario suite, as in {suite: suites/driving.yaml}"));
        rows.add(bad("setting without value", OK + "explainer:\n  samples:\n",
                "exp.yaml:4:3: samples has no value: give one (a list of values varies it), or leave samples out"));
        rows.add(bad("empty axis", OK + "explainer:\n  samples: []\n",
                "exp.yaml:4:12: samples is an empty list: give the values to vary, as in samples: [32, 64], or leave"
                        + " samples out"));
        // ---- types
        rows.add(bad("word for a number", OK + "explainer:\n  samples: many\n",
                "exp.yaml:4:12: samples takes a whole number from 1 to 100000 or auto, got 'many'"));
        rows.add(bad("fraction for a whole number", OK + "explainer:\n  topK: 2.5\n",
                "exp.yaml:4:9: topK takes a whole number, got 2.5"));
        rows.add(bad("quoted number", OK + "explainer:\n  sampler: bernoulli\n  keep: \"0.5\"\n",
                "exp.yaml:5:9: keep takes a number, got '0.5' (a quoted text: remove the quotes)"));
        rows.add(bad("infinite number", OK + "explainer:\n  kernel: gaussian\n  sigma: .inf\n",
                "exp.yaml:5:10: sigma takes a finite number, got .inf"));
        rows.add(bad("number for a name", OK + "explainer:\n  units: 3\n",
                "exp.yaml:4:10: units takes a name, got 3"));
        rows.add(bad("list where a mapping goes", OK + "explainer: [samples, 32]\n",
                "exp.yaml:3:12: explainer takes a mapping of keys, like {preset: default, samples: 64}, got a list"));
        rows.add(bad("text seed", OK + "seed: abc\n", "exp.yaml:3:7: seed takes a whole number, got 'abc'"));
        rows.add(bad("seed beyond 64 bits", OK + "seed: 99999999999999999999\n",
                "exp.yaml:3:7: seed must be between -9223372036854775808 and 9223372036854775807, got 99999999999999999999"));
        rows.add(bad("no replicates", OK + "seeds: 0\n", "exp.yaml:3:8: seeds must be between 1 and 1000, got 0"));
        // ---- names of choices (Choice's own messages)
        rows.add(bad("misspelt kernel", OK + "explainer:\n  kernel: gausian\n",
                "exp.yaml:4:11: unknown kernel 'gausian': did you mean gaussian? choose shapley, gaussian, wmd or uniform"));
        rows.add(bad("misspelt value in an axis", OK + "explainer:\n  kernel: [shapley, gausian]\n",
                "exp.yaml:4:21: unknown kernel 'gausian': did you mean gaussian? choose shapley, gaussian, wmd or uniform"));
        rows.add(bad("surrogate as a reference", OK + "explainer:\n  reference: surrogate\n",
                "exp.yaml:4:14: unknown reference 'surrogate': choose shapley or loo (without reference the surrogate"
                        + " explains)"));
        // ---- the spec's refusals, where they happen
        rows.add(bad("sgd with the shapley kernel", OK + "explainer:\n  surrogate: sgd\n  kernel: shapley\n",
                "exp.yaml:4:14: surrogate sgd cannot hold the Shapley kernel's efficiency constraint exactly: use"
                        + " surrogate: wls, or kernel: gaussian (as preset: thesis does)"));
        rows.add(bad("sgd with the shapley kernel at one grid point", OK
                        + "explainer:\n  surrogate: sgd\n  kernel: [gaussian, shapley]\n",
                "exp.yaml:5:22: at grid point kernel=shapley: surrogate sgd cannot hold the Shapley kernel's efficiency"
                        + " constraint exactly: use surrogate: wls, or kernel: gaussian (as preset: thesis does); or leave"
                        + " the point out with grid: exclude: [{kernel: shapley}]"));
        rows.add(bad("keep without effect at one grid point", OK
                        + "explainer:\n  keep: 0.3\n  sampler: [bernoulli, strata]\n",
                "exp.yaml:5:24: at grid point sampler=strata: keep has no effect with sampler: strata: it is the keep"
                        + " probability of the bernoulli, paired-bernoulli and fixed samplers; leave keep out, or choose one"
                        + " of those with sampler; or leave the point out with grid: exclude: [{sampler: strata}]"));
        rows.add(bad("value out of the spec's range in an axis", OK
                        + "explainer:\n  sampler: bernoulli\n  keep: [0.5, 1.5]\n",
                "exp.yaml:5:15: at grid point keep=1.5: keep must be strictly between 0 and 1, got 1.5: try keep: 0.5"));
        rows.add(bad("maxSamples without auto", OK + "explainer:\n  maxSamples: 100\n",
                "exp.yaml:4:15: maxSamples has no effect without samples: auto: it caps the automatic budget; leave"
                        + " maxSamples out, or give samples: auto"));
        // ---- grid
        rows.add(bad("value twice in an axis", OK + "explainer:\n  samples: [32, 32]\n",
                "exp.yaml:4:17: samples lists 32 twice (first at line 4): remove one"));
        rows.add(bad("zip of unequal lengths", OK
                        + "explainer:\n  samples: [32, 64]\n  kernel: [shapley, gaussian, uniform]\ngrid:\n  zip: [[samples, kernel]]\n",
                "exp.yaml:7:9: zip [samples, kernel] varies lists of different lengths: samples has 2 values, kernel 3;"
                        + " give them equal lengths, or leave them out of zip"));
        rows.add(bad("zip not in groups", OK
                        + "explainer:\n  samples: [32, 64]\n  kernel: [shapley, gaussian]\ngrid:\n  zip: [samples, kernel]\n",
                "exp.yaml:7:9: zip takes a list of groups, each a list of axes varied together, like zip: [[samples,"
                        + " kernel]], got 'samples'"));
        rows.add(bad("zip naming a fixed setting", OK
                        + "explainer:\n  samples: [32, 64]\n  kernel: gaussian\ngrid:\n  zip: [[samples, kernel]]\n",
                "exp.yaml:7:19: zip names kernel, which has one value: only settings given as a list are grid axes"
                        + " (samples); give kernel a list to vary it"));
        rows.add(bad("exclude naming an unknown axis", OK
                        + "explainer:\n  samples: [32, 64]\n  kernel: [shapley, gaussian]\ngrid:\n  exclude:\n    - {kernl: gaussian}\n",
                "exp.yaml:8:8: exclude names 'kernl', which is not a grid axis: did you mean kernel? the axes are samples"
                        + " and kernel"));
        rows.add(bad("exclude with a value not on the axis", OK
                        + "explainer:\n  samples: [32, 64]\ngrid:\n  exclude:\n    - {samples: 16}\n",
                "exp.yaml:7:17: exclude samples 16 is not a value of the samples axis (32, 64)"));
        rows.add(bad("exclude that removes everything", OK
                        + "explainer:\n  samples: [32, 64]\ngrid:\n  exclude:\n    - {samples: 32}\n    - {samples: 64}\n",
                "exp.yaml:6:3: grid exclude removes every grid point: leave at least one"));
        rows.add(bad("exclude of zipped values that never meet", OK
                        + "explainer:\n  samples: [32, 64]\n  kernel: [shapley, gaussian]\ngrid:\n  zip: [[samples, kernel]]\n"
                        + "  exclude:\n    - {samples: 32, kernel: gaussian}\n",
                "exp.yaml:9:7: this exclude matches no grid point (zipped axes vary together): remove it"));
        rows.add(bad("grid without axes", OK + "explainer:\n  samples: 32\ngrid:\n  zip: [[samples, kernel]]\n",
                "exp.yaml:5:1: grid has nothing to combine: no explainer setting is a list; vary one with a list, as in"
                        + " samples: [32, 64], or leave grid out"));
        // ---- models
        rows.add(bad("two models with one name", "models: [local:stories260K, {name: stories260K, ref: onnx:stories260K-onnx}]\n"
                        + "cases: [\"a\"]\n",
                "exp.yaml:1:36: two models are named stories260K (the other at line 1): give one a name of its own, as in"
                        + " {name: stories260K-2, ref: ...}"));
        rows.add(bad("the same model twice", "models:\n  - local:stories260K\n  - {name: again, ref: local:stories260K}\n"
                        + "cases: [\"a\"]\n",
                "exp.yaml:3:5: this model is the one at line 2 again, with the same settings: its explanations would be the"
                        + " same; remove one"));
        rows.add(bad("client setting on a local model", "models: [{ref: local:stories260K, logprobs: 5}]\ncases: [\"a\"]\n",
                "exp.yaml:1:35: logprobs has no effect with local:stories260K: it configures calls to a server (openai:"
                        + " and ollama: models); leave logprobs out"));
        rows.add(bad("client setting out of range", "models: [{ref: \"openai:http://h/v1#m\", logprobs: 50}]\ncases: [\"a\"]\n",
                "exp.yaml:1:50: logprobs must be between 1 and 20 (or 0 for none), got 50: try logprobs: 5"));
        rows.add(bad("bad model name", "models: [{name: my model, ref: local:stories260K}]\ncases: [\"a\"]\n",
                "exp.yaml:1:17: model name 'my model' must be letters, digits, '.', '_' or '-' (at most 64, starting with a"
                        + " letter or digit): it names files of the report"));
        // ---- cases
        rows.add(bad("case id twice", "models: [local:stories260K]\ncases: [{id: a, prompt: x}, {id: a, prompt: y}]\n",
                "exp.yaml:2:34: case id a is used twice (first at exp.yaml:2): give each case its own id"));
        rows.add(bad("relevant word not in the prompt", "models: [local:stories260K]\n"
                        + "cases: [{prompt: \"Remove the rain.\", relevant: [rian]}]\n",
                "exp.yaml:2:49: relevant word 'rian' does not occur in the prompt: give words of the prompt (remove, the,"
                        + " rain)"));
        rows.add(bad("missing cases file", "models: [local:stories260K]\ncases:\n  - {file: nope.jsonl}\n",
                "exp.yaml:3:12: cases file nope.jsonl does not exist: check the name; a relative path starts at the"
                        + " experiment file's folder"));
        rows.add(bad("cases file of another kind", "models: [local:stories260K]\ncases:\n  - {file: prompts.txt}\n",
                "exp.yaml:3:12: cases file prompts.txt must be .jsonl (one {\"prompt\": ...} per line) or .csv (a header"
                        + " prompt,relevant,id); rename it, or convert it", "prompts.txt", "hello\n"));
        rows.add(bad("empty cases file", "models: [local:stories260K]\ncases:\n  - {file: prompts.jsonl}\n",
                "exp.yaml:3:12: cases file prompts.jsonl holds no case: write one JSON object per line, like {\"prompt\":"
                        + " \"Lily wanted to play\"}", "prompts.jsonl", "\n\n"));
        rows.add(bad("bad JSONL row: misspelt key", "models: [local:stories260K]\ncases:\n  - {file: prompts.jsonl}\n",
                "prompts.jsonl:2: unknown key 'relevnt': did you mean relevant?",
                "prompts.jsonl", "{\"prompt\": \"a b c\"}\n{\"prompt\": \"x\", \"relevnt\": [\"x\"]}\n"));
        rows.add(bad("bad JSONL row: not JSON", "models: [local:stories260K]\ncases:\n  - {file: prompts.jsonl}\n",
                "prompts.jsonl:3:16: not valid JSON: Unexpected character (',' (code 44)): was expecting double-quote to"
                        + " start field name; write one object per line, like {\"prompt\": \"...\"}",
                "prompts.jsonl", "{\"prompt\": \"a b c\"}\n\n{\"prompt\": \"x\",, }\n"));
        rows.add(bad("bad JSONL row: relevant not a list", "models: [local:stories260K]\ncases:\n  - {file: p.jsonl}\n",
                "p.jsonl:1: relevant takes a list of words, like \"relevant\": [\"rain\"], got \"rain\"",
                "p.jsonl", "{\"prompt\": \"Remove the rain\", \"relevant\": \"rain\"}\n"));
        rows.add(bad("bad CSV row: too many fields", "models: [local:stories260K]\ncases:\n  - {file: prompts.csv}\n",
                "prompts.csv:4: the row has 4 fields, the header 2 (prompt,relevant): put a field that holds a comma in"
                        + " double quotes",
                "prompts.csv", "prompt,relevant\nhello world,world\n\"Hello, there\",there\nA, b, c,d\n"));
        rows.add(bad("bad CSV row: relevant word not in the prompt", "models: [local:stories260K]\ncases:\n  - {file: p.csv}\n",
                "p.csv:4: relevant word 'ball' does not occur in the prompt: give words of the prompt (lily, played)",
                "p.csv", "prompt,relevant\n\"Lily played\nall day\",day\nLily played,ball\n"));
        rows.add(bad("bad CSV header", "models: [local:stories260K]\ncases:\n  - {file: p.csv}\n",
                "p.csv:1: unknown column 'promt' in the header: did you mean prompt? the first row names the columns:"
                        + " prompt, and optionally relevant and id", "p.csv", "promt,id\nx,y\n"));
        rows.add(bad("bad CSV: quote not closed", "models: [local:stories260K]\ncases:\n  - {file: p.csv}\n",
                "p.csv:2: a quoted field is not closed: end it with a double quote (write a quote inside it as \"\")",
                "p.csv", "prompt\n\"Lily played\nall day\n"));
        // ---- metrics
        rows.add(bad("modelAccuracy missing a model", "models: [local:stories260K, onnx:tinygpt, onnx:tinylstm]\n"
                        + "cases: [{prompt: \"a b\", relevant: [a]}]\n"
                        + "metrics:\n  faithfulness: {modelAccuracy: {stories260K: 0.3, tinygpt: 0.2}}\n",
                "exp.yaml:4:18: faithfulness.modelAccuracy has no accuracy for tinylstm: give one for every model"
                        + " (stories260K, tinygpt and tinylstm)"));
        rows.add(bad("modelAccuracy naming another model", "models: [local:stories260K, onnx:tinygpt]\n"
                        + "cases: [{prompt: \"a b\", relevant: [a]}]\n"
                        + "metrics:\n  faithfulness: {modelAccuracy: {stories260K: 0.3, tinygtp: 0.2}}\n",
                "exp.yaml:4:52: faithfulness.modelAccuracy names 'tinygtp', which is not a model of this experiment: did"
                        + " you mean tinygpt? the models are stories260K and tinygpt"));
        rows.add(bad("modelAccuracy out of range", "models: [local:stories260K, onnx:tinygpt]\n"
                        + "cases: [{prompt: \"a b\", relevant: [a]}]\n"
                        + "metrics:\n  faithfulness: {modelAccuracy: {stories260K: 31, tinygpt: 0.2}}\n",
                "exp.yaml:4:47: faithfulness.modelAccuracy.stories260K is an accuracy, between 0 and 1, got 31"));
        rows.add(bad("accuracy without ground truth or exact Shapley values", OK
                        + "metrics:\n  accuracy: {exactShapley: false}\n",
                "exp.yaml:4:3: accuracy needs ground truth and no case has any: give cases their relevant words, as in"
                        + " {id: rain, prompt: \"Remove the rain.\", relevant: [rain]}, or leave accuracy out"));
        rows.add(bad("one consistency run", OK + "metrics:\n  consistency: {runs: 1}\n",
                "exp.yaml:4:23: consistency.runs must be between 2 and 1000, got 1"));
        rows.add(bad("misspelt stability change", OK + "metrics:\n  stability: {changes: [start, midle]}\n",
                "exp.yaml:4:32: unknown changes 'midle': did you mean middle? choose start, middle, end or punctuation"));
        rows.add(bad("yes for a boolean", "models: [local:stories260K]\ncases: [{prompt: \"a b\", relevant: [a]}]\n"
                        + "metrics:\n  accuracy: {exactShapley: yes}\n",
                "exp.yaml:4:28: accuracy.exactShapley takes true or false, got 'yes'"));
        rows.add(bad("stability words without insertions", OK
                        + "metrics:\n  stability: {changes: [punctuation], words: [please]}\n",
                "exp.yaml:4:39: stability.words has no effect without start, middle or end in stability.changes: they"
                        + " are the words those changes insert; leave words out"));
        return rows.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void reportsOneLineAtThePosition(Bad bad) throws IOException {
        Path file = write(bad);
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(file));
        String message = e.getMessage().replace(dir + java.io.File.separator, "");
        assertEquals(bad.message(), message);
        assertFalse(message.contains("\n"), "one line");
    }

    @Test
    void tableHasAtLeast25Rows() {
        assertTrue(badFiles().count() >= 25);
    }

    private Path write(Bad bad) throws IOException {
        for (Map.Entry<String, String> f : bad.files().entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, bad.yaml(), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void missingFile() {
        ExperimentFileException e = assertThrows(ExperimentFileException.class,
                () -> ExperimentFile.load(dir.resolve("nope.yaml")));
        assertEquals(dir.resolve("nope.yaml") + ": no such file: check the name (a relative path starts at the current"
                + " directory)", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void folderForAFile() {
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(dir));
        assertEquals(dir + ": is a folder, not an experiment file: name a .yaml file", e.getMessage());
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = dir.resolve("exp.yaml");
        Files.writeString(file, OK);
        assertTrue(file.toFile().setReadable(false));
        try {
            if (Files.isReadable(file)) {
                return;   // running as root: permissions are not enforced
            }
            ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(file));
            assertEquals(file + ": cannot be read: permission denied", e.getMessage());
        } finally {
            file.toFile().setReadable(true);
        }
    }

    @Test
    void notUtf8() throws IOException {
        Path file = dir.resolve("exp.yaml");
        byte[] bytes = (OK + "description: caf").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        latin1[bytes.length] = (byte) 0xE9;
        latin1[bytes.length + 1] = '\n';
        Files.write(file, latin1);
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(file));
        assertEquals(file + ":3: is not UTF-8 text (byte " + (bytes.length + 1) + "): save it as UTF-8", e.getMessage());
    }

    @Test
    void positionAndTemplateAreKeptApart() throws IOException {
        Path file = write(bad("x", OK + "explainer:\n  maxSamples: 100\n", ""));
        ExperimentFileException e = assertThrows(ExperimentFileException.class, () -> ExperimentFile.load(file));
        assertEquals(4, e.line());
        assertEquals(15, e.column());
        assertEquals(file.toString(), e.file());
        assertTrue(e.what().startsWith("{maxSamples} has no effect without {samples=auto}"), e.what());
        // Another front end names settings its own way; the position stays as it is.
        assertTrue(e.render((k, v) -> "--" + k + (v == null ? "" : " " + v))
                .startsWith(file + ":4:15: --maxSamples has no effect without --samples auto"));
    }
}
