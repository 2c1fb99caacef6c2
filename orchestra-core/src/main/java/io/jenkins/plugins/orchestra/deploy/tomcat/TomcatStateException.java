package io.jenkins.plugins.orchestra.deploy.tomcat;

import io.jenkins.plugins.orchestra.OrchestraException;

/**
 * What the step keeps on its side of a {@code tomcat} target cannot be used: the WAR to deploy or a kept WAR cannot
 * be read or copied, a release record is damaged, or there is no earlier WAR to roll back to. Not retryable.
 */
public final class TomcatStateException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    TomcatStateException(String message) {
        super(message);
    }

    TomcatStateException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
