package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One condition of a {@code when} block: {@code branch 'main'}, {@code environment name: 'X', value: 'y'}, {@code
 * expression { … }}, or {@code not}/{@code allOf}/{@code anyOf} around others.
 *
 * @param name the condition as written
 * @param arguments its arguments as written
 * @param children the conditions inside it, for {@code not}, {@code allOf} and {@code anyOf}
 * @param expression for {@code expression}: where its closure is
 * @param at where it is
 */
public record WhenCondition(
        String name, Arguments arguments, List<WhenCondition> children, Optional<CodeBlock> expression, Position at) {
    public WhenCondition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        children = List.copyOf(children);
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(at, "at");
    }
}
