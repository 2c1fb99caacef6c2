package io.jenkins.plugins.orchestra.provision;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;

/**
 * A {@code provision} step that could not do what it was asked, with a one-line message for the user: bad arguments, a
 * tool that is not installed, a tool that failed, a Terraform plan that went stale. Never holds a secret value.
 *
 * <p>Retryable when trying again unchanged may help: an unreachable host, a state lock held by another run.
 */
public class ProvisionException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    protected ProvisionException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** A failure that the same call would meet again: a failed task, a refused plan. */
    public static ProvisionException failed(String message) {
        return new ProvisionException(message, false);
    }

    /** A failure that may go away by itself: an unreachable host, a state lock held by someone else. */
    public static ProvisionException retryable(String message) {
        return new ProvisionException(message, true);
    }

    /** A bad argument; the message names the argument and the bad value. */
    public static InvalidArgument invalid(String message) {
        return new InvalidArgument(message);
    }

    /**
     * The tool's program is not installed: {@code ansible-playbook was not found on PATH (/usr/bin:/bin); install
     * Ansible: apt-get install ansible}.
     */
    public static ProvisionException missingTool(String binary, String searched, String installHint) {
        return new ProvisionException(binary + " was not found " + searched + "; " + installHint, false);
    }

    /** The step ran past its {@code timeout}; every process it had started was killed. */
    public static ProvisionException timedOut(String what, Duration timeout) {
        return new ProvisionException(
                what + " timed out after " + Durations.format(timeout) + "; all its processes were killed", false);
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }

    /** A bad argument of the step: hosts add where it was written ({@code @ line 12}). */
    public static final class InvalidArgument extends ProvisionException {
        private static final long serialVersionUID = 1L;

        private InvalidArgument(String message) {
            super(message, false);
        }
    }
}
