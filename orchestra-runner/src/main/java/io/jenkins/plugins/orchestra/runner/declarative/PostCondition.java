package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;

/**
 * One condition of a {@code post} section: {@code always { … }}, {@code failure { … }}…
 *
 * @param condition the condition as written
 * @param code where its closure is
 * @param steps the steps Declarative saw in it
 * @param at where it is
 */
public record PostCondition(String condition, CodeBlock code, List<StepCall> steps, Position at) {
    public PostCondition {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(code, "code");
        steps = List.copyOf(steps);
        Objects.requireNonNull(at, "at");
    }
}
