package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.console.AnnotatedLargeText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.LogAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The log of a stage of an {@code orchestrate} block: the logs of the steps in its {@code parallel} branch (every
 * attempt, its approval, its rollback), one after the other in the order the steps began, read a page at a time as
 * openapi.yaml's LogChunk. Offsets count the bytes Jenkins keeps, console notes included; the text comes without them,
 * and a page that stops before the end of the log stops at the end of a line.
 */
@Restricted(NoExternalUse.class)
final class StageLog {
    static final int MAX_PAGE = 1 << 20;

    private final List<AnnotatedLargeText<? extends FlowNode>> parts;
    private final long[] sizes;

    private StageLog(List<AnnotatedLargeText<? extends FlowNode>> parts) {
        this.parts = parts;
        this.sizes = parts.stream().mapToLong(AnnotatedLargeText::length).toArray();
    }

    /** The log of the branch that starts at flow node {@code branch}; empty if it has not started. */
    static StageLog of(FlowExecution execution, String branch) {
        List<FlowNode> steps = new ArrayList<>();
        if (execution != null && branch != null) {
            for (FlowNode node : new DepthFirstScanner().allNodes(execution)) {
                if (node.getPersistentAction(LogAction.class) != null && within(node, branch)) {
                    steps.add(node);
                }
            }
        }
        steps.sort(Comparator.comparingLong(StageLog::order));
        List<AnnotatedLargeText<? extends FlowNode>> parts = new ArrayList<>(steps.size());
        steps.forEach(n -> parts.add(n.getPersistentAction(LogAction.class).getLogText()));
        return new StageLog(parts);
    }

    private static boolean within(FlowNode node, String branch) {
        for (BlockStartNode start : node.iterateEnclosingBlocks()) {
            if (start.getId().equals(branch)) {
                return true;
            }
        }
        return false;
    }

    /** Flow node ids count up as the steps begin. */
    private static long order(FlowNode node) {
        try {
            return Long.parseLong(node.getId());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A page from {@code offset} (at most {@code limit} bytes), or the last {@code tail} bytes from a line start. */
    Map<String, Object> page(String stage, Long offset, Long limit, Long tail) throws IOException {
        long size = 0;
        for (long s : sizes) {
            size += s;
        }
        boolean fromTail = tail != null && offset == null;
        long from =
                fromTail ? Math.max(0, size - Math.min(tail, MAX_PAGE)) : offset == null ? 0 : Math.min(offset, size);
        long max = Math.min(limit == null ? MAX_PAGE : limit, MAX_PAGE);
        byte[] bytes = read(from, (int) Math.min(max, size - from));
        return LogPage.of(stage, from, bytes, size, fromTail);
    }

    /** {@code length} bytes from {@code from}, each part read only up to the size it had when this log was made. */
    @SuppressFBWarnings(
            value = "RV_RETURN_VALUE_IGNORED",
            justification = "Capped counts what is written; the end offset writeRawLogTo returns is not needed")
    private byte[] read(long from, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, length));
        long base = 0;
        for (int i = 0; i < parts.size() && out.size() < length; i++) {
            long local = from - base;
            if (local < sizes[i]) {
                long skip = Math.max(0, local);
                long wanted = Math.min(sizes[i] - skip, length - out.size());
                parts.get(i).writeRawLogTo(skip, new Capped(out, wanted));
            }
            base += sizes[i];
        }
        return out.toByteArray();
    }

    /** Passes on at most {@code left} bytes and drops the rest. */
    private static final class Capped extends OutputStream {
        private final OutputStream out;
        private long left;

        Capped(OutputStream out, long left) {
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
}
