package io.jenkins.plugins.orchestra.deploy;

import java.util.Objects;

/**
 * What a command run on a host gave back.
 *
 * @param exitCode its exit status
 * @param stdout its standard output, decoded as UTF-8
 * @param stderr its standard error, decoded as UTF-8
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** The last non-blank line of stderr, else of stdout, for one-line error messages; empty if both are blank. */
    public String lastLine() {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
