package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.OrchestraException;

/**
 * {@code notify} cannot do what it was asked: its arguments or a channel's settings are wrong ({@link #invalid}), or a
 * send that was {@code required} failed ({@link #failed}). The message is one line and holds no secret.
 */
public final class NotifyException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    private NotifyException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** Wrong arguments or settings: the same call fails until somebody changes them. */
    public static NotifyException invalid(String message) {
        return new NotifyException(message, false);
    }

    /** A required notification was not sent; calling again may succeed. */
    public static NotifyException failed(String message) {
        return new NotifyException(message, true);
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }
}
