package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Objects;

/**
 * Something valid in Jenkins that the model records but does not carry, such as {@code tools} or a {@code docker}
 * agent; worth telling the user, not an error.
 *
 * @param message what was noted
 * @param at where
 */
public record Note(String message, Position at) {
    public Note {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
