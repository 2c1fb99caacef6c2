package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.OrchestraException;
import java.util.Objects;

/**
 * A host could not be used: unreachable, refused our credentials or its host key, a command or transfer failed. The
 * message starts with the host's name and says what to fix. Whether trying again may help is part of the kind.
 */
public final class HostException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, and whether trying again may help. */
    public enum Kind {
        /** Could not connect, or the connection broke: network, sshd down. Retryable. */
        UNREACHABLE(true),
        /** The host refused our credentials. */
        AUTHENTICATION_FAILED(false),
        /** The host's key is not the one known for it, or it is unknown and trust on first use is off. */
        HOST_KEY_REJECTED(false),
        /** A command ran and exited non-zero where success was required. */
        COMMAND_FAILED(false),
        /** A command did not end within its timeout. Retryable. */
        TIMED_OUT(true),
        /** A file could not be written there (no space, permissions). */
        TRANSFER_FAILED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final String host;
    private final Kind kind;

    public HostException(String host, Kind kind, String message) {
        super(host + ": " + message);
        this.host = Objects.requireNonNull(host, "host");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public HostException(String host, Kind kind, String message, Throwable cause) {
        super(host + ": " + message, cause);
        this.host = Objects.requireNonNull(host, "host");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static HostException commandFailed(String host, String action, ExecResult result) {
        String detail = result.lastLine();
        return new HostException(
                host,
                Kind.COMMAND_FAILED,
                action + " failed (exit code " + result.exitCode() + ")" + (detail.isEmpty() ? "" : ": " + detail));
    }

    public String host() {
        return host;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public boolean isRetryable() {
        return kind.retryable;
    }
}
