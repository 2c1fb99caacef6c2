package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.OrchestraException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt to send failed. {@link #isRetryable()} says whether another attempt may succeed (a timeout, a 5xx, a
 * rate limit) and {@link #retryAfter()} how long the service asked to wait, if it did. The message says what went
 * wrong in the service's words (HTTP status, Slack's error code, the SMTP reply) and never holds an endpoint, a token
 * or a password.
 */
public final class SendException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Duration retryAfter;

    private SendException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** A failure another attempt may get past: a timeout, a refused connection, a server error. */
    public static SendException retryable(String message) {
        return new SendException(message, true, null, null);
    }

    public static SendException retryable(String message, Throwable cause) {
        return new SendException(message, true, null, cause);
    }

    /** The service asked to wait: 429 (or 503) with {@code Retry-After}; empty if it did not say how long. */
    public static SendException rateLimited(String message, Optional<Duration> retryAfter) {
        return new SendException(message, true, retryAfter.orElse(null), null);
    }

    /** A failure that recurs until somebody changes something: a bad token, an unknown channel, a 4xx. */
    public static SendException permanent(String message) {
        return new SendException(message, false, null, null);
    }

    public static SendException permanent(String message, Throwable cause) {
        return new SendException(Objects.requireNonNull(message, "message"), false, null, cause);
    }

    @Override
    public boolean isRetryable() {
        return retryable;
    }

    /** How long the service asked to wait before the next attempt, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
