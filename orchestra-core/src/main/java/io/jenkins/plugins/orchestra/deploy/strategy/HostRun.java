package io.jenkins.plugins.orchestra.deploy.strategy;

import io.jenkins.plugins.orchestra.deploy.HostOutcome;
import io.jenkins.plugins.orchestra.deploy.HostResult;
import io.jenkins.plugins.orchestra.deploy.ReleaseState;
import io.jenkins.plugins.orchestra.deploy.TargetHost;
import java.time.Duration;
import java.util.Optional;

/**
 * One host during a deploy: what it had, what was done to it so far. Worked on by one thread at a time; the pool's
 * hand-over between phases publishes its fields.
 */
public final class HostRun {
    final String name;
    final TargetHost host;
    final ReleaseState before;
    volatile HostOutcome outcome = HostOutcome.NOT_STARTED;
    volatile Optional<String> version = Optional.empty();
    volatile Optional<String> live;
    volatile Optional<String> slot = Optional.empty();
    volatile boolean switched;
    volatile boolean rollbackTried;
    volatile String error;
    /** Whether what failed this host may pass on another try (it could not be reached, a command timed out). */
    volatile boolean retryable;

    volatile long nanos;

    /** @param before what the host had, read under the lock */
    public HostRun(TargetHost host, ReleaseState before) {
        this.name = host.name();
        this.host = host;
        this.before = before;
        this.live = before.current();
    }

    public String name() {
        return name;
    }

    public TargetHost host() {
        return host;
    }

    public ReleaseState before() {
        return before;
    }

    boolean failed() {
        return error != null;
    }

    /** Records {@code message} as why this host failed, without a leading {@code host: }. */
    void fail(String message) {
        String m = message == null ? "failed" : message;
        error = m.startsWith(name + ": ") ? m.substring(name.length() + 2) : m;
    }

    /** What happened on this host so far. */
    public HostResult result() {
        return new HostResult(
                name, before.current(), version, outcome, live, Duration.ofNanos(nanos), Optional.ofNullable(error));
    }
}
