package io.jenkins.plugins.orchestra.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A console that keeps nothing but the time the first stage line was written to it: what a runner in the same JVM
 * (the dashboard) would show first. Lines are checked as they end, as a terminal would see them.
 */
final class FirstStageClock extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long firstStageNanos;
    private int lines;

    @Override
    public synchronized void write(int b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        lines++;
        if (firstStageNanos == 0 && line.toString(StandardCharsets.UTF_8).contains(ColdLaunch.STAGE_MARK)) {
            firstStageNanos = System.nanoTime();
        }
        line.reset();
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(bytes[i]);
        }
    }

    /** {@link System#nanoTime()} when the first stage line ended, or 0 if none has yet. */
    synchronized long firstStageNanos() {
        return firstStageNanos;
    }

    synchronized int lines() {
        return lines;
    }
}
