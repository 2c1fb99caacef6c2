package io.jenkins.plugins.orchestra.provision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link ToolCommand} ended.
 *
 * @param exitCode the program's exit code
 * @param stdout its standard output when {@link ToolCommand#captureStdout()} asked for it, else empty
 * @param lastLines the last lines it printed to the log (masked), for reading its error messages
 */
public record CommandResult(int exitCode, String stdout, List<String> lastLines) {
    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        lastLines = List.copyOf(lastLines);
    }

    /** Whether some line the program printed contains {@code text}. */
    public boolean printed(String text) {
        return lastLines.stream().anyMatch(l -> l.contains(text));
    }

    /**
     * The first error the program printed, as Terraform ({@code Error: Saved plan is stale}, also inside its {@code │}
     * frame) or Ansible ({@code ERROR! the playbook: x could not be found}) print errors.
     */
    public Optional<String> firstError() {
        for (String line : lastLines) {
            String l = line.strip();
            if (l.startsWith("│")) {
                l = l.substring(1).strip();
            }
            if (l.startsWith("Error: ") || l.startsWith("ERROR! ") || l.startsWith("fatal: ")) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
