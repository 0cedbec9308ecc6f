package org.gsmile.odd;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.gsmile.core.spec.Choice;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * How the project's YAML files (taxonomies here, experiment files in the experiments module) speak of
 * what they found: the key a misspelt one meant, lists of names, and how a value reads in
 * "got ...". One place, so both kinds of file word their mistakes alike.
 */
public final class YamlText {
    private YamlText() {
    }

    /**
     * The name a misspelt key most likely meant: the same ignoring case, '-', '_' and spaces; one
     * that holds it or that it holds; or the nearest within two edits (three for a long key); null
     * when none is close. Levenshtein distance by commons-text, as {@link Choice} does for values.
     */
    public static String nearest(String given, Collection<String> valid) {
        String g = squash(given);
        String best = null;
        int bestDistance = g.length() >= 8 ? 4 : 3;
        for (String v : valid) {
            String n = squash(v);
            int d = n.equals(g) ? 0
                    : g.length() >= 3 && (n.contains(g) || g.contains(n)) ? 1
                    : Choice.editDistance(n, g);
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String squash(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", "");
    }

    /** "a, b or c": the choices. */
    public static String names(Collection<String> names) {
        return join(names, " or ");
    }

    /** "a, b and c": all of them. */
    public static String all(Collection<String> names) {
        return join(names, " and ");
    }

    private static String join(Collection<String> names, String last) {
        List<String> l = List.copyOf(names);
        if (l.size() <= 1) {
            return String.join("", l);
        }
        return String.join(", ", l.subList(0, l.size() - 1)) + last + l.get(l.size() - 1);
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** How a value reads in "got ...": {@code 'many'}, {@code 32}, {@code true}, {@code nothing}, {@code a list}. */
    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing";
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL)) {
            return s.getValue();
        }
        String v = s.getValue();
        return "'" + (v.length() > 60 ? v.substring(0, 57) + "..." : v).replace("\n", "\\n") + "'";
    }
}
