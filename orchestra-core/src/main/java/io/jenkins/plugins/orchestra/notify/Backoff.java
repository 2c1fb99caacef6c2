package io.jenkins.plugins.orchestra.notify;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before retry {@code n}: {@code backoff × 2^(n-1)}, at most {@link Policy#MAX_BACKOFF}, with equal
 * jitter (a random point in its upper half) so that runs failing together do not retry together; or, when the service
 * said {@code Retry-After}, exactly that.
 */
final class Backoff {
    private final Duration first;
    private final RandomGenerator random;

    Backoff(Duration first, RandomGenerator random) {
        this.first = first;
        this.random = random;
    }

    /** @param retry 1 for the first retry */
    Duration before(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
        }
        long base = first.toMillis();
        long cap = Policy.MAX_BACKOFF.toMillis();
        long delay = retry > 31 ? cap : Math.min(cap, base << Math.min(retry - 1, 30));
        if (delay < 0) {
            delay = cap;
        }
        long half = delay / 2;
        return Duration.ofMillis(half + random.nextLong(delay - half + 1));
    }
}
