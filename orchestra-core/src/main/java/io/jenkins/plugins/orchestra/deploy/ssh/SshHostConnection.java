package io.jenkins.plugins.orchestra.deploy.ssh;

import io.jenkins.plugins.orchestra.deploy.ExecResult;
import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * One caller's use of a host's SSH session: commands on exec channels, uploads over an SFTP channel of its own. The
 * session belongs to the connector and outlives {@link #close()}, which closes only the SFTP channel, so that the next
 * {@code connect} of the same host reuses it.
 */
final class SshHostConnection implements HostConnection {
    /**
     * Bytes per SFTP write request. OpenSSH's sftp-server takes up to 256 KiB per message; the client keeps several
     * requests in flight, so the channel window, not round trips, bounds the throughput.
     */
    static final int SFTP_WRITE_SIZE = 252 * 1024;

    private static final System.Logger LOG = System.getLogger(SshHostConnection.class.getName());
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Map<String, Integer> SIGNALS =
            Map.of("HUP", 1, "INT", 2, "QUIT", 3, "ABRT", 6, "KILL", 9, "SEGV", 11, "PIPE", 13, "ALRM", 14, "TERM", 15);

    private final SshConnector connector;
    private final SshConnector.Slot slot;
    private SftpClient sftp;
    private ClientSession sftpSession;
    private boolean closed;

    SshHostConnection(SshConnector connector, SshConnector.Slot slot) {
        this.connector = connector;
        this.slot = slot;
    }

    @Override
    public String name() {
        return slot.name;
    }

    @Override
    public ExecResult exec(String command, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(command, "command");
        requirePositive(timeout);
        requireOpen();
        ClientSession session = slot.session();
        OutputTail out = new OutputTail();
        OutputTail err = new OutputTail();
        ShellPid pid = new ShellPid(err);
        ChannelExec channel;
        try {
            channel = session.createExecChannel(ShellPid.PREFIX + command);
            channel.setOut(out);
            channel.setErr(pid);
            OpenFuture opening = channel.open();
            if (!opening.await(OPEN_TIMEOUT, CancelOption.CANCEL_ON_TIMEOUT, CancelOption.CANCEL_ON_INTERRUPT)) {
                channel.close(true);
                throw lost(session, "the host did not open a channel for a command within 30s", null);
            }
            if (!opening.isOpened()) {
                channel.close(true);
                throw lost(session, "cannot start a command", opening.getException());
            }
            // nothing to send: the command sees end of input at once instead of waiting for it
            channel.getInvertedIn().close();
        } catch (InterruptedIOException e) {
            throw new InterruptedException("interrupted while starting a command on " + name());
        } catch (IOException | IllegalStateException e) {
            throw lost(session, "cannot start a command", e);
        }
        CountDownLatch ended = new CountDownLatch(1);
        channel.addCloseFutureListener(f -> ended.countDown());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!ended.await(
                    Math.min(100_000_000L, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                if (connector.host().cancellation().isCancelled()) {
                    stop(session, channel, pid);
                    throw new InterruptedException("cancelled while a command ran on " + name());
                }
                if (System.nanoTime() - deadline >= 0) {
                    stop(session, channel, pid);
                    throw new HostException(
                            name(),
                            HostException.Kind.TIMED_OUT,
                            "a command did not end within " + Durations.format(timeout) + " and was stopped: "
                                    + connector.host().mask(abbreviate(command)));
                }
            }
        } catch (InterruptedException e) {
            stop(session, channel, pid);
            throw e;
        }
        Integer status = channel.getExitStatus();
        String signal = channel.getExitSignal();
        if (status == null && signal == null) {
            throw lost(session, "the connection was lost while a command ran", null);
        }
        int code = status != null ? status : 128 + SIGNALS.getOrDefault(signal, 0);
        try {
            pid.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExecResult(code, out.text(), err.text());
    }

    @Override
    public void upload(Path localFile, String remotePath) throws InterruptedException {
        Objects.requireNonNull(localFile, "localFile");
        Objects.requireNonNull(remotePath, "remotePath");
        requireOpen();
        long size;
        try {
            size = Files.size(localFile);
        } catch (IOException e) {
            throw new HostException(
                    name(),
                    HostException.Kind.TRANSFER_FAILED,
                    "cannot read " + localFile + " to upload it to " + remotePath + ": " + SshConnector.describe(e));
        }
        SftpClient client = sftp();
        ClientSession session = sftpSession;
        boolean done = false;
        try (InputStream in = new Interruptible(Files.newInputStream(localFile));
                OutputStream out = client.write(
                        remotePath,
                        SFTP_WRITE_SIZE,
                        SftpClient.OpenMode.Write,
                        SftpClient.OpenMode.Create,
                        SftpClient.OpenMode.Truncate)) {
            if (out instanceof SftpOutputStreamAsync) {
                ((SftpOutputStreamAsync) out).transferFrom(in);
            } else {
                in.transferTo(out);
            }
            done = true;
        } catch (InterruptedIOException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while uploading to " + remotePath + " on " + name());
        } catch (SftpException e) {
            throw transferFailed(remotePath, size, e);
        } catch (IOException | IllegalStateException e) {
            if (!session.isOpen()) {
                throw lost(session, "the connection was lost while uploading to " + remotePath, e);
            }
            throw new HostException(
                    name(),
                    HostException.Kind.TRANSFER_FAILED,
                    "upload to " + remotePath + " failed: " + connector.host().mask(SshConnector.describe(e)),
                    e);
        } finally {
            if (!done) {
                // a failed or interrupted upload may leave requests in flight: start afresh next time
                closeSftp();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeSftp();
    }

    private SftpClient sftp() throws InterruptedException {
        ClientSession session = slot.session();
        if (sftp != null && sftp.isOpen() && sftpSession == session) {
            return sftp;
        }
        closeSftp();
        try {
            sftp = SftpClientFactory.instance().createSftpClient(session);
            sftpSession = session;
            return sftp;
        } catch (InterruptedIOException e) {
            throw new InterruptedException("interrupted while opening SFTP on " + name());
        } catch (IOException | RuntimeException e) {
            if (!session.isOpen()) {
                throw lost(session, "cannot open SFTP", e);
            }
            throw new HostException(
                    name(),
                    HostException.Kind.TRANSFER_FAILED,
                    "cannot open SFTP (is the sftp subsystem enabled in sshd_config?): " + SshConnector.describe(e),
                    e);
        }
    }

    private void closeSftp() {
        SshConnector.closeQuietly(sftp);
        sftp = null;
        sftpSession = null;
    }

    private HostException transferFailed(String remotePath, long size, SftpException e) throws InterruptedException {
        String reason;
        switch (e.getStatus()) {
            case SftpConstants.SSH_FX_NO_SUCH_FILE:
            case SftpConstants.SSH_FX_NO_SUCH_PATH:
                reason = "no such directory " + parent(remotePath);
                break;
            case SftpConstants.SSH_FX_PERMISSION_DENIED:
                reason = "permission denied";
                break;
            case SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM:
            case SftpConstants.SSH_FX_QUOTA_EXCEEDED:
                reason = "no space left on the device";
                break;
            case SftpConstants.SSH_FX_WRITE_PROTECT:
                reason = "read-only file system";
                break;
            case SftpConstants.SSH_FX_FAILURE:
                // OpenSSH's sftp-server says only "Failure" for a full disk or a read-only file system: ask df
                reason = diagnoseFailure(remotePath, size);
                break;
            default:
                reason = SftpConstants.getStatusName(e.getStatus()) + ": " + SshConnector.describe(e);
        }
        return new HostException(
                name(),
                HostException.Kind.TRANSFER_FAILED,
                "upload to " + remotePath + " failed: " + connector.host().mask(reason),
                e);
    }

    private String diagnoseFailure(String remotePath, long size) throws InterruptedException {
        String dir = parent(remotePath);
        String generic = "the host could not write it (a full disk or a read-only file system)";
        try {
            ExecResult df = exec("df -Pk -- " + quote(dir) + " | tail -n 1", Duration.ofSeconds(10));
            String[] fields = df.stdout().strip().split("\\s+");
            if (df.exitCode() != 0 || fields.length < 6 || !fields[3].matches("\\d+")) {
                return generic;
            }
            long freeKib = Long.parseLong(fields[3]);
            if (freeKib * 1024 < size) {
                return "no space left on the device (" + freeKib + " KiB free on " + fields[5] + ", "
                        + (size + 1023) / 1024 + " KiB needed)";
            }
            return generic;
        } catch (HostException e) {
            return generic;
        }
    }

    /**
     * The session broke, or would not serve us: forget it, so that the next call opens a new one. {@code what} is a
     * whole sentence, or says what could not be done, and then the cause (or the lost connection) follows it.
     */
    private HostException lost(ClientSession session, String what, Throwable cause) {
        slot.discard();
        String message = what;
        if (what.startsWith("cannot ")) {
            message += session.isOpen() && cause != null
                    ? ": " + connector.host().mask(SshConnector.describe(cause))
                    : ": the connection was lost";
        }
        return new HostException(name(), HostException.Kind.UNREACHABLE, message, cause);
    }

    /**
     * Stops a command that is still running: kills its process group (sshd makes the login shell a session leader,
     * whose pid the command printed first) from a second channel, TERM then KILL after two seconds, and closes its
     * channel. OpenSSH ignores the {@code signal} request of RFC 4254 for root sessions, and closing a channel alone
     * leaves a command that does not write running.
     */
    private void stop(ClientSession session, ChannelExec channel, ShellPid pid) {
        boolean interrupted = Thread.interrupted();
        try {
            Optional<Long> shell;
            try {
                shell = pid.await(Duration.ofSeconds(5), channel::isClosed);
            } catch (InterruptedException e) {
                interrupted = true;
                shell = pid.value();
            }
            shell.ifPresent(p -> runQuietly(
                    session,
                    "kill -s TERM -- -" + p
                            + " 2>/dev/null || exit 0; i=0; while [ $i -lt 20 ] && kill -s 0 -- -" + p
                            + " 2>/dev/null; do sleep 0.1; i=$((i+1)); done; kill -s KILL -- -" + p
                            + " 2>/dev/null; exit 0",
                    Duration.ofSeconds(10)));
            channel.close(false);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs a command of our own and waits for it, without answering interrupts; for clean-up only. */
    private static void runQuietly(ClientSession session, String command, Duration timeout) {
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(new OutputTail(4096));
            channel.setErr(new OutputTail(4096));
            channel.open().verify(timeout);
            channel.getInvertedIn().close();
            channel.waitFor(java.util.EnumSet.of(org.apache.sshd.client.channel.ClientChannelEvent.CLOSED), timeout);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not run a clean-up command", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the connection to " + name() + " is closed");
        }
        connector.requireOpen();
    }

    private static void requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    static String parent(String remotePath) {
        int slash = remotePath.lastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : remotePath.substring(0, slash);
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String abbreviate(String command) {
        String oneLine = command.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    /** A file being uploaded, read so that an interrupt stops the upload between two reads. */
    private final class Interruptible extends FilterInputStream {
        Interruptible(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            return super.read(b, off, len);
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        private void check() throws InterruptedIOException {
            if (Thread.currentThread().isInterrupted()
                    || connector.host().cancellation().isCancelled()) {
                throw new InterruptedIOException("upload to " + name() + " interrupted");
            }
        }
    }
}
