package io.jenkins.plugins.orchestra.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to abort, made from any thread, to the scripts run with it: a script that is running is stopped (its whole
 * process tree, {@code SIGTERM} then {@code SIGKILL}) and its {@link ShellRunner#run run} throws {@link
 * ScriptException.Aborted}; a script not started yet is not started. One cancellation may serve many runs, such as all
 * the scripts of a stage.
 *
 * <p>Asking again while processes are being stopped skips the rest of their grace period and kills them at once.
 */
public final class Cancellation {
    private final Object lock = new Object();
    private final List<Runnable> listeners = new ArrayList<>();
    private String reason;
    private int requests;

    /** A cancellation not requested yet. */
    public Cancellation() {}

    /**
     * Requests the abort. The first reason is kept and ends the failure's message ({@code script was aborted: reason});
     * it may be empty.
     */
    public void cancel(String reason) {
        Objects.requireNonNull(reason, "reason");
        List<Runnable> toWake;
        synchronized (lock) {
            if (this.reason == null) {
                this.reason = reason;
            }
            requests++;
            toWake = List.copyOf(listeners);
        }
        toWake.forEach(Runnable::run);
    }

    /** Whether {@link #cancel} has been called. */
    public boolean isCancelled() {
        return reason().isPresent();
    }

    /** The reason given to the first {@link #cancel}, if any. */
    public Optional<String> reason() {
        synchronized (lock) {
            return Optional.ofNullable(reason);
        }
    }

    int requests() {
        synchronized (lock) {
            return requests;
        }
    }

    /** Runs {@code wake} on every later {@link #cancel}; the returned action stops that. */
    Runnable onCancel(Runnable wake) {
        synchronized (lock) {
            listeners.add(wake);
        }
        return () -> {
            synchronized (lock) {
                listeners.remove(wake);
            }
        };
    }
}
