package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;

/**
 * An {@code exclude} block of a matrix: the cells that match all of its axes are left out.
 *
 * @param axes the axes that must all match
 * @param at where it is
 */
public record MatrixExclude(List<MatrixAxis> axes, Position at) {
    public MatrixExclude {
        axes = List.copyOf(axes);
        Objects.requireNonNull(at, "at");
    }
}
