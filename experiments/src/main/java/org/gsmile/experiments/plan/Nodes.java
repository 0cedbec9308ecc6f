package org.gsmile.experiments.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
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
import org.gsmile.odd.YamlText;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reading a composed YAML tree (SnakeYAML Engine nodes, each with its position) with one-line errors
 * that point at the node: mappings with only known keys, lists, and typed scalars.
 */
final class Nodes {
    /** The file as the user named it, the prefix of every error. */
    final String file;

    Nodes(String file) {
        this.file = file;
    }

    // ---- errors ------------------------------------------------------------------------------

    ExperimentFileException error(Node node, String what) {
        return error(node.getStartMark(), what);
    }

    ExperimentFileException error(Optional<Mark> mark, String what) {
        return mark.map(m -> new ExperimentFileException(file, m.getLine() + 1, m.getColumn() + 1, what))
                .orElseGet(() -> new ExperimentFileException(file, 0, 0, what));
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** {@code line 12} for "(first at line 12)". */
    static String at(Node node) {
        return "line " + line(node);
    }

    // ---- keys --------------------------------------------------------------------------------

    /**
     * Checks every mapping of the tree, in file order, before anything else is read: each key is a
     * name (a scalar, not null), none is given twice. SnakeYAML Engine leaves duplicates to its
     * constructor, which a composed tree never meets.
     */
    void checkKeys(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;   // an alias of a node already checked
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

    /**
     * The entries of a mapping by key, in file order, every key one of {@code valid}.
     *
     * @param where for "unknown key 'x' in WHERE"; empty at the top level
     * @param hint  for a key that belongs elsewhere, what to say instead ("samples is an explainer
     *              setting: ..."); null when it has nothing to say
     */
    Map<String, NodeTuple> entries(MappingNode map, String where, Collection<String> valid,
                                   Function<String, String> hint) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
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

    // The wording shared with the other YAML files of the project: see YamlText.

    static String nearest(String given, Collection<String> valid) {
        return YamlText.nearest(given, valid);
    }

    static String names(Collection<String> names) {
        return YamlText.names(names);
    }

    static String all(Collection<String> names) {
        return YamlText.all(names);
    }

    static boolean isNull(Node node) {
        return YamlText.isNull(node);
    }

    static String describe(Node node) {
        return YamlText.describe(node);
    }

    /** A mapping, or an error naming what {@code key} takes. */
    MappingNode mapping(Node node, String key, String example) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, key + " takes a mapping of keys" + example + ", got " + describe(node));
    }

    /** The items of a list that has at least one, or an error naming what {@code key} takes. */
    List<Node> list(Node node, String key, String example) {
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
    String text(Node node, String key) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        throw error(node, key + " takes a text, got " + describe(node));
    }

    /** A text that is not blank. */
    String nonBlank(Node node, String key, String example) {
        String t = text(node, key);
        if (t.isBlank()) {
            throw error(node, key + " is empty: give " + example);
        }
        return t;
    }

    /** A name typed as a plain text (a YAML string), for the names of choices. */
    String name(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            return s.getValue();
        }
        throw error(node, key + " takes a name, got " + describe(node));
    }

    static boolean isText(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.STR);
    }

    /**
     * A whole number in [min, max]; a number like {@code 32.0} is whole. {@code range} says what is
     * accepted in the error ("a whole number", "a whole number from 1 to 1000").
     */
    long whole(Node node, String key, long min, long max, String range) {
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

    int wholeInt(Node node, String key, int min, int max, String range) {
        return (int) whole(node, key, min, max, range);
    }

    /** true or false. */
    boolean bool(Node node, String key) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return s.getValue().equalsIgnoreCase("true");
        }
        throw error(node, key + " takes true or false, got " + describe(node));
    }

    /** A finite number. */
    double number(Node node, String key) {
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
