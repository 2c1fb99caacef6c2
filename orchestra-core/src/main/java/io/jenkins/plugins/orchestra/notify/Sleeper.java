package io.jenkins.plugins.orchestra.notify;

import java.time.Duration;

/** Waits between attempts; tests give one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the calling thread, which an abort interrupts. */
    static Sleeper real() {
        return d -> Thread.sleep(d.toMillis());
    }
}
