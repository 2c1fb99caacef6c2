package io.jenkins.plugins.orchestra.process;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Follows a file that a process appends to, handing what it reads to a {@link LineSplitter}. Never blocks, and is not
 * closed by an interruption as a {@code FileChannel} would be.
 */
final class LogTail implements Closeable {
    private static final int MAX_BYTES_PER_POLL = 1 << 20;

    private final RandomAccessFile file;
    private final LineSplitter lines;
    private final byte[] buffer = new byte[64 * 1024];

    LogTail(Path file, LineSplitter lines) throws IOException {
        this.file = new RandomAccessFile(file.toFile(), "r");
        this.lines = lines;
    }

    /** Reads what was appended since the last call, up to a bound; returns how many bytes. */
    int poll() {
        try {
            int total = 0;
            while (total < MAX_BYTES_PER_POLL) {
                int n = file.read(buffer);
                if (n <= 0) {
                    break;
                }
                lines.accept(ByteBuffer.wrap(buffer, 0, n));
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads up to the end the file has now, then delivers a last line without newline. What a process left in the
     * background appends later is not read, so this ends.
     */
    void finish() {
        try {
            long end = file.length();
            while (file.getFilePointer() < end && poll() > 0) {
                // each poll reads at most a bound, so a large rest takes several
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.finish();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
