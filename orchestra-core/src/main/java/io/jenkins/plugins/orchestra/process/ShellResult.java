package io.jenkins.plugins.orchestra.process;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a script ended when it ended by itself.
 *
 * @param exitCode the shell's exit code: 0, or any code when {@link ShellScript#returnStatus()} was asked
 * @param stdout the script's standard output when {@link ShellScript#stdout()} asked to return it, else empty
 * @param duration how long the script ran
 */
public record ShellResult(int exitCode, Optional<String> stdout, Duration duration) {
    /** Validates every field. */
    public ShellResult {
        Objects.requireNonNull(stdout, "stdout is required; use Optional.empty() when not returned");
        Objects.requireNonNull(duration, "duration is required");
    }

    /** Leaves the returned stdout out, which may hold a secret. */
    @Override
    public String toString() {
        return "ShellResult[exitCode=" + exitCode
                + stdout.map(s -> ", stdout of " + s.length() + " chars").orElse("") + ", duration="
                + Durations.format(duration) + "]";
    }
}
