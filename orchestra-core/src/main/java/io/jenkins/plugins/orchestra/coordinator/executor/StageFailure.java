package io.jenkins.plugins.orchestra.coordinator.executor;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.FailureKind;

/** Thrown by a {@link StageAction} to fail its attempt with a stated kind and message. */
public final class StageFailure extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private final FailureKind kind;

    public StageFailure(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static StageFailure error(String message) {
        return new StageFailure(FailureKind.ERROR, message);
    }

    public static StageFailure infrastructure(String message) {
        return new StageFailure(FailureKind.INFRASTRUCTURE, message);
    }

    public Failure failure() {
        return new Failure(kind, getMessage());
    }

    @Override
    public boolean isRetryable() {
        return kind == FailureKind.INFRASTRUCTURE;
    }
}
