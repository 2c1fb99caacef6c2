package io.jenkins.plugins.orchestra.coordinator.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** A clock that moves only when told to: simulations, tests, and "what if" estimates run on it. */
public final class SimulatedClock implements InstantSource {
    private Instant now;

    public SimulatedClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** A clock at 2026-01-01T00:00:00Z. */
    public SimulatedClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant instant() {
        return now;
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back, was asked to move by " + by);
        }
        now = now.plus(by);
    }

    public void set(Instant to) {
        if (to.isBefore(now)) {
            throw new IllegalArgumentException("a clock does not go back from " + now + " to " + to);
        }
        now = to;
    }
}
