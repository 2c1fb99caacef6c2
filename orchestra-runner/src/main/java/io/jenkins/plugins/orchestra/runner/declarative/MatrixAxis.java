package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;

/**
 * An {@code axis} of a matrix, or of one of its {@code exclude} blocks.
 *
 * @param name the axis' name, empty when it has none
 * @param values its values: {@code values 'linux', 'windows'}; in an exclude, the values that match
 * @param notValues in an exclude, {@code notValues}: the axis matches every value but these
 * @param at where it is
 */
public record MatrixAxis(String name, List<String> values, boolean notValues, Position at) {
    public MatrixAxis {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        Objects.requireNonNull(at, "at");
    }
}
