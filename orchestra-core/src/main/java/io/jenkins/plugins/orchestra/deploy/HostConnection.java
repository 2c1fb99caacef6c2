package io.jenkins.plugins.orchestra.deploy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An open connection to one machine a release goes to: this machine for the {@code local} target, an SSH session
 * (exec channels and SFTP) for the {@code ssh} target. The release model ({@code releases/<version>}, {@code shared/},
 * the atomic {@code current} switch, the lock, the release log) is written once over this interface.
 *
 * <p>Paths are POSIX paths on that machine. Commands run with {@code /bin/sh -c}; callers quote every value they put
 * in one. A connection is used by one thread at a time and may be reused for many calls until {@link #close()}.
 */
public interface HostConnection extends AutoCloseable {
    /** The machine as users name it in tables and messages ({@code web1}, {@code 10.0.0.5:2222}). */
    String name();

    /**
     * Runs a shell command there and waits for it to end.
     *
     * @param timeout how long to wait before killing it and failing with {@link HostException}
     * @return its exit code and captured output (whatever the exit code)
     * @throws HostException if the command could not be run or did not end in time (the connection broke, the
     *     timeout passed), never for a non-zero exit
     * @throws InterruptedException if the calling thread is interrupted; the command is stopped
     */
    ExecResult exec(String command, Duration timeout) throws InterruptedException;

    /**
     * Copies a local file to {@code remotePath}, replacing it if it exists; the parent directory must exist. A failed
     * or interrupted upload may leave a partial file at {@code remotePath}: callers upload to a temporary name and
     * rename.
     *
     * @throws HostException if the copy fails (connection broken, no space left, permission denied), naming the path
     * @throws InterruptedException if the calling thread is interrupted
     */
    void upload(Path localFile, String remotePath) throws InterruptedException;

    /** Closes the connection; idempotent, never throws. */
    @Override
    void close();

    /** Convenience for callers that must fail on a non-zero exit: the exception names the action and the output. */
    default ExecResult execChecked(String action, String command, Duration timeout) throws InterruptedException {
        ExecResult result = exec(command, timeout);
        if (result.exitCode() != 0) {
            throw HostException.commandFailed(name(), action, result);
        }
        return result;
    }
}
