package io.jenkins.plugins.orchestra.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What every channel does alike, from its settings and the {@code notify} call: when to send, whether a failed send
 * fails the step, how hard to try, and the templates.
 *
 * @param when send if any of these holds
 * @param required a send that fails after its retries fails the step; otherwise it is a warning
 * @param retries attempts after the first, for failures that may pass (timeouts, 5xx, 429)
 * @param backoff the wait before the first retry; it doubles at each retry (with jitter), up to {@link #MAX_BACKOFF}
 * @param timeout how long one attempt may take
 * @param title the title template, or {@code null} for the default
 * @param message the body template, or {@code null} for the default
 * @param logLines how many last lines of the failing stage's log a message shows
 */
public record Policy(
        Set<Condition> when,
        boolean required,
        int retries,
        Duration backoff,
        Duration timeout,
        MessageTemplate title,
        MessageTemplate message,
        int logLines) {
    /** The settings every channel has besides its own. */
    public static final Set<String> SETTINGS =
            Set.of("when", "required", "retries", "backoff", "timeout", "title", "message", "logLines");

    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_LOG_LINES = 20;
    /** The longest wait between two attempts, whatever the backoff. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** The longest {@code Retry-After} honoured; a service that asks for more gets no more attempts. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    public Policy {
        when = Set.copyOf(when);
        if (when.isEmpty()) {
            throw new IllegalArgumentException("when must name at least one condition");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + retries);
        }
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(timeout, "timeout");
        if (backoff.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "backoff and timeout must be positive, were " + backoff + ", " + timeout);
        }
        if (logLines < 0) {
            throw new IllegalArgumentException("logLines must not be negative, was " + logLines);
        }
    }

    /** The policy in these settings, with the defaults for what they leave out. */
    public static Policy of(ChannelSettings settings) {
        Set<Condition> when;
        try {
            when = settings.has("when") ? Condition.parse(settings.values().get("when")) : Set.of(Condition.ALWAYS);
        } catch (IllegalArgumentException e) {
            throw settings.invalid(e.getMessage());
        }
        return new Policy(
                when,
                settings.bool("required", false),
                settings.integer("retries", DEFAULT_RETRIES, 0, 10),
                settings.duration("backoff", DEFAULT_BACKOFF),
                settings.duration("timeout", DEFAULT_TIMEOUT),
                template(settings, "title"),
                template(settings, "message"),
                settings.integer("logLines", DEFAULT_LOG_LINES, 0, 1000));
    }

    private static MessageTemplate template(ChannelSettings settings, String key) {
        Object v = settings.values().get(key);
        if (v == null) {
            return null;
        }
        return MessageTemplate.parse(key, v.toString());
    }
}
