package org.gsmile.odd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code templates}: the text a scenario becomes, with slots {@code {dimension}} (the
 * value's name) and {@code {dimension.attribute}} (the text the value gives the attribute), and the
 * words of that text that are ground-truth relevant, slots allowed. A scenario uses the first
 * template whose {@code when} it agrees with (a template without {@code when} takes every scenario).
 *
 * @param when     dimension to the values it takes; empty for every scenario
 * @param text     as written, slots unfilled
 * @param relevant as written, slots unfilled
 * @param line     where the entry starts in the taxonomy file
 */
public record Template(Map<String, List<String>> when, String text, List<String> relevant, int line) {
    public Template {
        Map<String, List<String>> w = new LinkedHashMap<>();
        when.forEach((k, v) -> w.put(k, List.copyOf(v)));
        when = java.util.Collections.unmodifiableMap(w);
        Objects.requireNonNull(text, "text");
        relevant = List.copyOf(relevant);
    }
}
