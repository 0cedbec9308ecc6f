package org.gsmile.experiments.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.gsmile.core.UserInputException;
import org.gsmile.odd.ScenarioCase;
import org.gsmile.odd.Strategy;
import org.gsmile.odd.Suite;
import org.gsmile.odd.SuiteOptions;
import org.gsmile.odd.Taxonomy;
import org.gsmile.odd.TaxonomyException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The {@code cases} section: prompts written inline, the rows of JSONL and CSV files it names, and
 * the cases of the scenario suites it names ({@code {suite: suites/driving.yaml, strategy: pairwise}}),
 * each with an id unique in the experiment and its relevant words checked against its prompt.
 */
final class CasesSection {
    static final List<String> KEYS = List.of("id", "prompt", "relevant", "file", "suite", "strategy", "t", "n", "seed");
    /** The keys of a suite entry besides {@code suite}: they say how its cases are generated. */
    static final List<String> SUITE_OPTIONS = List.of("strategy", "t", "n", "seed");
    static final List<String> ROW_KEYS = List.of("prompt", "relevant", "id");
    /** Case ids name files of the report: letters, digits, '.', '_' and '-'. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectReader JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Nodes nodes;
    private final Path experimentFile;
    private final long experimentSeed;
    private final List<CaseEntry> cases = new ArrayList<>();
    private final List<SuiteSource> suites = new ArrayList<>();
    private final Map<String, String> idSources = new LinkedHashMap<>();

    private CasesSection(Nodes nodes, Path experimentFile, long experimentSeed) {
        this.nodes = nodes;
        this.experimentFile = experimentFile;
        this.experimentSeed = experimentSeed;
    }

    /** The cases, and the suites some of them came from. */
    record Cases(List<CaseEntry> cases, List<SuiteSource> suites) {
        Cases {
            cases = List.copyOf(cases);
            suites = List.copyOf(suites);
        }
    }

    /** The cases of the section; a suite's {@code seed} defaults to the experiment seed. */
    static Cases read(Nodes nodes, Path experimentFile, Node value, long experimentSeed) {
        CasesSection s = new CasesSection(nodes, experimentFile, experimentSeed);
        List<Node> entries = nodes.list(value, "cases", ", like cases: [\"Lily wanted to play with her red ball\"]");
        for (int i = 0; i < entries.size(); i++) {
            s.entry(entries.get(i), i + 1);
        }
        return new Cases(s.cases, s.suites);
    }

    static List<CaseEntry> read(Nodes nodes, Path experimentFile, Node value) {
        return read(nodes, experimentFile, value, Experiment.DEFAULT_SEED).cases();
    }

    private void entry(Node n, int position) {
        String source = nodes.file + ":" + Nodes.line(n);
        if (n instanceof ScalarNode) {
            String prompt = nodes.nonBlank(n, "a case", "a prompt, or leave the entry out");
            add(new CaseEntry("case-" + position, prompt, List.of(), source), n, null);
            return;
        }
        MappingNode m = nodes.mapping(n, "a case", " like {id: rain, prompt: \"...\", relevant: [rain]}, or a prompt");
        Map<String, NodeTuple> e = nodes.entries(m, "a case", KEYS, null);
        if (e.containsKey("suite")) {
            for (String other : List.of("file", "prompt", "relevant")) {
                if (e.containsKey(other)) {
                    throw nodes.error(e.get(other).getKeyNode(), "a cases entry with suite takes no " + other + ": the"
                            + " suite's templates give prompts and relevant words; write this case as an entry of its"
                            + " own");
                }
            }
            suite(m, e);
            return;
        }
        for (String option : SUITE_OPTIONS) {
            if (e.containsKey(option)) {
                throw nodes.error(e.get(option).getKeyNode(), option + " is an option of a scenario suite, as in {suite:"
                        + " suites/driving.yaml, strategy: pairwise}; a prompt or a file of prompts takes none");
            }
        }
        if (e.containsKey("file")) {
            for (String other : List.of("id", "prompt", "relevant")) {
                if (e.containsKey(other)) {
                    throw nodes.error(e.get(other).getKeyNode(), "a cases entry with file takes no " + other + ": the"
                            + " file's rows give prompt, relevant and id; write this case as an entry of its own");
                }
            }
            file(e.get("file").getValueNode());
            return;
        }
        if (!e.containsKey("prompt")) {
            throw nodes.error(n, "a case needs a prompt, as in {id: rain, prompt: \"Remove the rain.\"}, a file of"
                    + " prompts, as in {file: prompts.jsonl}, or a scenario suite, as in {suite: suites/driving.yaml}");
        }
        Node p = e.get("prompt").getValueNode();
        String prompt = nodes.nonBlank(p, "prompt", "the text to explain");
        String id = "case-" + position;
        Node idNode = null;
        if (e.containsKey("id")) {
            idNode = e.get("id").getValueNode();
            id = nodes.text(idNode, "id");
            if (!ID.matcher(id).matches()) {
                throw nodes.error(idNode, badId(id));
            }
        }
        List<String> relevant = List.of();
        if (e.containsKey("relevant")) {
            relevant = new ArrayList<>();
            for (Node w : nodes.list(e.get("relevant").getValueNode(), "relevant",
                    " of the words that matter, like relevant: [rain]")) {
                String word = nodes.nonBlank(w, "a relevant word", "a word of the prompt");
                String wrong = checkWord(word, prompt);
                if (wrong != null) {
                    throw nodes.error(w, wrong);
                }
                relevant.add(word);
            }
        }
        add(new CaseEntry(id, prompt, relevant, source), idNode != null ? idNode : n, null);
    }

    private static String badId(String id) {
        return "case id '" + id + "' must be letters, digits, '.', '_' or '-' (at most 64, starting with a letter or"
                + " digit): it names files of the report";
    }

    /** Adds a case whose id must be new; the error goes to {@code at} (a node) or, for a row, to {@code row}. */
    private void add(CaseEntry c, Node at, Row row) {
        String before = idSources.putIfAbsent(c.id(), c.source());
        if (before != null) {
            String what = "case id " + c.id() + " is used twice (first at " + before + "): give each case its own id";
            throw at != null ? nodes.error(at, what) : row.error(what);
        }
        cases.add(c);
    }

    // ---- relevant words ----------------------------------------------------------------------

    /**
     * Null when the word occurs in the prompt, else what is wrong. Words are compared as the metrics
     * compare them: lower-cased, letters, marks and digits, punctuation at either end stripped; a word
     * of several pieces must occur as a run.
     */
    static String checkWord(String word, String prompt) {
        List<String> w = pieces(word);
        if (w.isEmpty()) {
            return "relevant word '" + word + "' has no letter or digit: give words of the prompt";
        }
        List<String> p = pieces(prompt);
        for (int i = 0; i + w.size() <= p.size(); i++) {
            if (p.subList(i, i + w.size()).equals(w)) {
                return null;
            }
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(p));
        String listed = String.join(", ", distinct.size() <= 12 ? distinct : distinct.subList(0, 12))
                + (distinct.size() > 12 ? ", ..." : "");
        return "relevant word '" + word + "' does not occur in the prompt: give words of the prompt (" + listed + ")";
    }

    private static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        for (String piece : text.strip().split("\\s+")) {
            String s = strip(piece.toLowerCase(Locale.ROOT));
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !wordChar(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && !wordChar(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    private static boolean wordChar(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                || Character.getType(cp) == Character.ENCLOSING_MARK;
    }

    // ---- scenario suites ---------------------------------------------------------------------

    /**
     * {@code {suite: FILE, strategy, t, n, seed, id}}: the cases a taxonomy generates. The taxonomy's
     * own mistakes keep their position in it; the options' are reported here.
     */
    private void suite(MappingNode m, Map<String, NodeTuple> e) {
        Node fileNode = e.get("suite").getValueNode();
        String name = nodes.nonBlank(fileNode, "suite", "a scenario taxonomy file, like suites/driving.yaml");
        Path path;
        try {
            Path given = Path.of(name);
            path = given.isAbsolute() ? given : experimentFile.resolveSibling(given).normalize();
        } catch (java.nio.file.InvalidPathException x) {
            throw nodes.error(fileNode, "suite file '" + name + "' is not a valid path: " + x.getReason());
        }
        String display = path.toString();
        if (Files.isDirectory(path)) {
            throw nodes.error(fileNode, "suite file " + display + " is a folder: name a taxonomy .yaml file");
        }
        if (!Files.exists(path)) {
            throw nodes.error(fileNode, "suite file " + display + " does not exist: check the name; a relative path"
                    + " starts at the experiment file's folder");
        }
        Strategy strategy = Strategy.PAIRWISE;
        Node strategyNode = e.containsKey("strategy") ? e.get("strategy").getValueNode() : null;
        if (strategyNode != null) {
            String s = nodes.name(strategyNode, "strategy");
            try {
                strategy = Strategy.of(s);
            } catch (UserInputException x) {
                throw nodes.error(strategyNode, x.render(ExperimentFileException::yaml));
            }
        }
        Node tNode = e.containsKey("t") ? e.get("t").getValueNode() : null;
        Node nNode = e.containsKey("n") ? e.get("n").getValueNode() : null;
        Node seedNode = e.containsKey("seed") ? e.get("seed").getValueNode() : null;
        if (tNode != null && strategy != Strategy.PAIRWISE) {
            throw nodes.error(e.get("t").getKeyNode(), "t is the covering strength of strategy: pairwise; "
                    + strategy.label() + " takes none: leave t out");
        }
        if (nNode != null && strategy != Strategy.RANDOM) {
            throw nodes.error(e.get("n").getKeyNode(), "n is the number of cases of strategy: random; "
                    + strategy.label() + " makes as many as it needs: leave n out");
        }
        if (seedNode != null && strategy == Strategy.FACTORIAL) {
            throw nodes.error(e.get("seed").getKeyNode(), "seed has no effect on strategy: factorial, which takes"
                    + " every allowed scenario: leave seed out");
        }
        if (strategy == Strategy.RANDOM && nNode == null) {
            throw nodes.error(m, "strategy: random needs the number of cases: give n, as in {suite: " + name
                    + ", strategy: random, n: 20}");
        }
        int t = tNode == null ? SuiteOptions.DEFAULT_T : nodes.wholeInt(tNode, "t", 2, 1000, "a whole number");
        Integer n = nNode == null ? null : nodes.wholeInt(nNode, "n", 1, (int) ExperimentFile.MAX_CELLS,
                "a whole number");
        long seed = seedNode == null ? experimentSeed
                : nodes.whole(seedNode, "seed", Long.MIN_VALUE, Long.MAX_VALUE, "a whole number");
        String prefix = null;
        Node idNode = null;
        if (e.containsKey("id")) {
            idNode = e.get("id").getValueNode();
            prefix = nodes.text(idNode, "id");
            if (!ID.matcher(prefix).matches() || prefix.length() > 40) {
                throw nodes.error(idNode, "id '" + prefix + "' of a suite starts its cases' ids: letters, digits,"
                        + " '.', '_' or '-', at most 40, starting with a letter or digit");
            }
        }
        Taxonomy taxonomy;
        try {
            taxonomy = Taxonomy.load(path);
        } catch (TaxonomyException x) {
            throw new ExperimentFileException(x.file(), x.line(), x.column(), x.what(), x);
        }
        Suite suite;
        try {
            suite = taxonomy.expand(new SuiteOptions(strategy, t, n, seed, prefix));
        } catch (TaxonomyException x) {
            throw new ExperimentFileException(x.file(), x.line(), x.column(), x.what(), x);
        } catch (UserInputException x) {
            String template = x.template();
            Node at = template.contains("{t") && tNode != null ? tNode
                    : template.contains("{n") && nNode != null ? nNode : fileNode;
            throw nodes.error(at, x.render(ExperimentFileException::yaml));
        }
        String source = nodes.file + ":" + Nodes.line(m);
        List<String> ids = new ArrayList<>();
        for (ScenarioCase c : suite.cases()) {
            for (String w : c.relevant()) {
                String wrong = checkWord(w, c.prompt());
                if (wrong != null) {
                    throw nodes.error(fileNode, "case " + c.id() + " of suite " + display + ": " + wrong);
                }
            }
            String before = idSources.get(c.id());
            if (before != null) {
                throw nodes.error(idNode != null ? idNode : fileNode, "case id " + c.id() + " of suite " + display
                        + " is used twice (first at " + before + "): give this entry an id, the start of its cases'"
                        + " ids, as in {suite: " + name + ", id: " + suite.taxonomy().name() + "2}");
            }
            add(new CaseEntry(c.id(), c.prompt(), c.relevant(), source, c.scenario(), c.scene()), fileNode, null);
            ids.add(c.id());
        }
        suites.add(new SuiteSource(display, source, suite, ids));
    }

    // ---- files -------------------------------------------------------------------------------

    /** A row of a cases file, for errors {@code FILE:LINE: ...}. */
    private record Row(String file, int line) {
        ExperimentFileException error(String what) {
            return new ExperimentFileException(file, line, 0, what);
        }

        String source() {
            return file + ":" + line;
        }
    }

    private void file(Node n) {
        String name = nodes.nonBlank(n, "file", "a JSONL or CSV file of prompts, like prompts.jsonl");
        Path path;
        try {
            Path given = Path.of(name);
            path = given.isAbsolute() ? given : experimentFile.resolveSibling(given).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw nodes.error(n, "cases file '" + name + "' is not a valid path: " + e.getReason());
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean jsonl = lower.endsWith(".jsonl");
        if (!jsonl && !lower.endsWith(".csv")) {
            throw nodes.error(n, "cases file " + name + " must be .jsonl (one {\"prompt\": ...} per line) or .csv (a"
                    + " header prompt,relevant,id); rename it, or convert it");
        }
        String display = path.toString();
        String text;
        try {
            if (Files.isDirectory(path)) {
                throw nodes.error(n, "cases file " + display + " is a folder: name a .jsonl or .csv file");
            }
            text = ExperimentFile.decode(Files.readAllBytes(path), display);
        } catch (NoSuchFileException e) {
            throw nodes.error(n, "cases file " + display + " does not exist: check the name; a relative path starts at"
                    + " the experiment file's folder");
        } catch (AccessDeniedException e) {
            throw nodes.error(n, "cases file " + display + " cannot be read: permission denied");
        } catch (IOException e) {
            throw nodes.error(n, "cases file " + display + " cannot be read: " + e.getMessage());
        }
        String stem = path.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "-")
                .replaceFirst("^[^A-Za-z0-9]+", "");
        if (stem.isEmpty()) {
            stem = "case";
        }
        stem = stem.length() > 50 ? stem.substring(0, 50) : stem;
        int before = cases.size();
        if (jsonl) {
            jsonl(text, display, stem);
        } else {
            csv(text, display, stem);
        }
        if (cases.size() == before) {
            throw nodes.error(n, "cases file " + display + " holds no case: " + (jsonl
                    ? "write one JSON object per line, like {\"prompt\": \"Lily wanted to play\"}"
                    : "write a header prompt[,relevant][,id] and one row per case"));
        }
    }

    private void jsonl(String text, String display, String stem) {
        String[] lines = text.split("\r?\n|\r", -1);
        int number = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Row row = new Row(display, i + 1);
            JsonNode node;
            try {
                node = JSON.readValue(lines[i]);
            } catch (JsonProcessingException e) {
                String message = e.getOriginalMessage().lines().findFirst().orElse("").strip();
                int column = e.getLocation() == null ? 0 : Math.max(1, e.getLocation().getColumnNr());
                throw new ExperimentFileException(display, i + 1, column,
                        "not valid JSON: " + message + "; write one object per line, like {\"prompt\": \"...\"}");
            } catch (IOException e) {
                throw row.error("cannot be read: " + e.getMessage());
            }
            if (!node.isObject()) {
                throw row.error("a row is a JSON object, like {\"prompt\": \"...\", \"relevant\": [\"...\"]}, got "
                        + node.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!ROW_KEYS.contains(key)) {
                    String near = Nodes.nearest(key, ROW_KEYS);
                    throw row.error("unknown key '" + key + "': " + (near != null ? "did you mean " + near + "?"
                            : "the keys are prompt, relevant and id"));
                }
            }
            number++;
            JsonNode p = node.get("prompt");
            if (p == null || p.isNull()) {
                throw row.error("the row has no prompt: give {\"prompt\": \"...\"}");
            }
            if (!p.isTextual()) {
                throw row.error("prompt takes a text (in quotes), got " + p);
            }
            List<String> relevant = new ArrayList<>();
            JsonNode r = node.get("relevant");
            if (r != null && !r.isNull()) {
                if (!r.isArray()) {
                    throw row.error("relevant takes a list of words, like \"relevant\": [\"rain\"], got " + r);
                }
                for (JsonNode w : r) {
                    if (!w.isTextual()) {
                        throw row.error("relevant takes words (in quotes), got " + w);
                    }
                    relevant.add(w.asText());
                }
            }
            JsonNode id = node.get("id");
            if (id != null && !id.isNull() && !id.isTextual() && !id.isIntegralNumber()) {
                throw row.error("id takes a text, got " + id);
            }
            row(row, p.asText(), relevant, id == null || id.isNull() ? null : id.asText(), stem + "-" + number);
        }
    }

    private void row(Row row, String prompt, List<String> relevant, String id, String defaultId) {
        if (prompt.isBlank()) {
            throw row.error("the prompt is empty: give the text to explain");
        }
        for (String w : relevant) {
            if (w.isBlank()) {
                throw row.error("a relevant word is empty: give words of the prompt");
            }
            String wrong = checkWord(w, prompt);
            if (wrong != null) {
                throw row.error(wrong);
            }
        }
        if (id != null && !ID.matcher(id).matches()) {
            throw row.error(badId(id));
        }
        add(new CaseEntry(id != null ? id : defaultId, prompt, relevant, row.source()), null, row);
    }

    /** One record of a CSV file: the line it starts on and its fields. */
    private record Record(int line, List<String> fields) {
    }

    private void csv(String text, String display, String stem) {
        List<Record> records = records(text, display);
        if (records.isEmpty()) {
            return;
        }
        Record header = records.get(0);
        Row headerRow = new Row(display, header.line);
        List<String> columns = new ArrayList<>();
        for (String f : header.fields) {
            String name = f.strip();
            if (!ROW_KEYS.contains(name)) {
                String near = Nodes.nearest(name, ROW_KEYS);
                throw headerRow.error("unknown column '" + name + "' in the header: " + (near != null ? "did you mean "
                        + near + "? " : "") + "the first row names the columns: prompt, and optionally relevant and id");
            }
            if (columns.contains(name)) {
                throw headerRow.error("the header names " + name + " twice: name each column once");
            }
            columns.add(name);
        }
        if (!columns.contains("prompt")) {
            throw headerRow.error("the header has no prompt column: the first row names the columns, as in"
                    + " prompt,relevant,id");
        }
        int number = 0;
        for (Record rec : records.subList(1, records.size())) {
            Row row = new Row(display, rec.line);
            if (rec.fields.size() != columns.size()) {
                throw row.error("the row has " + rec.fields.size() + (rec.fields.size() == 1 ? " field" : " fields")
                        + ", the header " + columns.size() + " (" + String.join(",", columns) + "): put a field that holds"
                        + " a comma in double quotes");
            }
            number++;
            Map<String, String> v = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                v.put(columns.get(i), rec.fields.get(i));
            }
            List<String> relevant = new ArrayList<>();
            String r = v.get("relevant");
            if (r != null) {
                for (String w : r.split(";")) {
                    if (!w.isBlank()) {
                        relevant.add(w.strip());
                    }
                }
            }
            String id = v.get("id");
            id = id == null || id.isBlank() ? null : id.strip();
            row(row, v.get("prompt"), relevant, id, stem + "-" + number);
        }
    }

    /**
     * The records of an RFC 4180 CSV text: fields separated by commas, a field in double quotes may
     * hold commas, line breaks and doubled quotes; blank lines are skipped.
     */
    static List<Record> records(String text, String display) {
        List<Record> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            boolean anyQuoted = false;
            while (true) {
                StringBuilder f = new StringBuilder();
                if (i < n && text.charAt(i) == '"') {
                    anyQuoted = true;
                    int opened = line;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new ExperimentFileException(display, opened, 0, "a quoted field is not closed: end it"
                                    + " with a double quote (write a quote inside it as \"\")");
                        }
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                f.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\n' || (c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
                            line++;
                        }
                        f.append(c);
                        i++;
                    }
                    if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw new ExperimentFileException(display, line, 0, "text after the closing quote of a field:"
                                + " put the whole field in quotes, and write a quote inside it as \"\"");
                    }
                } else {
                    while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        if (text.charAt(i) == '"') {
                            throw new ExperimentFileException(display, line, 0, "a field that holds a double quote must"
                                    + " be in double quotes, with the quote written as \"\"");
                        }
                        f.append(text.charAt(i++));
                    }
                }
                fields.add(f.toString());
                if (i < n && text.charAt(i) == ',') {
                    i++;
                    continue;
                }
                break;
            }
            if (i < n && text.charAt(i) == '\r') {
                i++;
            }
            if (i < n && text.charAt(i) == '\n') {
                i++;
            }
            line++;
            boolean blank = !anyQuoted && fields.size() == 1 && fields.get(0).isBlank();
            if (!blank) {
                out.add(new Record(start, fields));
            }
        }
        return out;
    }
}
