package io.jenkins.plugins.orchestra.provision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One program a tool runs: its command line (never holding a secret: secrets go in files or the environment), the
 * variables it adds to the step's environment, and whether its standard output is kept for parsing (then only its
 * standard error is shown as it runs) or shown with the rest.
 */
public record ToolCommand(List<String> argv, Map<String, String> environment, boolean captureStdout) {
    public ToolCommand {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        environment =
                Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
    }

    /** The command line, with nothing added to the environment, its output shown. */
    public static ToolCommand of(List<String> argv) {
        return new ToolCommand(argv, Map.of(), false);
    }

    /** A copy that keeps standard output for parsing. */
    public ToolCommand capturingStdout() {
        return new ToolCommand(argv, environment, true);
    }

    /** A copy with these variables added to the environment. */
    public ToolCommand withEnvironment(Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(more);
        return new ToolCommand(argv, env, captureStdout);
    }
}
