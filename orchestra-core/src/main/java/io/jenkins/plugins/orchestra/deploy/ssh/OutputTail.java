package io.jenkins.plugins.orchestra.deploy.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a remote command printed on one stream, up to a limit: past it the oldest bytes go, since the end of the
 * output says what went wrong. Written by the SSH library's I/O threads, read once the command has ended.
 */
final class OutputTail extends OutputStream {
    static final int LIMIT = 1 << 20;

    private final int limit;
    private byte[] buffer = new byte[256];
    private int length;
    private long dropped;

    OutputTail() {
        this(LIMIT);
    }

    OutputTail(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (len >= limit) {
            dropped += length + (len - limit);
            buffer = Arrays.copyOfRange(b, off + len - limit, off + len);
            length = limit;
            return;
        }
        int overflow = length + len - limit;
        if (overflow > 0) {
            System.arraycopy(buffer, overflow, buffer, 0, length - overflow);
            length -= overflow;
            dropped += overflow;
        }
        if (length + len > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(buffer.length * 2, length + len)));
        }
        System.arraycopy(b, off, buffer, length, len);
        length += len;
    }

    /** The text kept, decoded as UTF-8, after a note of how much was cut if anything was. */
    synchronized String text() {
        String kept = new String(buffer, 0, length, StandardCharsets.UTF_8);
        return dropped == 0 ? kept : "[… " + dropped + " earlier bytes not kept …]\n" + kept;
    }
}
