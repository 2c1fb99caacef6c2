package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;

/**
 * A {@code stages} or {@code parallel} block: stages that run one after the other, or side by side.
 *
 * @param stages the stages in the order written
 * @param at where the block is
 */
public record StagesBlock(List<StageModel> stages, Position at) {
    public StagesBlock {
        stages = List.copyOf(stages);
        Objects.requireNonNull(at, "at");
    }
}
