package io.jenkins.plugins.orchestra.runner.config;

import io.jenkins.plugins.orchestra.OrchestraException;

/** The runner's configuration file cannot be used; the message names the file, and the line when known. */
public final class ConfigException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
