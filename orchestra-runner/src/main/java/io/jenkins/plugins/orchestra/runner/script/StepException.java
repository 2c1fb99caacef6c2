package io.jenkins.plugins.orchestra.runner.script;

import io.jenkins.plugins.orchestra.OrchestraException;

/**
 * An expected failure of a step (Jenkins' {@code AbortException}): the run prints {@code ERROR: <message>} with no
 * stack trace and fails.
 */
public class StepException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    public StepException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
