package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;

/**
 * A stage's {@code when} block: all of its conditions must hold for the stage to run.
 *
 * @param conditions its conditions, all of which must hold
 * @param beforeAgent {@code beforeAgent true}: decide before allocating the stage's agent
 * @param beforeInput {@code beforeInput true}: decide before asking the stage's input
 * @param beforeOptions {@code beforeOptions true}: decide before applying the stage's options
 * @param at where the {@code when} block is
 */
public record WhenModel(
        List<WhenCondition> conditions, boolean beforeAgent, boolean beforeInput, boolean beforeOptions, Position at) {
    public WhenModel {
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(at, "at");
    }
}
