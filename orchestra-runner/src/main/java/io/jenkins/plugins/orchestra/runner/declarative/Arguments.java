package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The arguments of an option, a parameter or a {@code when} condition, as written: {@code timeout(time: 5, unit:
 * 'MINUTES')} has two named ones, {@code retry(3)} one positional. A constant is kept as its value ({@code 5}, {@code
 * MINUTES}), an interpolated string as its text between the quotes, anything else as its Groovy source.
 *
 * @param named the named arguments in the order written
 * @param positional the other arguments in the order written
 */
public record Arguments(Map<String, String> named, List<String> positional) {
    /** No arguments at all. */
    public static final Arguments NONE = new Arguments(Map.of(), List.of());

    public Arguments {
        named = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(named, "named")));
        positional = List.copyOf(Objects.requireNonNull(positional, "positional"));
    }

    /** The named argument {@code name}, or the only positional argument when there is one and nothing is named. */
    public Optional<String> value(String name) {
        if (named.containsKey(name)) {
            return Optional.of(named.get(name));
        }
        return named.isEmpty() && positional.size() == 1 ? Optional.of(positional.get(0)) : Optional.empty();
    }

    public boolean isEmpty() {
        return named.isEmpty() && positional.isEmpty();
    }
}
