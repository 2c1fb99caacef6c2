package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;

/**
 * A {@code steps} block: the closure the runtime runs, and the steps Declarative saw in it.
 *
 * @param code where the closure is
 * @param steps its steps in order
 */
public record StepsBlock(CodeBlock code, List<StepCall> steps) {
    public StepsBlock {
        Objects.requireNonNull(code, "code");
        steps = List.copyOf(steps);
    }
}
