package org.gsmile.odd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One dimension of a taxonomy: its name, the group it belongs to in the hierarchy (for driving
 * scenes the ODD groups of BSI PAS 1883 / ISO 34503: {@code scenery}, {@code environment},
 * {@code dynamic}), its values in file order, and the texts its values give to template slots
 * {@code {name.attribute}}.
 *
 * @param name       letters, digits, '_' and '-', starting with a letter; unique in the taxonomy
 * @param group      the group's name, as written
 * @param values     one or more, distinct, in file order
 * @param attributes attribute name to (value to text); a value may lack an attribute (an error only
 *                   where an allowed scenario's template asks for it)
 */
public record Dimension(String name, String group, List<String> values, Map<String, Map<String, String>> attributes) {
    public Dimension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("dimension " + name + " has no values");
        }
        Map<String, Map<String, String>> a = new LinkedHashMap<>();
        attributes.forEach((k, v) -> a.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        attributes = java.util.Collections.unmodifiableMap(a);
    }

    /** Where the value stands in {@link #values}, or -1. */
    public int indexOf(String value) {
        return values.indexOf(value);
    }

    /** The text attribute {@code attribute} gives {@code value}, or null when it gives none. */
    public String attribute(String attribute, String value) {
        Map<String, String> m = attributes.get(attribute);
        return m == null ? null : m.get(value);
    }
}
