package io.jenkins.plugins.orchestra.coordinator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Why a stage attempt failed, as far as retries care. */
public enum FailureKind {
    /** The stage's work failed: a non-zero exit, an exception, a failed health check. */
    ERROR,
    /** The stage ran past its {@code timeout}. */
    TIMEOUT,
    /** The machinery under the stage failed: an agent went away, a connection was reset. */
    INFRASTRUCTURE,
    /** Somebody or something aborted the stage (a user, {@code failFast}). Never retried. */
    ABORTED,
    /** An approver rejected the stage, or its approval timed out. Never retried. */
    REJECTED;

    /** The name users write ({@code error}, {@code timeout}, {@code infrastructure}). */
    public String userName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FailureKind fromUserName(String field, String text) {
        for (FailureKind kind : values()) {
            if (kind.userName().equalsIgnoreCase(text.strip())) {
                return kind;
            }
        }
        throw InvalidPlanException.ofField(
                field,
                "has unknown failure kind '" + text + "'; use one of "
                        + Arrays.stream(values()).map(FailureKind::userName).collect(Collectors.joining(", ")));
    }
}
