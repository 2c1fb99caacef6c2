package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The one timer of a live {@code orchestrate} block, on Jenkins' shared scheduler: armed for the time the coordinator
 * next has something due (a retry backoff, a timeout), replaced each time the coordinator is driven. Not thread-safe:
 * its block calls it holding its own lock.
 */
@Restricted(NoExternalUse.class)
final class Wakeup {
    private final InstantSource clock;
    private ScheduledFuture<?> pending;

    Wakeup(InstantSource clock) {
        this.clock = clock;
    }

    /** Cancels the wakeup armed before and, if something is due, runs {@code wake} at that time (or at once). */
    void arm(Optional<Instant> due, Runnable wake) {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        due.ifPresent(at -> {
            long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
            pending = Timer.get().schedule(wake, delay, TimeUnit.MILLISECONDS);
        });
    }
}
