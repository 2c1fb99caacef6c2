package io.jenkins.plugins.orchestra.host;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.util.Collection;

/**
 * Credentials that cannot be had: no credentials of that id, credentials of another kind, a credentials store that
 * cannot be read. The message is one line, worded as Jenkins' Credentials Binding words it where it has the case, and
 * never holds a secret value. Not retryable: the same lookup fails until somebody changes the store.
 */
public class CredentialsException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    protected CredentialsException(String message) {
        super(message);
    }

    protected CredentialsException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * No credentials with this id: {@code Could not find credentials entry with ID 'x' (did you mean 'y'?)}, then the
     * host's advice if it has some.
     *
     * @param knownIds the ids the store has, for "did you mean"
     * @param advice where the user could define the credentials, appended after a semicolon; empty for none
     */
    public static CredentialsException notFound(String id, Collection<String> knownIds, String advice) {
        String message = "Could not find credentials entry with ID '" + id + "'"
                + Suggestions.closest(id, knownIds)
                        .map(m -> " (did you mean '" + m + "'?)")
                        .orElse("");
        return new CredentialsException(advice.isEmpty() ? message : message + "; " + advice);
    }

    /** Credentials of another kind: {@code Credentials 'x' is of type 'usernamePassword' where 'string' was expected}. */
    public static CredentialsException wrongType(String id, CredentialType actual, CredentialType expected) {
        return new CredentialsException(
                "Credentials '" + id + "' is of type '" + actual + "' where '" + expected + "' was expected");
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
