package io.jenkins.plugins.orchestra.process;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into lines at {@code \n}, drops a {@code \r} before it, and decodes each line whole, so that a
 * character or a secret is never cut by the way the bytes arrived. A line longer than {@code maxLineBytes} goes out in
 * pieces, cut between characters when the charset is UTF-8.
 */
final class LineSplitter {
    private final Charset charset;
    private final int maxLineBytes;
    private final Consumer<String> lines;
    private byte[] pending = new byte[256];
    private int length;

    LineSplitter(Charset charset, int maxLineBytes, Consumer<String> lines) {
        if (maxLineBytes < 4) {
            throw new IllegalArgumentException("maxLineBytes must be at least 4, was " + maxLineBytes);
        }
        this.charset = charset;
        this.maxLineBytes = maxLineBytes;
        this.lines = lines;
    }

    void accept(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                emit(length > 0 && pending[length - 1] == '\r' ? length - 1 : length, length);
                continue;
            }
            if (length == pending.length) {
                pending = Arrays.copyOf(pending, Math.min(pending.length * 2, maxLineBytes));
            }
            pending[length++] = b;
            if (length == maxLineBytes) {
                int cut = pieceEnd();
                emit(cut, cut);
            }
        }
    }

    /** Delivers a last line that did not end with a newline. */
    void finish() {
        if (length > 0) {
            emit(length, length);
        }
    }

    /** Where to cut a full buffer: before a UTF-8 character whose last bytes have not arrived yet. */
    private int pieceEnd() {
        if (!charset.name().equals("UTF-8")) {
            return length;
        }
        for (int i = length - 1; i >= Math.max(0, length - 4); i--) {
            int b = pending[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int size = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return length - i < size && i > 0 ? i : length;
            }
        }
        return length;
    }

    /** Delivers bytes [0, end) and keeps those from {@code consumed} on. */
    private void emit(int end, int consumed) {
        String line = new String(pending, 0, end, charset);
        length -= consumed;
        System.arraycopy(pending, consumed, pending, 0, length);
        lines.accept(line);
    }
}
