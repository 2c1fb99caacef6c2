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

    /**
     * How an exception from a stage's work reads as a failure: an interruption is {@code aborted}; an expected
     * failure ({@link io.jenkins.plugins.orchestra.OrchestraException}) keeps its message and is {@code
     * infrastructure} if retrying may help, else {@code error}; anything else is an {@code error} naming its class.
     */
    public static Failure of(Throwable t) {
        if (t instanceof InterruptedException) {
            return aborted("interrupted");
        }
        if (t instanceof io.jenkins.plugins.orchestra.OrchestraException e) {
            return e.isRetryable() ? infrastructure(e.getMessage()) : error(e.getMessage());
        }
        return error(t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
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
