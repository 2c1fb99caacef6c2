package io.jenkins.plugins.orchestra.coordinator;

import java.util.Objects;

/**
 * Why a stage attempt failed.
 *
 * @param kind what kind of failure, which decides whether it is retried
 * @param message the cause as the user should read it: one line, no stack trace, no secret
 */
public record Failure(FailureKind kind, String message) {
    public Failure {
        Objects.requireNonNull(kind, "kind");
        message = message == null || message.isBlank() ? kind.userName() : message;
    }

    public static Failure error(String message) {
        return new Failure(FailureKind.ERROR, message);
    }

    public static Failure timeout(String message) {
        return new Failure(FailureKind.TIMEOUT, message);
    }

    public static Failure infrastructure(String message) {
        return new Failure(FailureKind.INFRASTRUCTURE, message);
    }

    public static Failure aborted(String message) {
        return new Failure(FailureKind.ABORTED, message);
    }

    public static Failure rejected(String message) {
        return new Failure(FailureKind.REJECTED, message);
    }

    @Override
    public String toString() {
        return kind.userName() + ": " + message;
    }
}
