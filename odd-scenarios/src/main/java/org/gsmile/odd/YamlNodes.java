package org.gsmile.odd;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Reading a composed YAML tree (SnakeYAML Engine nodes, each with its position) with one-line errors
 * that point at the node, as the experiment files are read: mappings with only known keys, no key
 * given twice, non-empty lists, texts.
 */
final class YamlNodes {
    /** The file as the user named it, the prefix of every error. */
    final String file;

    YamlNodes(String file) {
        this.file = file;
    }

    // ---- the file ----------------------------------------------------------------------------

    /** The file's text: UTF-8, a byte order mark dropped; else one line naming the line of the first bad byte. */
    static String decode(byte[] bytes, String display) {
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
            throw new TaxonomyException(display, line, 0, "is not UTF-8 text (byte " + (in.position() + 1)
                    + "): save it as UTF-8");
        }
        d.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The root node, positions kept, every mapping's keys checked; malformed YAML is one line at its position. */
    Node compose(String source, String emptyHint) {
        LoadSettings settings = LoadSettings.builder().setLabel(file)
                .setSchema(new org.snakeyaml.engine.v2.schema.CoreSchema()).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(source);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            String problem = oneLine(e.getProblem() == null ? e.getMessage() : e.getProblem());
            String context = e.getContext() == null ? null : oneLine(e.getContext());
            if (context != null && context.startsWith("expected a single document")) {
                throw error(mark, "malformed YAML: the file holds more than one document (a second ---): keep one");
            }
            String hint = problem.startsWith("mapping values are not allowed") ? ": put a value that holds ': ' in quotes"
                    : "";
            throw error(mark, "malformed YAML: " + problem + (context == null ? "" : " (" + context + ")") + hint);
        } catch (YamlEngineException e) {
            throw new TaxonomyException(file, 0, 0, "malformed YAML: " + oneLine(e.getMessage()), e);
        }
        if (root.isEmpty() || isNull(root.get())) {
            throw new TaxonomyException(file, 1, 1, "the file is empty: " + emptyHint);
        }
        checkKeys(root.get());
        return root.get();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    // ---- errors ------------------------------------------------------------------------------

    TaxonomyException error(Node node, String what) {
        return error(node.getStartMark(), what);
    }

    TaxonomyException error(Optional<Mark> mark, String what) {
        return mark.map(m -> new TaxonomyException(file, m.getLine() + 1, m.getColumn() + 1, what))
                .orElseGet(() -> new TaxonomyException(file, 0, 0, what));
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
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
                        throw error(k, "key " + s.getValue() + " is given twice (first at line " + line(first)
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
    Map<String, NodeTuple> entries(MappingNode map, String where, Collection<String> valid) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = key(t);
            if (!valid.contains(key)) {
                String near = nearest(key, valid);
                String in = where.isEmpty() ? " at the top level" : " in " + where;
                throw error(t.getKeyNode(), "unknown key '" + key + "'" + in + ": "
                        + (near != null ? "did you mean " + near + "?" : "the keys are " + all(valid)));
            }
            out.put(key, t);
        }
        return out;
    }

    static String key(NodeTuple t) {
        return ((ScalarNode) t.getKeyNode()).getValue();
    }

    // The wording shared with the experiment files: see YamlText.

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
        throw error(node, key + " takes a mapping" + example + ", got " + describe(node));
    }

    /** A mapping with at least one entry. */
    MappingNode nonEmptyMapping(Node node, String key, String example) {
        MappingNode m = mapping(node, key, example);
        if (m.getValue().isEmpty()) {
            throw error(node, key + " is empty: give at least one entry" + example);
        }
        return m;
    }

    /** The items of a list that has at least one. */
    List<Node> list(Node node, String key, String example) {
        if (node instanceof SequenceNode q) {
            if (q.getValue().isEmpty()) {
                throw error(node, key + " is empty: give at least one" + example);
            }
            return q.getValue();
        }
        throw error(node, key + " takes a list" + example + ", got " + describe(node));
    }

    /** Any scalar but null, as written ({@code 7} is the text 7). */
    String text(Node node, String key) {
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
    String nonBlank(Node node, String key, String example) {
        String t = text(node, key);
        if (t.isBlank()) {
            throw error(node, key + " is empty: give " + example);
        }
        return t;
    }
}
