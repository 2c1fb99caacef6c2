package io.jenkins.plugins.orchestra.deploy.ssh;

import io.jenkins.plugins.orchestra.OrchestraException;

/**
 * An {@code ssh} target is configured wrongly: the message names the field and the bad value, as in {@code
 * targets.web.port must be 1-65535, was 70000}. Not retryable: the configuration must change.
 */
public final class SshSettingsException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    public SshSettingsException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
