package io.jenkins.plugins.orchestra.deploy;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Quotes values for {@code /bin/sh}: every value a deploy puts in a command (paths, versions, log lines, hook
 * variables) goes through {@link #quote}, so no value is ever parsed by the shell.
 */
public final class ShellQuote {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellQuote() {}

    /**
     * {@code value} as one shell word: in single quotes, each single quote written as {@code '\''}. The empty string
     * gives {@code ''}. NUL cannot be passed through a shell and is refused.
     */
    public static String quote(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot hold NUL");
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** {@code export A='x' B='y'; } for these variables, or the empty string when there are none. */
    public static String exports(Map<String, String> variables) {
        if (variables.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("export");
        variables.forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "environment variable name must be a shell name, was '" + name + "'");
            }
            s.append(' ').append(name).append('=').append(quote(value));
        });
        return s.append("; ").toString();
    }
}
