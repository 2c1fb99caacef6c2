package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Objects;

/**
 * One line of an {@code environment} block: {@code NAME = value}.
 *
 * @param name the variable's name
 * @param kind what the value is
 * @param value a literal's value; an interpolated string's text between its quotes; the credentials id; or an
 *     expression's Groovy source
 * @param code where the value expression is, for the runtime to evaluate it
 * @param at where the name is
 */
public record EnvironmentEntry(String name, Kind kind, String value, CodeBlock code, Position at) {
    /** What an environment value is. */
    public enum Kind {
        /** A constant: {@code 'text'}, {@code "text"}, {@code 42}, or constants joined with {@code +}. */
        LITERAL,
        /** A string with {@code ${…}} in it, evaluated at run time. */
        INTERPOLATED,
        /** {@code credentials('id')}: {@code value} is the id. */
        CREDENTIALS,
        /** Another function call, evaluated at run time. */
        EXPRESSION
    }

    public EnvironmentEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(at, "at");
    }
}
