package io.jenkins.plugins.orchestra.notify;

import java.util.List;
import java.util.Optional;

/**
 * A run's logs as the host keeps them, masked like the build log: a stage's last lines for a message, and an excerpt
 * to attach to an email. Read only when a notification needs them.
 */
public interface RunLogs {
    /** Up to {@code lines} last lines of the log of stage {@code stage}; empty if the host has none. */
    List<String> tail(String stage, int lines);

    /**
     * The last {@code maxBytes} bytes (at most) of the log of stage {@code stage}, or of the whole run's if {@code
     * stage} is {@code null} or has no log of its own.
     */
    Optional<LogExcerpt> excerpt(String stage, int maxBytes);

    /** Logs of a host that keeps none. */
    static RunLogs none() {
        return new RunLogs() {
            @Override
            public List<String> tail(String stage, int lines) {
                return List.of();
            }

            @Override
            public Optional<LogExcerpt> excerpt(String stage, int maxBytes) {
                return Optional.empty();
            }
        };
    }

    /**
     * Part of a log.
     *
     * @param name a file name for it ({@code Test.log})
     * @param truncated whether the log was longer than this
     */
    record LogExcerpt(String name, String text, boolean truncated) {}
}
