package org.gsmile.experiments.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gsmile.core.spec.ExplanationSpec;

/**
 * The explainer settings of an experiment: those fixed for every cell, the axes varied, how they
 * are combined, and the resulting grid points, each with the spec it builds.
 *
 * <p>Values are held as the file gives them, after checking: names of choices by their label
 * ({@code "gaussian"}), whole numbers as Integer, other numbers ({@code keep}, {@code sigma}) as
 * Double, {@code samples: auto} as {@code "auto"}.
 *
 * @param fixed   explainer settings given as one value, by key, in file order
 * @param axes    explainer settings given as a list, in file order
 * @param zip     groups of axes varied together (the i-th values of each), as the file names them
 * @param exclude the partial assignments removed from the grid, as given
 * @param points  the grid points left, in order (the first axis varies slowest); one point,
 *                {@code default}, when there is no axis
 */
public record Grid(Map<String, Object> fixed, List<Axis> axes, List<List<String>> zip,
                   List<Map<String, Object>> exclude, List<Point> points) {
    public Grid {
        fixed = copy(fixed);
        axes = List.copyOf(axes);
        zip = zip.stream().map(List::copyOf).toList();
        exclude = exclude.stream().map(Grid::copy).toList();
        points = List.copyOf(points);
    }

    /** An explainer setting given as a list of values. */
    public record Axis(String key, List<Object> values) {
        public Axis {
            Objects.requireNonNull(key, "key");
            values = List.copyOf(values);
        }
    }

    /**
     * One combination of axis values.
     *
     * @param label  {@code key=value} for each axis, in axis order, separated by spaces
     *               ({@code samples=32 kernel=shapley}); {@code default} without axes
     * @param values the axis values of this point, by key, in axis order
     * @param spec   the spec of the fixed settings with these values
     */
    public record Point(String label, Map<String, Object> values, ExplanationSpec spec) {
        public Point {
            Objects.requireNonNull(label, "label");
            values = copy(values);
            Objects.requireNonNull(spec, "spec");
        }
    }

    static <V> Map<String, V> copy(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
