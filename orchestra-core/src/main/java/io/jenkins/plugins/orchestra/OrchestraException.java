package io.jenkins.plugins.orchestra;

/**
 * An expected failure with a message written for the user who caused it or must fix it. Hosts print the message
 * alone (Jenkins: {@code AbortException}); anything that is not an {@code OrchestraException} is a bug and keeps its
 * stack trace.
 *
 * <p>Whether trying again may help is part of the type: see {@link #isRetryable()}.
 */
public abstract class OrchestraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected OrchestraException(String message) {
        super(message);
    }

    protected OrchestraException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same call may succeed if made again unchanged (a network fault, a held lock). */
    public abstract boolean isRetryable();
}
