package org.gsmile.odd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A scenario taxonomy, read from a YAML file and checked: dimensions grouped in a hierarchy, their
 * values and the texts those values give template slots, exclusion constraints, the input scenes of
 * an image-editing suite, and the templates that turn each allowed scenario into a prompt or an
 * editing instruction with its ground-truth relevant words. {@link #expand} generates a suite from it.
 *
 * <pre>
 * suite: driving                       # optional; default the file name without .yaml; starts every case id
 * description: "..."                   # optional
 * dimensions:                          # group -&gt; dimension -&gt; values
 *   environment:                       #   a group (ODD: scenery, environment, dynamic; any name)
 *     weather:                         #   a dimension: letters, digits, _ and -, unique
 *       values: [clear, rainy, snowy, foggy]
 *       noun: {rainy: rain, snowy: snow, foggy: haze}   # an attribute: {weather.noun} in a template
 *     time: [day, dusk, night]         #   values alone: a list
 * exclude:                             # optional: partial assignments no scenario may agree with
 *   - {edit: remove-weather, weather: clear}
 *   - {edit: night, time: [dusk, night]}                # a list: any of these values
 * scenes:                              # optional (image editing): each scenario's input image
 *   - {file: tinyeditor/scenes/scene00_clear_day_sharp.png, weather: clear, time: day, quality: sharp}
 * templates:                           # required; a scenario takes the first whose when it agrees with
 *   - when: {edit: remove-weather}
 *     text: "Remove the {weather.noun} from the image."
 *     relevant: [remove, "{weather.noun}"]
 * </pre>
 *
 * <p>A scenario is <em>allowed</em> when no {@code exclude} entry agrees with it and, where scenes are
 * given, one scene has its values. Every check is made when the file is read, each mistake one
 * {@link TaxonomyException} {@code FILE:LINE:COLUMN: ...}: unknown keys, dimensions and values (with
 * the nearest name), empty groups and dimensions, duplicates, slots that name no dimension or
 * attribute; and, over every allowed scenario (up to {@value #CHECK_LIMIT} of them; beyond, when a case
 * is generated), that a template takes it, that its slots have texts and that its relevant words occur
 * in its text; that every template is used; that some scenario is allowed.
 */
public final class Taxonomy {
    static final List<String> KEYS = List.of("suite", "description", "dimensions", "exclude", "scenes", "templates");
    static final List<String> TEMPLATE_KEYS = List.of("when", "text", "relevant");
    /** Keys of a dimension's mapping that are not attributes. */
    static final List<String> DIMENSION_KEYS = List.of("values", "description");
    /** Allowed scenarios enumerated when the file is read, to check every template on each of them. */
    public static final int CHECK_LIMIT = 1_000_000;
    /** The most scenarios {@code factorial} and {@code random} (which samples from them) enumerate. */
    public static final int ENUMERATE_LIMIT = 1_000_000;
    /** The most scenarios a taxonomy may have before its constraints, so that every count fits. */
    public static final long MAX_PRODUCT = 1_000_000_000_000_000L;
    /**
     * The most combinations of the dimensions that constraints name: the allowed scenarios are counted
     * by a search over them (the other dimensions multiply the count).
     */
    public static final long MAX_CONSTRAINED = 50_000_000L;
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String file;
    private final String name;
    private final String description;
    private final List<Dimension> dimensions;
    private final Map<String, Integer> index;
    private final List<Exclusion> exclusions;
    private final List<Scene> scenes;
    private final List<Template> templates;

    // The same, by value index, for the search.
    private final int[] sizes;
    private final boolean[][][] excluded;      // per exclusion, per dimension: the values it matches, or null
    private final int[] sceneDims;             // the dimensions scenes name, in dimension order
    private final int[][] sceneTuples;         // per scene, its value per sceneDims entry
    private final Map<String, Scene> sceneByKey;
    private final int[] constrainedOrder;      // the dimensions a constraint names, in dimension order
    private final long freeProduct;            // the product of the sizes of the others
    private final List<Compiled> compiled;
    private final long factorialCount;
    private final boolean checked;
    private final int templatesLine;           // where templates: is written, for "no template takes ..."
    private final int templatesColumn;

    private Taxonomy(String file, String name, String description, List<Dimension> dimensions,
                     List<Exclusion> exclusions, List<Scene> scenes, List<Template> templates, List<Compiled> compiled,
                     int templatesLine, int templatesColumn) {
        this.file = file;
        this.templatesLine = templatesLine;
        this.templatesColumn = templatesColumn;
        this.name = name;
        this.description = description;
        this.dimensions = List.copyOf(dimensions);
        this.exclusions = List.copyOf(exclusions);
        this.scenes = List.copyOf(scenes);
        this.templates = List.copyOf(templates);
        this.compiled = List.copyOf(compiled);
        Map<String, Integer> ix = new LinkedHashMap<>();
        for (int d = 0; d < dimensions.size(); d++) {
            ix.put(dimensions.get(d).name(), d);
        }
        this.index = Collections.unmodifiableMap(ix);
        int n = dimensions.size();
        sizes = new int[n];
        for (int d = 0; d < n; d++) {
            sizes[d] = dimensions.get(d).values().size();
        }
        boolean[] constrained = new boolean[n];
        excluded = new boolean[exclusions.size()][][];
        for (int i = 0; i < exclusions.size(); i++) {
            excluded[i] = new boolean[n][];
            for (Map.Entry<String, List<String>> e : exclusions.get(i).values().entrySet()) {
                int d = ix.get(e.getKey());
                boolean[] mask = new boolean[sizes[d]];
                for (String v : e.getValue()) {
                    mask[dimensions.get(d).indexOf(v)] = true;
                }
                excluded[i][d] = mask;
                constrained[d] = true;
            }
        }
        List<Integer> sd = new ArrayList<>();
        if (!scenes.isEmpty()) {
            for (String dim : scenes.get(0).conditions().keySet()) {
                sd.add(ix.get(dim));
            }
            Collections.sort(sd);
        }
        sceneDims = sd.stream().mapToInt(Integer::intValue).toArray();
        sceneTuples = new int[scenes.size()][sceneDims.length];
        sceneByKey = new HashMap<>();
        for (int s = 0; s < scenes.size(); s++) {
            for (int j = 0; j < sceneDims.length; j++) {
                Dimension dim = dimensions.get(sceneDims[j]);
                sceneTuples[s][j] = dim.indexOf(scenes.get(s).conditions().get(dim.name()));
                constrained[sceneDims[j]] = true;
            }
            sceneByKey.put(Arrays.toString(sceneTuples[s]), scenes.get(s));
        }
        List<Integer> order = new ArrayList<>();
        long free = 1;
        for (int d = 0; d < n; d++) {
            if (constrained[d]) {
                order.add(d);
            } else {
                free = Math.multiplyExact(free, sizes[d]);
            }
        }
        constrainedOrder = order.stream().mapToInt(Integer::intValue).toArray();
        freeProduct = free;
        factorialCount = Math.multiplyExact(countConstrained(new int[n], 0), freeProduct);
        checked = factorialCount <= CHECK_LIMIT;
    }

    // ---- reading -----------------------------------------------------------------------------

    /**
     * The taxonomy a file describes, checked.
     *
     * @throws TaxonomyException for any mistake in it, one line with its position
     */
    public static Taxonomy load(Path path) {
        String display = path.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new TaxonomyException(display, 0, 0, "is a folder, not a taxonomy file: name a .yaml file");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new TaxonomyException(display, 0, 0, "no such file: check the name");
        } catch (AccessDeniedException e) {
            throw new TaxonomyException(display, 0, 0, "cannot be read: permission denied");
        } catch (IOException e) {
            throw new TaxonomyException(display, 0, 0, "cannot be read: " + e.getMessage(), e);
        }
        Path f = path.getFileName();
        String stem = f == null ? "suite" : f.toString().replaceFirst("(?i)\\.ya?ml$", "");
        return parse(nodes(display).decode(bytes), display, stem);
    }

    /**
     * A taxonomy from its text.
     *
     * @param source      the YAML text
     * @param display     the file's name in errors
     * @param defaultName the suite's name when the text gives no {@code suite}
     */
    public static Taxonomy parse(String source, String display, String defaultName) {
        return new Reader(nodes(display), source).read(defaultName);
    }

    /** The file as it was named, the prefix of its errors. */
    public String file() {
        return file;
    }

    /** {@code suite}, else the file name without .yaml; case ids start with it. */
    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** In file order (group by group). */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The dimension of that name, or null. */
    public Dimension dimension(String dimensionName) {
        Integer d = index.get(dimensionName);
        return d == null ? null : dimensions.get(d);
    }

    public List<Exclusion> exclusions() {
        return exclusions;
    }

    /** The input scenes; empty for a text suite. */
    public List<Scene> scenes() {
        return scenes;
    }

    public List<Template> templates() {
        return templates;
    }

    /** The number of scenarios before constraints: the product of the dimensions' sizes. */
    public long productCount() {
        long p = 1;
        for (int s : sizes) {
            p = Math.multiplyExact(p, s);
        }
        return p;
    }

    /** The number of allowed scenarios: the size of the full factorial after the constraints. */
    public long factorialCount() {
        return factorialCount;
    }

    /**
     * Whether some allowed scenario agrees with a partial assignment (dimension to value): the
     * question "may these values appear together" that coverage is measured against.
     *
     * @throws IllegalArgumentException for a dimension or value the taxonomy does not have
     */
    public boolean allows(Map<String, String> partial) {
        return feasible(indices(partial, false));
    }

    /** Every allowed scenario, in factorial order: the first dimension varies slowest, values in file order. */
    public List<Map<String, String>> factorial() {
        if (factorialCount > ENUMERATE_LIMIT) {
            throw new IllegalStateException(factorialCount + " scenarios are too many to list");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int[] s : enumerate()) {
            out.add(named(s));
        }
        return Collections.unmodifiableList(out);
    }

    /** The case a scenario (every dimension given, allowed) becomes, its id starting with {@code prefix}. */
    public ScenarioCase render(Map<String, String> scenario, String prefix) {
        int[] s = indices(scenario, true);
        if (violated(s)) {
            throw new IllegalArgumentException("scenario " + label(scenario) + " is not allowed");
        }
        return render(s, prefix);
    }

    /** Generates a suite: see {@link Suite#generate}. */
    public Suite expand(SuiteOptions options) {
        return Suite.generate(this, options);
    }

    @Override
    public String toString() {
        return "Taxonomy[" + name + ": " + dimensions.size() + " dimensions, " + factorialCount + " scenarios]";
    }

    // ---- scenarios by index ------------------------------------------------------------------

    int dimensionCount() {
        return sizes.length;
    }

    int size(int d) {
        return sizes[d];
    }

    /** Value indices of a (partial) assignment by name; -1 where not given. */
    int[] indices(Map<String, String> assignment, boolean full) {
        int[] a = new int[sizes.length];
        Arrays.fill(a, -1);
        for (Map.Entry<String, String> e : assignment.entrySet()) {
            Integer d = index.get(e.getKey());
            if (d == null) {
                throw new IllegalArgumentException("no dimension " + e.getKey() + " in " + name);
            }
            int v = dimensions.get(d).indexOf(e.getValue());
            if (v < 0) {
                throw new IllegalArgumentException("no value " + e.getValue() + " of " + e.getKey() + " in " + name);
            }
            a[d] = v;
        }
        if (full) {
            for (int d = 0; d < a.length; d++) {
                if (a[d] < 0) {
                    throw new IllegalArgumentException("the scenario gives no value of " + dimensions.get(d).name());
                }
            }
        }
        return a;
    }

    /** Dimension to value, in dimension order, for the dimensions assigned (index at least 0). */
    Map<String, String> named(int[] a) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int d = 0; d < a.length; d++) {
            if (a[d] >= 0) {
                m.put(dimensions.get(d).name(), dimensions.get(d).values().get(a[d]));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    static String label(Map<String, String> scenario) {
        StringJoiner j = new StringJoiner(" ");
        scenario.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /**
     * Whether the assigned values (index at least 0) already break a constraint: an exclusion whose
     * every dimension is assigned and matches, or, with scenes, no scene agreeing with the assigned
     * dimensions they name. For a full assignment this is exactly "not allowed".
     */
    boolean violated(int[] a) {
        for (boolean[][] e : excluded) {
            boolean all = true;
            for (int d = 0; d < e.length && all; d++) {
                if (e[d] != null && (a[d] < 0 || !e[d][a[d]])) {
                    all = false;
                }
            }
            if (all) {
                return true;
            }
        }
        if (sceneDims.length > 0) {
            for (int[] tuple : sceneTuples) {
                boolean agrees = true;
                for (int j = 0; j < sceneDims.length && agrees; j++) {
                    int v = a[sceneDims[j]];
                    agrees = v < 0 || v == tuple[j];
                }
                if (agrees) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether some allowed scenario agrees with the partial assignment (-1: not assigned). */
    boolean feasible(int[] partial) {
        return extend(partial.clone(), 0);
    }

    private boolean extend(int[] a, int from) {
        if (violated(a)) {
            return false;
        }
        for (int k = from; k < constrainedOrder.length; k++) {
            int d = constrainedOrder[k];
            if (a[d] < 0) {
                for (int v = 0; v < sizes[d]; v++) {
                    a[d] = v;
                    if (extend(a, k + 1)) {
                        a[d] = -1;
                        return true;
                    }
                }
                a[d] = -1;
                return false;
            }
        }
        return true;   // every constrained dimension assigned and nothing broken; the others are free
    }

    private long countConstrained(int[] a, int k) {
        if (k == 0) {
            Arrays.fill(a, -1);
        }
        if (violated(a)) {
            return 0;
        }
        if (k == constrainedOrder.length) {
            return 1;
        }
        int d = constrainedOrder[k];
        long n = 0;
        for (int v = 0; v < sizes[d]; v++) {
            a[d] = v;
            n += countConstrained(a, k + 1);
        }
        a[d] = -1;
        return n;
    }

    /** Every allowed scenario in factorial order (the caller keeps the count in bounds). */
    List<int[]> enumerate() {
        List<int[]> out = new ArrayList<>();
        int[] a = new int[sizes.length];
        Arrays.fill(a, -1);
        enumerate(a, 0, out);
        return out;
    }

    private void enumerate(int[] a, int d, List<int[]> out) {
        if (violated(a)) {
            return;
        }
        if (d == sizes.length) {
            out.add(a.clone());
            return;
        }
        for (int v = 0; v < sizes[d]; v++) {
            a[d] = v;
            enumerate(a, d + 1, out);
        }
        a[d] = -1;
    }

    // ---- rendering ---------------------------------------------------------------------------

    /** The template a full allowed scenario takes, or null. */
    private Compiled templateOf(int[] s) {
        for (Compiled c : compiled) {
            if (c.takes(s)) {
                return c;
            }
        }
        return null;
    }

    ScenarioCase render(int[] s, String prefix) {
        Compiled c = templateOf(s);
        if (c == null) {
            throw noTemplate(s);
        }
        String text = c.text.render(s, this);
        List<String> relevant = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < c.relevant.size(); i++) {
            String w = c.relevant.get(i).render(s, this);
            if (w.isEmpty()) {
                continue;
            }
            if (!Words.occurs(w, text)) {
                throw c.relevant.get(i).error(file, "relevant word '" + w + "' does not occur in the text '" + text
                        + "' of scenario " + label(named(s)) + ": give words of the text, or slots that fill in"
                        + " words of it");
            }
            if (seen.add(String.join(" ", Words.pieces(w)))) {
                relevant.add(w);
            }
        }
        Scene scene = null;
        if (sceneDims.length > 0) {
            int[] key = new int[sceneDims.length];
            for (int j = 0; j < key.length; j++) {
                key[j] = s[sceneDims[j]];
            }
            scene = sceneByKey.get(Arrays.toString(key));
        }
        return new ScenarioCase(caseId(prefix, s), text, relevant, named(s), scene == null ? null : scene.file());
    }

    private TaxonomyException noTemplate(int[] s) {
        return new TaxonomyException(file, templatesLine, templatesColumn, "no template takes scenario "
                + label(named(s)) + ": add a template whose when it agrees with (or one without when, last), or"
                + " exclude the scenario");
    }

    /** {@code PREFIX-v1-v2-...}, cut to 64 characters with 8 hex digits of its SHA-256 when longer. */
    String caseId(String prefix, int[] s) {
        StringBuilder b = new StringBuilder(prefix);
        for (int d = 0; d < s.length; d++) {
            b.append('-').append(dimensions.get(d).values().get(s[d]));
        }
        String id = b.toString();
        if (id.length() <= 64) {
            return id;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                hex.append(String.format("%02x", h[i]));
            }
            return id.substring(0, 55).replaceFirst("[._-]+$", "") + "-" + hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A case id prefix made of a name: the characters an id may not hold become '-'. */
    static String idPrefix(String name) {
        String p = name.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
        p = p.length() > 40 ? p.substring(0, 40) : p;
        return p.isEmpty() ? "case" : p;
    }

    /** The checks over every allowed scenario: a template for each, its slots filled, its words present; none unused. */
    private static YamlNodes<TaxonomyException> nodes(String display) {
        return new YamlNodes<>(display, TaxonomyException::new);
    }

    private void checkTemplates(YamlNodes<TaxonomyException> nodes, List<Node> templateNodes) {
        if (!checked) {
            return;
        }
        int[] uses = new int[compiled.size()];
        for (int[] s : enumerate()) {
            Compiled c = templateOf(s);
            if (c == null) {
                throw noTemplate(s);
            }
            uses[compiled.indexOf(c)]++;
            render(s, "x");
        }
        for (int i = 0; i < uses.length; i++) {
            if (uses[i] == 0) {
                throw nodes.error(templateNodes.get(i), "this template is never used: every allowed scenario its when"
                        + " agrees with takes an earlier template, or none is allowed; remove it, or narrow the"
                        + " earlier template's when");
            }
        }
    }

    // ---- templates, compiled -----------------------------------------------------------------

    /** A template's text or one relevant word: literal pieces and slots, each slot with its position. */
    record Text(List<Piece> pieces, int line, int column) {
        String render(int[] s, Taxonomy t) {
            StringBuilder b = new StringBuilder();
            for (Piece p : pieces) {
                if (p.dimension < 0) {
                    b.append(p.literal);
                    continue;
                }
                Dimension dim = t.dimensions.get(p.dimension);
                String value = dim.values().get(s[p.dimension]);
                if (p.attribute == null) {
                    b.append(value);
                    continue;
                }
                String text = dim.attribute(p.attribute, value);
                if (text == null) {
                    throw new TaxonomyException(t.file, p.line, p.column, "template slot '" + dim.name() + "."
                            + p.attribute + "' has no text for " + dim.name() + " " + value + ", which scenario "
                            + label(t.named(s)) + " takes: give " + value + " a " + p.attribute + ", or exclude the"
                            + " scenario");
                }
                b.append(text);
            }
            return b.toString().replaceAll("[ \\t]+", " ").strip();
        }

        TaxonomyException error(String file, String what) {
            return new TaxonomyException(file, line, column, what);
        }
    }

    /** A literal (dimension -1) or a slot, with where the slot is written. */
    record Piece(String literal, int dimension, String attribute, int line, int column) {
    }

    /** A template as the search uses it. */
    record Compiled(boolean[][] when, Text text, List<Text> relevant) {
        boolean takes(int[] s) {
            for (int d = 0; d < when.length; d++) {
                if (when[d] != null && !when[d][s[d]]) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- the reader --------------------------------------------------------------------------

    private static final class Reader {
        private final YamlNodes<TaxonomyException> nodes;
        private final String source;
        private final List<Dimension> dimensions = new ArrayList<>();
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final Map<String, Node> dimensionNodes = new HashMap<>();

        Reader(YamlNodes<TaxonomyException> nodes, String source) {
            this.nodes = nodes;
            this.source = source;
        }

        Taxonomy read(String defaultName) {
            Node root = nodes.compose(source, "a taxonomy gives at least dimensions and templates");
            MappingNode top = nodes.mapping(root, "a taxonomy file", " of keys (suite, dimensions, exclude, scenes,"
                    + " templates)");
            Map<String, NodeTuple> e = nodes.entries(top, "", KEYS);
            String name = idPrefix(defaultName);
            if (e.containsKey("suite")) {
                Node n = e.get("suite").getValueNode();
                name = nodes.nonBlank(n, "suite", "the suite's name, like driving");
                if (!ID.matcher(name).matches()) {
                    throw nodes.error(n, "suite '" + name + "' must be letters, digits, '.', '_' or '-' (at most 64,"
                            + " starting with a letter or digit): it starts every case id");
                }
            }
            String description = e.containsKey("description")
                    ? nodes.text(e.get("description").getValueNode(), "description") : "";
            if (!e.containsKey("dimensions")) {
                throw nodes.error(top, "dimensions is missing: give groups of dimensions and their values, as in"
                        + " dimensions: {environment: {weather: [clear, rainy]}}");
            }
            dimensions(e.get("dimensions").getValueNode());
            List<Exclusion> exclusions = new ArrayList<>();
            if (e.containsKey("exclude")) {
                for (Node x : nodes.list(e.get("exclude").getValueNode(), "exclude",
                        " partial assignment, like exclude: [{edit: remove-weather, weather: clear}]")) {
                    MappingNode m = nodes.nonEmptyMapping(x, "an exclude entry",
                            " of dimensions and values, like {edit: remove-weather, weather: clear}");
                    exclusions.add(new Exclusion(assignment(m, "exclude"), YamlNodes.line(x)));
                }
            }
            List<Scene> scenes = e.containsKey("scenes") ? scenes(e.get("scenes").getValueNode()) : List.of();
            if (!e.containsKey("templates")) {
                throw nodes.error(top, "templates is missing: give the text each scenario becomes, as in templates:"
                        + " [{text: \"Remove the {weather.noun} from the image.\", relevant: [remove, \"{weather.noun}\"]}]");
            }
            Node templatesValue = e.get("templates").getValueNode();
            List<Node> templateNodes = nodes.list(templatesValue, "templates",
                    " template, like {text: \"Make it {time}\", relevant: [\"{time}\"]}");
            List<Template> templates = new ArrayList<>();
            List<Compiled> compiled = new ArrayList<>();
            for (Node t : templateNodes) {
                template(t, templates, compiled);
            }
            java.math.BigInteger product = java.math.BigInteger.ONE;
            java.math.BigInteger constrained = java.math.BigInteger.ONE;
            Set<String> named = new java.util.HashSet<>();
            exclusions.forEach(x -> named.addAll(x.values().keySet()));
            if (!scenes.isEmpty()) {
                named.addAll(scenes.get(0).conditions().keySet());
            }
            for (Dimension d : dimensions) {
                java.math.BigInteger size = java.math.BigInteger.valueOf(d.values().size());
                product = product.multiply(size);
                if (named.contains(d.name())) {
                    constrained = constrained.multiply(size);
                }
            }
            if (product.compareTo(java.math.BigInteger.valueOf(MAX_PRODUCT)) > 0
                    || constrained.compareTo(java.math.BigInteger.valueOf(MAX_CONSTRAINED)) > 0) {
                throw nodes.error(e.get("dimensions").getKeyNode(), "the dimensions make " + product + " scenarios"
                        + (constrained.compareTo(java.math.BigInteger.valueOf(MAX_CONSTRAINED)) > 0 ? ", and those the"
                        + " constraints name " + constrained : "") + ": more than gsmile counts (" + MAX_PRODUCT
                        + " in all, " + MAX_CONSTRAINED + " among the dimensions constraints name); split the"
                        + " taxonomy, or merge values");
            }
            Node templatesKey = e.get("templates").getKeyNode();
            Taxonomy taxonomy = new Taxonomy(nodes.file, name, description, dimensions, exclusions, scenes, templates,
                    compiled, YamlNodes.line(templatesKey),
                    templatesKey.getStartMark().map(m -> m.getColumn() + 1).orElse(0));
            if (taxonomy.factorialCount == 0) {
                Node at = e.containsKey("exclude") ? e.get("exclude").getKeyNode() : e.get("scenes").getKeyNode();
                throw nodes.error(at, "the constraints allow no scenario at all (" + taxonomy.productCount()
                        + " before them): remove or narrow an exclude entry" + (scenes.isEmpty() ? ""
                        : ", or give scenes for the conditions the others allow"));
            }
            taxonomy.checkTemplates(nodes, templateNodes);
            return taxonomy;
        }

        private void dimensions(Node value) {
            MappingNode groups = nodes.nonEmptyMapping(value, "dimensions",
                    " of groups, like dimensions: {environment: {weather: [clear, rainy]}}");
            for (NodeTuple g : groups.getValue()) {
                String group = YamlNodes.key(g);
                if (!NAME.matcher(group).matches()) {
                    throw nodes.error(g.getKeyNode(), "group '" + group + "' must be letters, digits, '_' or '-',"
                            + " starting with a letter");
                }
                Node gv = g.getValueNode();
                if (YamlNodes.isNull(gv) || gv instanceof MappingNode m && m.getValue().isEmpty()) {
                    throw nodes.error(YamlNodes.isNull(gv) ? g.getKeyNode() : gv, "group " + group + " has no"
                            + " dimensions: give at least one, as in " + group + ": {weather: [clear, rainy]}");
                }
                MappingNode dims = nodes.mapping(gv, "group " + group, " of dimensions, like {weather: [clear, rainy]}");
                for (NodeTuple d : dims.getValue()) {
                    dimension(group, d);
                }
            }
        }

        private void dimension(String group, NodeTuple d) {
            String dim = YamlNodes.key(d);
            Node keyNode = d.getKeyNode();
            if (!NAME.matcher(dim).matches()) {
                throw nodes.error(keyNode, "dimension '" + dim + "' must be letters, digits, '_' or '-' (at most 64),"
                        + " starting with a letter: template slots name it");
            }
            if (index.containsKey(dim)) {
                Dimension first = dimensions.get(index.get(dim));
                throw nodes.error(keyNode, "dimension " + dim + " is declared twice (first at line "
                        + YamlNodes.line(dimensionNodes.get(dim)) + ", in group " + first.group() + "): give each"
                        + " dimension one name");
            }
            Node v = d.getValueNode();
            Node valuesNode = null;
            Map<String, NodeTuple> attributes = new LinkedHashMap<>();
            Node emptyAt = keyNode;
            if (v instanceof SequenceNode) {
                valuesNode = v;
                emptyAt = v;
            } else if (v instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    String k = YamlNodes.key(t);
                    if (k.equals("values")) {
                        valuesNode = t.getValueNode();
                    } else if (!k.equals("description")) {
                        if (!ATTRIBUTE.matcher(k).matches()) {
                            throw nodes.error(t.getKeyNode(), "attribute '" + k + "' of " + dim + " must be letters,"
                                    + " digits and '_', starting with a letter (the keys of a dimension are values,"
                                    + " description and its attributes)");
                        }
                        attributes.put(k, t);
                    }
                }
                if (valuesNode == null && !m.getValue().isEmpty()) {
                    String near = null;
                    for (String k : attributes.keySet()) {
                        if (YamlNodes.nearest(k, List.of("values")) != null) {
                            near = k;
                        }
                    }
                    if (near != null) {
                        throw nodes.error(attributes.get(near).getKeyNode(), "unknown key '" + near + "' in dimension "
                                + dim + ": did you mean values?");
                    }
                }
                emptyAt = valuesNode != null ? valuesNode : m.getValue().isEmpty() ? v : keyNode;
            } else if (!YamlNodes.isNull(v)) {
                throw nodes.error(v, "dimension " + dim + " takes a list of values, like " + dim + ": [clear, rainy],"
                        + " or a mapping with values and attributes, got " + YamlNodes.describe(v));
            }
            if (valuesNode == null || valuesNode instanceof SequenceNode q && q.getValue().isEmpty()) {
                throw nodes.error(emptyAt, "dimension " + dim + " has no values: list at least one, as in "
                        + (v instanceof MappingNode ? "values" : dim) + ": [value1, value2]");
            }
            if (!(valuesNode instanceof SequenceNode seq)) {
                throw nodes.error(valuesNode, "values of " + dim + " takes a list, like values: [clear, rainy], got "
                        + YamlNodes.describe(valuesNode));
            }
            List<String> values = new ArrayList<>();
            Map<String, Node> valueNodes = new HashMap<>();
            for (Node n : seq.getValue()) {
                String value = nodes.nonBlank(n, "a value of " + dim, "a name, like rainy");
                if (!VALUE.matcher(value).matches()) {
                    throw nodes.error(n, "value '" + value + "' of " + dim + " must be letters, digits, '.', '_' or"
                            + " '-' (at most 64), starting with a letter or digit: it names the scenario in case ids;"
                            + " give the text a template should show as an attribute");
                }
                if (valueNodes.containsKey(value)) {
                    throw nodes.error(n, "value " + value + " of " + dim + " is given twice (first at line "
                            + YamlNodes.line(valueNodes.get(value)) + "): keep one");
                }
                valueNodes.put(value, n);
                values.add(value);
            }
            Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> a : attributes.entrySet()) {
                Node av = a.getValue().getValueNode();
                MappingNode am = nodes.nonEmptyMapping(av, "attribute " + a.getKey() + " of " + dim,
                        " from values to texts, like {rainy: rain, snowy: snow}");
                Map<String, String> texts = new LinkedHashMap<>();
                for (NodeTuple t : am.getValue()) {
                    String value = YamlNodes.key(t);
                    if (!values.contains(value)) {
                        String near = YamlNodes.nearest(value, values);
                        throw nodes.error(t.getKeyNode(), "attribute " + a.getKey() + " of " + dim + " names no value '"
                                + value + "': " + (near != null ? "did you mean " + near + "? " : "")
                                + "the values of " + dim + " are " + YamlNodes.all(values));
                    }
                    Node tv = t.getValueNode();
                    texts.put(value, YamlNodes.isNull(tv) ? "" : nodes.text(tv, a.getKey() + " of " + value));
                }
                attrs.put(a.getKey(), texts);
            }
            index.put(dim, dimensions.size());
            dimensionNodes.put(dim, keyNode);
            dimensions.add(new Dimension(dim, group, values, attrs));
        }

        /** The dimensions of the taxonomy, for messages. */
        private String dimensionList() {
            return YamlNodes.all(index.keySet());
        }

        private int dimensionIndex(Node keyNode, String dim, String where) {
            Integer d = index.get(dim);
            if (d == null) {
                String near = YamlNodes.nearest(dim, index.keySet());
                throw nodes.error(keyNode, where + " names no dimension '" + dim + "': "
                        + (near != null ? "did you mean " + near + "? (the dimensions are " + dimensionList() + ")"
                        : "the dimensions are " + dimensionList()));
            }
            return d;
        }

        private String value(Node n, int d, String where) {
            Dimension dim = dimensions.get(d);
            String v = nodes.nonBlank(n, "a value of " + dim.name(), "one of " + YamlNodes.names(dim.values()));
            if (!dim.values().contains(v)) {
                String near = YamlNodes.nearest(v, dim.values());
                throw nodes.error(n, where + " gives " + dim.name() + " the value '" + v + "', which it does not have: "
                        + (near != null ? "did you mean " + near + "? " : "") + "the values of " + dim.name() + " are "
                        + YamlNodes.all(dim.values()));
            }
            return v;
        }

        /** An exclude entry or a when: dimension to one value or a list of values. */
        private Map<String, List<String>> assignment(MappingNode m, String where) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                int d = dimensionIndex(t.getKeyNode(), YamlNodes.key(t), where);
                Node v = t.getValueNode();
                List<String> values = new ArrayList<>();
                if (v instanceof SequenceNode) {
                    for (Node item : nodes.list(v, where + " " + YamlNodes.key(t), " value")) {
                        String value = value(item, d, where);
                        if (values.contains(value)) {
                            throw nodes.error(item, where + " lists " + dimensions.get(d).name() + " " + value
                                    + " twice: keep one");
                        }
                        values.add(value);
                    }
                } else {
                    values.add(value(v, d, where));
                }
                out.put(YamlNodes.key(t), values);
            }
            return out;
        }

        private List<Scene> scenes(Node value) {
            List<Scene> out = new ArrayList<>();
            Map<String, Integer> byConditions = new HashMap<>();
            List<String> firstDims = null;
            for (Node n : nodes.list(value, "scenes", " input image, like {file: tinyeditor/scenes/scene00.png,"
                    + " weather: clear}")) {
                MappingNode m = nodes.mapping(n, "a scene", " like {file: tinyeditor/scenes/scene00.png, weather: clear}");
                String f = null;
                Map<String, String> conditions = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    String k = YamlNodes.key(t);
                    if (k.equals("file")) {
                        f = nodes.nonBlank(t.getValueNode(), "file", "the image's path under the models folder");
                        continue;
                    }
                    int d = dimensionIndex(t.getKeyNode(), k, "a scene");
                    conditions.put(k, value(t.getValueNode(), d, "a scene"));
                }
                if (f == null) {
                    throw nodes.error(n, "a scene needs a file: the image's path under the models folder, as in"
                            + " file: tinyeditor/scenes/scene00_clear_day_sharp.png");
                }
                if (conditions.isEmpty()) {
                    throw nodes.error(n, "a scene needs the values it has, as in {file: ..., weather: clear}: a"
                            + " scenario's scene is the one with its values");
                }
                List<String> dims = new ArrayList<>(conditions.keySet());
                dims.sort((a, b) -> index.get(a) - index.get(b));
                if (firstDims == null) {
                    firstDims = dims;
                } else if (!firstDims.equals(dims)) {
                    throw nodes.error(n, "this scene gives " + YamlNodes.all(dims) + ", the first scene "
                            + YamlNodes.all(firstDims) + ": give every scene the same dimensions");
                }
                StringJoiner key = new StringJoiner(" ");
                dims.forEach(dim -> key.add(dim + "=" + conditions.get(dim)));
                Integer before = byConditions.putIfAbsent(key.toString(), YamlNodes.line(n));
                if (before != null) {
                    throw nodes.error(n, "the scene at line " + before + " has the same values (" + key + "): a"
                            + " scenario's scene must be one; remove one, or tell them apart by another dimension");
                }
                out.add(new Scene(f, conditions, YamlNodes.line(n)));
            }
            return out;
        }

        private void template(Node n, List<Template> templates, List<Compiled> compiled) {
            MappingNode m = nodes.mapping(n, "a template", " like {text: \"Make it {time}\", relevant: [\"{time}\"]}");
            Map<String, NodeTuple> e = nodes.entries(m, "a template", TEMPLATE_KEYS);
            if (!e.containsKey("text")) {
                throw nodes.error(n, "a template needs a text, as in text: \"Remove the {weather.noun} from the"
                        + " image.\"");
            }
            Map<String, List<String>> when = Map.of();
            boolean[][] whenMask = new boolean[dimensions.size()][];
            if (e.containsKey("when")) {
                MappingNode w = nodes.nonEmptyMapping(e.get("when").getValueNode(), "when",
                        " of dimensions and values, like when: {edit: remove-weather}");
                when = assignment(w, "when");
                for (Map.Entry<String, List<String>> x : when.entrySet()) {
                    int d = index.get(x.getKey());
                    whenMask[d] = new boolean[dimensions.get(d).values().size()];
                    for (String v : x.getValue()) {
                        whenMask[d][dimensions.get(d).indexOf(v)] = true;
                    }
                }
            }
            Node textNode = e.get("text").getValueNode();
            String text = nodes.nonBlank(textNode, "text", "the prompt or instruction the scenario becomes");
            Text compiledText = text(textNode, text, "template text");
            List<String> relevant = new ArrayList<>();
            List<Text> compiledRelevant = new ArrayList<>();
            if (e.containsKey("relevant")) {
                for (Node r : nodes.list(e.get("relevant").getValueNode(), "relevant",
                        " word, like relevant: [remove, \"{weather.noun}\"]")) {
                    String word = nodes.nonBlank(r, "a relevant word", "a word of the text, or a slot");
                    Text t = text(r, word, "relevant word");
                    if (t.pieces().stream().allMatch(p -> p.dimension() < 0) && !Words.hasWord(word)) {
                        throw nodes.error(r, "relevant word '" + word + "' has no letter or digit: give words of the"
                                + " text");
                    }
                    relevant.add(word);
                    compiledRelevant.add(t);
                }
            }
            templates.add(new Template(when, text, relevant, YamlNodes.line(n)));
            compiled.add(new Compiled(whenMask, compiledText, compiledRelevant));
        }

        /** Splits a text into literals and slots; {{ and }} are braces themselves. */
        private Text text(Node node, String text, String what) {
            List<Piece> pieces = new ArrayList<>();
            StringBuilder literal = new StringBuilder();
            int line = YamlNodes.line(node);
            int column = node.getStartMark().map(mk -> mk.getColumn() + 1).orElse(0);
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    literal.append('{');
                    i += 2;
                    continue;
                }
                if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                    continue;
                }
                if (c == '}') {
                    throw at(node, text, i, what + " has a closing brace that opens no slot: write a brace itself"
                            + " twice");
                }
                if (c != '{') {
                    literal.append(c);
                    i++;
                    continue;
                }
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw at(node, text, i, what + " has an opening brace that is not closed: a slot is a dimension's"
                            + " name (or name.attribute) in braces; write a brace itself twice");
                }
                String slot = text.substring(i + 1, close).strip();
                int[] pos = position(node, text, i);
                String dimName = slot;
                String attribute = null;
                int dot = slot.indexOf('.');
                if (dot >= 0) {
                    dimName = slot.substring(0, dot).strip();
                    attribute = slot.substring(dot + 1).strip();
                }
                Integer d = index.get(dimName);
                if (d == null) {
                    String near = YamlNodes.nearest(dimName, index.keySet());
                    throw new TaxonomyException(nodes.file, pos[0], pos[1], "template slot '" + slot + "' names no dimension: " + (near != null
                            ? "did you mean " + near + (attribute != null ? "." + attribute : "") + "? (the dimensions"
                            + " are " + dimensionList() + ")" : "the dimensions are " + dimensionList()));
                }
                if (attribute != null) {
                    Dimension dim = dimensions.get(d);
                    if (!dim.attributes().containsKey(attribute)) {
                        String near = YamlNodes.nearest(attribute, dim.attributes().keySet());
                        throw new TaxonomyException(nodes.file, pos[0], pos[1], "template slot '" + slot + "': "
                                + dimName + " has no attribute '" + attribute + "': " + (dim.attributes().isEmpty()
                                ? "it has none; give " + dimName + " one, like noun: {" + dim.values().get(0)
                                + ": ...}" : (near != null ? "did you mean " + near + "? " : "") + "its attributes are "
                                + YamlNodes.all(dim.attributes().keySet())));
                    }
                }
                if (literal.length() > 0) {
                    pieces.add(new Piece(literal.toString(), -1, null, 0, 0));
                    literal.setLength(0);
                }
                pieces.add(new Piece(null, d, attribute, pos[0], pos[1]));
                i = close + 1;
            }
            if (literal.length() > 0) {
                pieces.add(new Piece(literal.toString(), -1, null, 0, 0));
            }
            return new Text(pieces, line, column);
        }

        private TaxonomyException at(Node node, String text, int offset, String what) {
            int[] p = position(node, text, offset);
            return new TaxonomyException(nodes.file, p[0], p[1], what);
        }

        /**
         * Where the character at {@code offset} of a scalar's value is written: exact for a one-line
         * scalar written as it reads (plain, or quoted without escapes), else the scalar's start.
         */
        private int[] position(Node node, String text, int offset) {
            int line = YamlNodes.line(node);
            int column = node.getStartMark().map(mk -> mk.getColumn() + 1).orElse(0);
            if (node instanceof ScalarNode s && node.getStartMark().isPresent() && node.getEndMark().isPresent()) {
                int start = node.getStartMark().get().getIndex();
                int end = node.getEndMark().get().getIndex();
                if (start >= 0 && end <= source.length() && start < end) {
                    String raw = source.substring(start, end);
                    int quote = s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.PLAIN ? 0 : 1;
                    if (raw.indexOf('\n') < 0 && raw.length() >= quote + text.length()
                            && raw.substring(quote, quote + text.length()).equals(text)) {
                        return new int[] {line, column + quote + offset};
                    }
                }
            }
            return new int[] {line, column};
        }
    }
}
