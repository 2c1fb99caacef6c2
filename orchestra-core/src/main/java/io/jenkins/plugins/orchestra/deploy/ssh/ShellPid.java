package io.jenkins.plugins.orchestra.deploy.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard error of a remote command, minus its first line, where the command printed the pid of the shell sshd
 * started for it ({@link #PREFIX}): what {@code kill -- -pid} stops, with everything the command started.
 */
final class ShellPid extends OutputStream {
    /** Put before every command; one builtin, printed before the command can print anything. */
    static final String PREFIX = "printf 'orchestra-pid:%s\\n' \"$$\" >&2; ";

    private static final Pattern LINE = Pattern.compile("orchestra-pid:(\\d{1,10})");
    private static final int MAX_LINE = 64;

    private final OutputStream delegate;
    private final ByteArrayOutputStream first = new ByteArrayOutputStream();
    private boolean passing;
    private volatile Long pid;

    ShellPid(OutputStream delegate) {
        this.delegate = delegate;
    }

    /** The pid, once the shell has printed it. */
    Optional<Long> value() {
        return Optional.ofNullable(pid);
    }

    /**
     * The pid, waiting up to {@code timeout} for it: the command may be running on the host while the line with its
     * pid is still on its way here (a busy machine), and a command stopped without it would run on as an orphan. Stops
     * waiting when the line turned out not to be ours or {@code ended} says the command is gone.
     */
    synchronized Optional<Long> await(Duration timeout, BooleanSupplier ended) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pid == null && !passing && !ended.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
        return Optional.ofNullable(pid);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (passing) {
            delegate.write(b, off, len);
            return;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                first.write(b, off, i - off);
                passing = true;
                Matcher m = LINE.matcher(first.toString(StandardCharsets.UTF_8));
                notifyAll();
                if (m.matches()) {
                    pid = Long.parseLong(m.group(1));
                } else {
                    first.write('\n');
                    delegate.write(first.toByteArray());
                }
                delegate.write(b, i + 1, off + len - i - 1);
                return;
            }
        }
        first.write(b, off, len);
        if (first.size() > MAX_LINE) {
            // not our line: the login shell is not one that runs printf
            passing = true;
            notifyAll();
            delegate.write(first.toByteArray());
        }
    }

    /** Passes on what is held back, once the command has ended: a first line that never ended. */
    synchronized void finish() throws IOException {
        if (!passing) {
            passing = true;
            delegate.write(first.toByteArray());
        }
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }
}
