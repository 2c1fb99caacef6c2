package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The cells of a matrix: one value of each axis, less the excluded ones, in the order Jenkins runs them. */
public final class MatrixCells {
    private MatrixCells() {}

    /**
     * Every combination of one value per axis, less those that an {@code exclude} matches. Each cell maps axis names
     * to values in the order the axes are declared. The cells come in Jenkins' order: the first axis changes
     * fastest, so axes {@code OS [linux, mac]} and {@code JDK [17, 21]} give {@code linux/17, mac/17, linux/21,
     * mac/21}. A value listed twice in an axis makes one cell, not two.
     *
     * <p>An exclude matches a cell when each of its axes does: one with {@code values} when the cell's value is among
     * them, one with {@code notValues} when it is not; an axis the matrix does not have holds no value.
     */
    public static List<Map<String, String>> expand(List<MatrixAxis> axes, List<MatrixExclude> excludes) {
        Set<Map<String, String>> cells = new LinkedHashSet<>();
        cells.add(new LinkedHashMap<>());
        for (MatrixAxis axis : axes) {
            Set<Map<String, String>> previous = cells;
            cells = new LinkedHashSet<>();
            for (String value : axis.values()) {
                for (Map<String, String> cell : previous) {
                    Map<String, String> next = new LinkedHashMap<>(cell);
                    next.put(axis.name(), value);
                    cells.add(next);
                }
            }
        }
        for (MatrixExclude exclude : excludes) {
            cells.removeIf(cell -> matches(exclude, cell));
        }
        List<Map<String, String>> result = new ArrayList<>();
        cells.forEach(cell -> result.add(Collections.unmodifiableMap(cell)));
        return List.copyOf(result);
    }

    private static boolean matches(MatrixExclude exclude, Map<String, String> cell) {
        for (MatrixAxis axis : exclude.axes()) {
            boolean listed = cell.containsKey(axis.name()) && axis.values().contains(cell.get(axis.name()));
            if (listed == axis.notValues()) {
                return false;
            }
        }
        return true;
    }

    /** The name Jenkins gives a cell's stage: {@code Matrix - OS = 'linux', JDK = '17'}. */
    public static String stageName(Map<String, String> cell) {
        List<String> labels = new ArrayList<>();
        cell.forEach((axis, value) -> labels.add(axis + " = '" + value + "'"));
        return "Matrix - " + String.join(", ", labels);
    }
}
