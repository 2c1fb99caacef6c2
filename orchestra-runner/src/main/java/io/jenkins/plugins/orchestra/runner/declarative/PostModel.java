package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code post} section of the pipeline or of a stage.
 *
 * @param conditions its conditions in the order written
 * @param at where the section is
 */
public record PostModel(List<PostCondition> conditions, Position at) {
    public PostModel {
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(at, "at");
    }

    /** The block for {@code condition}, if the section has one. */
    public Optional<PostCondition> condition(String condition) {
        return conditions.stream().filter(c -> c.condition().equals(condition)).findFirst();
    }
}
