package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A build parameter: {@code string(name: 'TARGET', defaultValue: 'staging')}, {@code booleanParam}, {@code choice},
 * {@code text} or {@code password}.
 *
 * @param type the parameter type as written
 * @param arguments its arguments as written
 * @param at where it is declared
 */
public record ParameterSpec(String type, Arguments arguments, Position at) {
    public ParameterSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(at, "at");
    }

    /** The parameter's name: its {@code name} argument. */
    public Optional<String> name() {
        return Optional.ofNullable(arguments.named().get("name"));
    }

    /** Its default value; for a {@code choice}, the first choice. */
    public Optional<String> defaultValue() {
        if (type.equals("choice")) {
            return choices().stream().findFirst();
        }
        return Optional.ofNullable(arguments.named().get("defaultValue"));
    }

    /**
     * The choices of a {@code choice} parameter, written as a list or as lines of text (a list's items are kept one
     * a line); empty for other types.
     */
    public List<String> choices() {
        String choices = arguments.named().get("choices");
        if (choices == null || choices.isEmpty()) {
            return List.of();
        }
        return List.of(choices.split("\\r?\\n", -1));
    }
}
