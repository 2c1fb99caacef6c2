package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.OrchestraException;
import java.util.Optional;

/**
 * A deploy that did not reach its goal, with a one-line message for the user: the target is not configured, a lock is
 * held, a version was already deployed with another artifact, hosts failed. When hosts were worked on, {@link
 * #result()} holds what happened on each (the step has printed it as a table).
 */
public final class DeployException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private final transient DeployResult result;
    private final boolean retryable;

    private DeployException(String message, DeployResult result, boolean retryable, Throwable cause) {
        super(message, cause);
        this.result = result;
        this.retryable = retryable;
    }

    /** The deploy was asked for something that cannot be done; nothing was changed. */
    public static DeployException invalid(String message) {
        return new DeployException("deploy: " + message, null, false, null);
    }

    /** Another run holds the lock of a target; nothing was changed. Retryable: the lock goes away. */
    public static DeployException locked(String message) {
        return new DeployException("deploy: " + message, null, true, null);
    }

    /** Nothing was changed because a host could not be used before the rollout started. */
    public static DeployException beforeRollout(String message, Throwable cause, boolean retryable) {
        return new DeployException("deploy: " + message, null, retryable, cause);
    }

    /** Hosts failed; {@code result} says what happened on each. Not retryable. */
    public static DeployException failed(String message, DeployResult result) {
        return failed(message, result, false);
    }

    /**
     * Hosts failed; {@code result} says what happened on each; {@code retryable} when every host failed for a reason
     * another try may get past (it could not be reached or a connection broke, a command timed out).
     */
    public static DeployException failed(String message, DeployResult result, boolean retryable) {
        return new DeployException("deploy: " + message, result, retryable, null);
    }

    /** What happened on each host, when the rollout had started. */
    public Optional<DeployResult> result() {
        return Optional.ofNullable(result);
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
