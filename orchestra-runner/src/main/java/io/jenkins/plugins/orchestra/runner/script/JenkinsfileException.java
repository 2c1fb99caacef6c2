package io.jenkins.plugins.orchestra.runner.script;

import io.jenkins.plugins.orchestra.OrchestraException;

/** A Jenkinsfile that cannot run as written: a syntax error, an invalid Declarative structure. */
public final class JenkinsfileException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    public JenkinsfileException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
