package io.jenkins.plugins.orchestra.host;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Passes output on with every secret known to a {@link SecretMasker} replaced by {@value SecretMasker#MASK}, for the
 * output of a process, which arrives in pieces that may cut a secret in two.
 *
 * <p>The stream works on bytes in the given charset, which must write ASCII as ASCII (UTF-8, ISO-8859-1 and the
 * platform charsets do; UTF-16 does not). It passes bytes on as soon as they cannot be the start of a secret, and holds
 * back the last few that might be, until the next write shows whether they are. So a secret written in two pieces is
 * still masked, even across lines (a private key), and ordinary output is not delayed: the bytes held back are at most
 * as many as the longest secret has, and are usually none. {@link #flush()} passes on what is certain and flushes the
 * stream below, but keeps what it holds back, since the rest of a secret may follow; {@link #close()} passes on
 * everything.
 *
 * <p>Thread-safe: threads that pump a process's standard output and error into the same stream may write at once.
 */
public final class MaskingOutputStream extends FilterOutputStream {
    private static final int EAGER = 8192;

    private final SecretMasker masker;
    private final Charset charset;
    private final byte[] mask;
    private final Automaton.Runs runs = new Automaton.Runs();
    private byte[] pending = new byte[256];
    private int length;
    private boolean closed;

    public MaskingOutputStream(OutputStream out, SecretMasker masker, Charset charset) {
        super(Objects.requireNonNull(out, "out"));
        this.masker = Objects.requireNonNull(masker, "masker");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.mask = SecretMasker.MASK.getBytes(charset);
        if (!Arrays.equals(mask, SecretMasker.MASK.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException(
                    "charset must write ASCII as ASCII, as UTF-8 and ISO-8859-1 do; was " + charset.name());
        }
    }

    @Override
    public synchronized void write(int b) throws IOException {
        ensureOpen();
        append(new byte[] {(byte) b}, 0, 1);
        if (b == '\n' || length >= EAGER) {
            pass(false);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        append(b, off, len);
        pass(false);
    }

    /** Passes on what cannot be part of a secret and flushes the stream below; holds back a possible secret's start. */
    @Override
    public synchronized void flush() throws IOException {
        ensureOpen();
        pass(false);
        out.flush();
    }

    /** Passes on everything, masked, and closes the stream below. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pass(true);
            out.flush();
        } finally {
            out.close();
        }
    }

    private void append(byte[] b, int off, int len) {
        if (length + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + len));
        }
        System.arraycopy(b, off, pending, length, len);
        length += len;
    }

    /** Writes out what is certain, or everything at the end, masked; keeps the rest at the start of the buffer. */
    private void pass(boolean everything) throws IOException {
        if (length == 0) {
            return;
        }
        MaskSet set = masker.current();
        int certain = length;
        runs.clear();
        if (!set.isEmpty()) {
            // the held-back bytes are read again: a secret added since the last write may start in them
            Automaton automaton = set.bytes(charset);
            int state = automaton.scan(pending, 0, length, runs);
            if (!everything) {
                certain = runs.releaseFrom(length - automaton.hold(state));
            }
        }
        int at = 0;
        for (int i = 0; i < runs.size(); i++) {
            out.write(pending, at, runs.start(i) - at);
            out.write(mask);
            at = runs.end(i);
        }
        out.write(pending, at, certain - at);
        System.arraycopy(pending, certain, pending, 0, length - certain);
        length -= certain;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
