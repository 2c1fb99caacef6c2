package io.jenkins.plugins.orchestra.coordinator;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How often and how soon a failed stage is tried again.
 *
 * @param count how many times to retry after the first attempt (so at most {@code count + 1} attempts)
 * @param initialBackoff the wait before the first retry; zero retries at once
 * @param maxBackoff the longest wait between two attempts
 * @param multiplier how much the wait grows from one retry to the next (at least 1)
 * @param jitter the fraction of each wait that is randomised, from 0 (none) to 1, so that many stages retrying at once
 *     do not all hit the same service together; the random part is derived from the run, stage and attempt, so a
 *     resumed run waits the same
 * @param on the failure kinds that are retried (never {@code aborted} or {@code rejected})
 */
public record RetryPolicy(
        int count,
        Duration initialBackoff,
        Duration maxBackoff,
        double multiplier,
        double jitter,
        Set<FailureKind> on) {

    /** No retry. */
    public static final RetryPolicy NONE =
            new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1, 0, EnumSet.of(FailureKind.ERROR));

    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Set<FailureKind> DEFAULT_ON =
            EnumSet.of(FailureKind.ERROR, FailureKind.TIMEOUT, FailureKind.INFRASTRUCTURE);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "retry.backoff");
        Objects.requireNonNull(maxBackoff, "retry.maxBackoff");
        Objects.requireNonNull(on, "retry.on");
        Problems problems = new Problems();
        if (count < 0) {
            problems.add("retry.count", "must be at least 1, was " + count);
        }
        if (initialBackoff.isNegative()) {
            problems.add("retry.backoff", "must not be negative, was " + initialBackoff);
        }
        if (maxBackoff.isNegative()) {
            problems.add("retry.maxBackoff", "must not be negative, was " + maxBackoff);
        } else if (maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add(
                    "retry.maxBackoff",
                    "must be at least retry.backoff (" + Durations.format(initialBackoff) + "), was "
                            + Durations.format(maxBackoff));
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            problems.add("retry.multiplier", "must be at least 1, was " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            problems.add("retry.jitter", "must be between 0 and 1, was " + jitter);
        }
        if (on.isEmpty() && count > 0) {
            problems.add("retry.on", "must name at least one failure kind (error, timeout, infrastructure)");
        }
        if (on.contains(FailureKind.ABORTED) || on.contains(FailureKind.REJECTED)) {
            problems.add("retry.on", "cannot include aborted or rejected: those are never retried");
        }
        problems.throwIfAny();
        on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
    }

    /** {@code count} retries, the first after {@code backoff}, each wait twice the last, up to five minutes. */
    public static RetryPolicy of(int count, Duration backoff) {
        if (count < 1) {
            throw InvalidPlanException.ofField("retry.count", "must be at least 1, was " + count);
        }
        Duration max = backoff.compareTo(DEFAULT_MAX_BACKOFF) > 0 ? backoff : DEFAULT_MAX_BACKOFF;
        return new RetryPolicy(count, backoff, max, 2.0, 0.0, DEFAULT_ON);
    }

    public boolean retries(FailureKind kind) {
        return count > 0 && on.contains(kind);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry).
     *
     * @param seed mixes into the jitter so that different stages wait differently yet a resumed run waits the same
     */
    public Duration backoffBefore(int retry, long seed) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, was " + retry);
        }
        double base = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
        double capped = Math.min(base, maxBackoff.toNanos());
        if (jitter > 0) {
            double u = (mix(seed * 31 + retry) >>> 11) * 0x1.0p-53;
            capped = capped * (1 - jitter + 2 * jitter * u);
            capped = Math.min(capped, maxBackoff.toNanos());
        }
        return Duration.ofNanos((long) capped);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
