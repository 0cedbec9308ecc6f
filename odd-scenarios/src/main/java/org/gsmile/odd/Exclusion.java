package org.gsmile.odd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code exclude}: a partial assignment. A scenario is excluded when, for every
 * dimension the entry names, its value is one of the entry's values for it ({@code {edit: night,
 * time: [dusk, night]}} excludes the night edit on a dusk or a night scene).
 *
 * @param values dimension to the values that match, in file order
 * @param line   where the entry starts in the taxonomy file, 1-based
 */
public record Exclusion(Map<String, List<String>> values, int line) {
    public Exclusion {
        Map<String, List<String>> v = new LinkedHashMap<>();
        values.forEach((k, l) -> v.put(k, List.copyOf(l)));
        values = java.util.Collections.unmodifiableMap(v);
    }

    /** Whether a full scenario (dimension to value) is excluded by this entry. */
    public boolean matches(Map<String, String> scenario) {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (!e.getValue().contains(scenario.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
