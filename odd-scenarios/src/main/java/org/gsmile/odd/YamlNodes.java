package org.gsmile.odd;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.gsmile.core.UserInputException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reading a YAML file as a composed tree (SnakeYAML Engine nodes, each with its position) with
 * one-line errors that point at the node: UTF-8 text, one document, mappings with only known keys
 * and none given twice, non-empty lists, texts and typed scalars. Taxonomies and experiment files
 * both read through it, each with its own exception ({@code FILE:LINE:COLUMN: what}), so a mistake
 * reads the same in either.
 *
 * @param <E> the exception a mistake in this kind of file is
 */
public class YamlNodes<E extends UserInputException> {
    /** Makes the exception of a mistake: file as the user named it, 1-based line and column (0: unknown). */
    public interface Errors<E> {
        E at(String file, int line, int column, String what, Throwable cause);
    }

    /** The file as the user named it, the prefix of every error. */
    public final String file;
    private final Errors<E> errors;

    public YamlNodes(String file, Errors<E> errors) {
        this.file = file;
        this.errors = errors;
    }

    // ---- the file ----------------------------------------------------------------------------

    /** The file's text: UTF-8, a byte order mark dropped; else one line naming the line of the first bad byte. */
    public String decode(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw errors.at(file, line, 0, "is not UTF-8 text (byte " + (in.position() + 1) + "): save it as UTF-8",
                    null);
        }
        d.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The root node, positions kept, every mapping's keys checked (SnakeYAML Engine leaves duplicate
     * keys to its constructor, which a composed tree never meets); malformed YAML is one line at its
     * position, an empty file one line with {@code emptyHint}.
     */
    public Node compose(String source, String emptyHint) {
        LoadSettings settings = LoadSettings.builder().setLabel(file)
                .setSchema(new org.snakeyaml.engine.v2.schema.CoreSchema()).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(source);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            throw error(mark, yamlProblem(e));
        } catch (YamlEngineException e) {
            throw errors.at(file, 0, 0, "malformed YAML: " + oneLine(e.getMessage()), e);
        }
        if (root.isEmpty() || isNull(root.get())) {
            throw errors.at(file, 1, 1, "the file is empty: " + emptyHint, null);
        }
        checkKeys(root.get());
        return root.get();
    }

    private static String yamlProblem(MarkedYamlEngineException e) {
        String problem = oneLine(e.getProblem() == null ? e.getMessage() : e.getProblem());
        String context = e.getContext() == null ? null : oneLine(e.getContext());
        if (context != null && context.startsWith("expected a single document")) {
            return "malformed YAML: the file holds more than one document (a second ---): keep one";
        }
        String hint = problem.startsWith("mapping values are not allowed") ? ": put a value that holds ': ' in quotes"
                : "";
        String where = context == null ? ""
                : " (" + context + e.getContextMark().filter(m -> e.getProblemMark().map(p -> p.getLine() != m.getLine()
                || p.getColumn() != m.getColumn()).orElse(true))
                .map(m -> " that starts at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("")
                + ")";
        return "malformed YAML: " + problem + where + hint;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    public E error(Node node, String what) {
        return error(node.getStartMark(), what);
    }

    public E error(Optional<Mark> mark, String what) {
        return mark.map(m -> errors.at(file, m.getLine() + 1, m.getColumn() + 1, what, null))
                .orElseGet(() -> errors.at(file, 0, 0, what, null));
    }

    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** {@code line 12}, for "(first at line 12)". */
    public static String at(Node node) {
        return "line " + line(node);
    }

    // ---- keys --------------------------------------------------------------------------------

    /** Every mapping of the tree, in file order: each key a name (a scalar, not null), none given twice. */
    private void checkKeys(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            List<Node> children = new ArrayList<>();
            if (n instanceof MappingNode m) {
                Map<String, Node> keys = new HashMap<>();
                for (NodeTuple t : m.getValue()) {
                    Node k = t.getKeyNode();
                    if (!(k instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
                        throw error(k, "a key must be a name, got " + describe(k));
                    }
                    Node first = keys.putIfAbsent(s.getValue(), k);
                    if (first != null) {
                        throw error(k, "key " + s.getValue() + " is given twice (first at " + at(first)
                                + "): keep one");
                    }
                    children.add(t.getValueNode());
                }
            } else if (n instanceof SequenceNode q) {
                children.addAll(q.getValue());
            }
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
    }

    /** The entries of a mapping by key, in file order, every key one of {@code valid}. */
    public Map<String, NodeTuple> entries(MappingNode map, String where, Collection<String> valid) {
        return entries(map, where, valid, null);
    }

    /**
     * The entries of a mapping by key, in file order, every key one of {@code valid}.
     *
     * @param where for "unknown key 'x' in WHERE"; empty at the top level
     * @param hint  for a key that belongs elsewhere, what to say instead ("samples is an explainer
     *              setting: ..."); null when it has nothing to say
     */
    public Map<String, NodeTuple> entries(MappingNode map, String where, Collection<String> valid,
                                   Function<String, String> hint) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = key(t);
            if (!valid.contains(key)) {
                String elsewhere = hint == null ? null : hint.apply(key);
                String near = nearest(key, valid);
                String in = where.isEmpty() ? " at the top level" : " in " + where;
                throw error(t.getKeyNode(), "unknown key '" + key + "'" + in + ": "
                        + (elsewhere != null ? elsewhere
                        : near != null ? "did you mean " + near + "?"
                        : "the keys are " + all(valid)));
            }
            out.put(key, t);
        }
        return out;
    }

    public static String key(NodeTuple t) {
        return ((ScalarNode) t.getKeyNode()).getValue();
    }

    // The wording shared by every YAML file of the project: see YamlText.

    public static String nearest(String given, Collection<String> valid) {
        return YamlText.nearest(given, valid);
    }

    public static String names(Collection<String> names) {
        return YamlText.names(names);
    }

    public static String all(Collection<String> names) {
        return YamlText.all(names);
    }

    public static boolean isNull(Node node) {
        return YamlText.isNull(node);
    }

    public static String describe(Node node) {
        return YamlText.describe(node);
    }

    // ---- collections -------------------------------------------------------------------------

    /** A mapping, or an error naming what {@code key} takes. */
    public MappingNode mapping(Node node, String key, String example) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, key + " takes a mapping of keys" + example + ", got " + describe(node));
    }

    /** A mapping with at least one entry. */
    public MappingNode nonEmptyMapping(Node node, String key, String example) {
        MappingNode m = mapping(node, key, example);
        if (m.getValue().isEmpty()) {
            throw error(node, key + " is empty: give at least one entry" + example);
        }
        return m;
    }

    /** The items of a list that has at least one, or an error naming what {@code key} takes. */
    public List<Node> list(Node node, String key, String example) {
        if (node instanceof SequenceNode q) {
            if (q.getValue().isEmpty()) {
                throw error(node, key + " is empty: give at least one" + example);
            }
            return q.getValue();
        }
        throw error(node, key + " takes a list" + example + ", got " + describe(node));
    }

    // ---- scalars -----------------------------------------------------------------------------

    /** Any scalar but null, as written ({@code id: 7} is the text 7): prompts, ids, words, paths. */
    public String text(Node node, String key) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        if (node instanceof MappingNode m && m.getValue().size() == 1 && isNull(m.getValue().get(0).getValueNode())) {
            // A slot written unquoted is YAML's flow mapping {weather.noun: null}. (No braces in the message:
            // a front end reads {name} in a message as a setting's placeholder.)
            throw error(node, key + " takes a text, got a mapping: a text that starts with a slot's brace must be"
                    + " in quotes, as in relevant: [remove, \"{weather.noun}\"]");
        }
        throw error(node, key + " takes a text, got " + describe(node));
    }

    /** A text that is not blank. */
    public String nonBlank(Node node, String key, String example) {
        String t = text(node, key);
        if (t.isBlank()) {
            throw error(node, key + " is empty: give " + example);
        }
        return t;
    }

    /** A name typed as a plain text (a YAML string), for the names of choices. */
    public String name(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            return s.getValue();
        }
        throw error(node, key + " takes a name, got " + describe(node));
    }

    public static boolean isText(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.STR);
    }

    /**
     * A whole number in [min, max]; a number like {@code 32.0} is whole. {@code range} says what is
     * accepted in the error ("a whole number", "a whole number from 1 to 1000").
     */
    public long whole(Node node, String key, long min, long max, String range) {
        BigDecimal v = numeric(node, key, range);
        BigInteger n;
        try {
            n = v.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw error(node, key + " takes " + range + ", got " + describe(node));
        }
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            boolean noMin = min == Long.MIN_VALUE || min == Integer.MIN_VALUE;
            boolean noMax = max == Long.MAX_VALUE || max == Integer.MAX_VALUE;
            String bounds = noMax && !noMin ? "at least " + min
                    : noMin && !noMax ? "at most " + max : "between " + min + " and " + max;
            throw error(node, key + " must be " + bounds + ", got " + n);
        }
        return n.longValue();
    }

    public int wholeInt(Node node, String key, int min, int max, String range) {
        return (int) whole(node, key, min, max, range);
    }

    /** true or false. */
    public boolean bool(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return s.getValue().equalsIgnoreCase("true");
        }
        throw error(node, key + " takes true or false, got " + describe(node));
    }

    /** A finite number. */
    public double number(Node node, String key) {
        return numeric(node, key, "a number").doubleValue();
    }

    /** A YAML int or float (core schema) as an exact decimal. */
    private BigDecimal numeric(Node node, String key, String range) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            String v = s.getValue().replace("_", "");
            String lower = v.toLowerCase(Locale.ROOT);
            try {
                if (lower.matches("[-+]?\\.(inf|nan)")) {
                    throw error(node, key + " takes a finite number, got " + v);
                }
                if (lower.startsWith("0x")) {
                    return new BigDecimal(new BigInteger(v.substring(2), 16));
                }
                if (lower.startsWith("0o")) {
                    return new BigDecimal(new BigInteger(v.substring(2), 8));
                }
                return new BigDecimal(v.startsWith("+") ? v.substring(1) : v);
            } catch (NumberFormatException e) {
                throw error(node, key + " takes " + range + ", got " + describe(node));
            }
        }
        String quoted = node instanceof ScalarNode s && s.getTag().equals(Tag.STR)
                && s.getValue().strip().matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?") ? " (a quoted text: remove the quotes)" : "";
        throw error(node, key + " takes " + range + ", got " + describe(node) + quoted);
    }
}
