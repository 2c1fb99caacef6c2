package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step in a {@code steps} block or a post condition, as far as Declarative looks into it: its name, the steps of
 * its block ({@code dir('x') { … }}), and for {@code script { … }} where the script is. What is inside a script is
 * Groovy, not Declarative, and is not looked into.
 *
 * @param name the step's name
 * @param at where it is
 * @param children the steps in its block, if it has one
 * @param script for {@code script}: where its closure is
 * @param branches for the legacy {@code parallel(a: { … }, b: { … })} written as a stage's only step: each branch's
 *     steps by branch name; empty otherwise
 */
public record StepCall(
        String name,
        Position at,
        List<StepCall> children,
        Optional<CodeBlock> script,
        Map<String, List<StepCall>> branches) {
    public StepCall {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        children = List.copyOf(children);
        Objects.requireNonNull(script, "script");
        Map<String, List<StepCall>> copy = new LinkedHashMap<>();
        branches.forEach((branch, steps) -> copy.put(branch, List.copyOf(steps)));
        branches = Collections.unmodifiableMap(copy);
    }
}
