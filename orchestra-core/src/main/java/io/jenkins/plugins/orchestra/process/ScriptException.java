package io.jenkins.plugins.orchestra.process;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;

/**
 * A script that did not succeed: it {@link Failed failed} with a non-zero exit code, {@link TimedOut timed out}, was
 * {@link Aborted aborted}, or {@link CannotStart could not start}. The message is one line, written for the user.
 *
 * <p>None is retryable: the same script fails the same way, a hung script would hang again, and an abort is a
 * person's decision. A stage's retry policy may still decide otherwise.
 */
public abstract sealed class ScriptException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private ScriptException(String message) {
        super(message);
    }

    private ScriptException(String message, Throwable cause) {
        super(message, cause);
    }

    static Failed failed(int exitCode) {
        return new Failed(exitCode);
    }

    static TimedOut timedOut(Duration timeout) {
        return new TimedOut(timeout);
    }

    static Aborted aborted(String reason) {
        return new Aborted(reason);
    }

    static CannotStart cannotStart(String why) {
        return new CannotStart(why, null);
    }

    static CannotStart cannotStart(String why, Throwable cause) {
        return new CannotStart(why, cause);
    }

    @Override
    public final boolean isRetryable() {
        return false;
    }

    /** The script ended with a non-zero exit code and its status was not asked for: {@code script returned exit code 2}. */
    public static final class Failed extends ScriptException {
        private static final long serialVersionUID = 1L;

        private final int exitCode;

        private Failed(int exitCode) {
            super("script returned exit code " + exitCode);
            this.exitCode = exitCode;
        }

        /** The shell's exit code; 128 + N when it was killed by signal N. */
        public int exitCode() {
            return exitCode;
        }
    }

    /** The script ran past its timeout and was killed with all its processes: {@code script timed out after 5m00s}. */
    public static final class TimedOut extends ScriptException {
        private static final long serialVersionUID = 1L;

        private final Duration timeout;

        private TimedOut(Duration timeout) {
            super("script timed out after " + Durations.format(timeout));
            this.timeout = timeout;
        }

        /** The timeout that was exceeded. */
        public Duration timeout() {
            return timeout;
        }
    }

    /**
     * The script was stopped, with all its processes, by a {@link Cancellation} or by interruption of the thread that
     * ran it (whose interrupt flag is then set again): {@code script was aborted: stopped by alice}.
     */
    public static final class Aborted extends ScriptException {
        private static final long serialVersionUID = 1L;

        private final String reason;

        private Aborted(String reason) {
            super(reason.isBlank() ? "script was aborted" : "script was aborted: " + reason);
            this.reason = reason;
        }

        /** The reason given to {@link Cancellation#cancel}, {@code interrupted} for an interruption. */
        public String reason() {
            return reason;
        }
    }

    /**
     * The script could not be started: the shell or the working directory is missing, the temporary directory cannot
     * be written. Nothing ran. {@code cannot run script: working directory /ws does not exist}.
     */
    public static final class CannotStart extends ScriptException {
        private static final long serialVersionUID = 1L;

        private CannotStart(String why, Throwable cause) {
            super("cannot run script: " + why, cause);
        }
    }
}
