package io.jenkins.plugins.orchestra.runner.resume;

import io.jenkins.plugins.orchestra.OrchestraException;

/** A run that cannot be resumed as asked: it finished, it is still running, or its state is unreadable. */
public final class ResumeException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    public ResumeException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
