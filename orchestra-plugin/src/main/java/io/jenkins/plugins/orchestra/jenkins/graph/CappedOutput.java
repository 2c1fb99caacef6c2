package io.jenkins.plugins.orchestra.jenkins.graph;

import java.io.IOException;
import java.io.OutputStream;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** Passes on at most a number of bytes and drops the rest: a log part read only up to the size it had. */
@Restricted(NoExternalUse.class)
final class CappedOutput extends OutputStream {
    private final OutputStream out;
    private long left;

    CappedOutput(OutputStream out, long left) {
        this.out = out;
        this.left = left;
    }

    @Override
    public void write(int b) throws IOException {
        if (left > 0) {
            out.write(b);
            left--;
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int n = (int) Math.min(len, left);
        if (n > 0) {
            out.write(b, off, n);
            left -= n;
        }
    }
}
