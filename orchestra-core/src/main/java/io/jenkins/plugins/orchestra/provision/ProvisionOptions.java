package io.jenkins.plugins.orchestra.provision;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The arguments every tool takes.
 *
 * @param tool the tool's name: {@code ansible}, {@code terraform}, {@code tofu}, {@code shell}
 * @param dir the directory to run in, relative to the workspace; empty for the current directory
 * @param env variables added to the tool's environment
 * @param secretEnv variables added to the tool's environment from {@code string} credentials: name to credentials id
 * @param timeout how long the whole call may run before every process it started is killed; empty for no limit
 * @param dryRun run the tool's own plan or check mode only (the run's own dry run does this too)
 */
public record ProvisionOptions(
        String tool,
        Optional<String> dir,
        Map<String, String> env,
        Map<String, String> secretEnv,
        Optional<Duration> timeout,
        boolean dryRun) {
    public ProvisionOptions {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(dir, "dir");
        dir.ifPresent(d -> {
            if (d.isBlank()) {
                throw new IllegalArgumentException("dir must not be blank");
            }
        });
        env = names("env", env);
        secretEnv = names("secretEnv", secretEnv);
        secretEnv.forEach((name, id) -> {
            if (id.isBlank()) {
                throw new IllegalArgumentException("secretEnv." + name + " must be a credentials id, was ''");
            }
        });
        Objects.requireNonNull(timeout, "timeout");
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + t);
            }
        });
    }

    /** Reads the common arguments. */
    static ProvisionOptions from(ToolArguments args) {
        try {
            return new ProvisionOptions(
                    args.tool(),
                    args.string("dir"),
                    args.stringMap("env"),
                    args.stringMap("secretEnv"),
                    args.duration("timeout"),
                    args.bool("dryRun", false));
        } catch (IllegalArgumentException e) {
            throw args.invalid(e.getMessage());
        }
    }

    private static Map<String, String> names(String field, Map<String, String> variables) {
        Objects.requireNonNull(variables, field);
        variables.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(
                        field + " names must be non-empty, without '=' or NUL, was " + ToolArguments.show(name));
            }
            Objects.requireNonNull(value, field + "." + name);
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
