package io.jenkins.plugins.orchestra.provision.shell;

import java.util.Objects;
import java.util.Optional;

/**
 * A provisioning script.
 *
 * @param script run as the {@code sh} step runs a script ({@code sh -xe}, or the interpreter of its {@code #!} line)
 * @param dryRunScript run instead in a dry run, to say what the script would do; without it a dry run runs nothing
 */
public record ShellSpec(String script, Optional<String> dryRunScript) {
    public ShellSpec {
        Objects.requireNonNull(script, "script");
        if (script.isBlank()) {
            throw new IllegalArgumentException("script must not be blank");
        }
        Objects.requireNonNull(dryRunScript, "dryRunScript");
    }
}
