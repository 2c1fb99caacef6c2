package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Objects;

/**
 * An option of the pipeline or of a stage: {@code timeout(time: 1, unit: 'HOURS')}, {@code retry(3)}, {@code
 * skipDefaultCheckout()}, {@code disableConcurrentBuilds()}, {@code timestamps()}, {@code buildDiscarder(…)}.
 *
 * @param name the option as written
 * @param arguments its arguments as written
 * @param at where it is declared
 */
public record OptionSpec(String name, Arguments arguments, Position at) {
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(at, "at");
    }
}
