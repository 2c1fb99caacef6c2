package io.jenkins.plugins.orchestra.jenkins.graph;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.console.AnnotatedLargeText;
import hudson.console.ConsoleNote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.LogAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The log of a block of a Pipeline (a stage, a {@code parallel} branch): the logs of the steps inside it, one after the
 * other in the order the steps began. Offsets count the bytes Jenkins keeps, console notes included; each part is read
 * only up to the size it had when this log was made, so a page never runs past what {@link #size()} said.
 */
@Restricted(NoExternalUse.class)
public final class BlockLog {
    /** How much of the end of a log {@link #tail} reads: enough for the lines of a message. */
    private static final int TAIL_BYTES = 64 * 1024;

    private final List<AnnotatedLargeText<? extends FlowNode>> parts;
    private final long[] sizes;

    private BlockLog(List<AnnotatedLargeText<? extends FlowNode>> parts) {
        this.parts = parts;
        this.sizes = parts.stream().mapToLong(AnnotatedLargeText::length).toArray();
    }

    /** The log of the block that starts at flow node {@code start}; empty if it has not started or is unknown. */
    public static BlockLog of(FlowExecution execution, String start) {
        List<FlowNode> steps = new ArrayList<>();
        if (execution != null && start != null) {
            for (FlowNode node : new DepthFirstScanner().allNodes(execution)) {
                if (node.getPersistentAction(LogAction.class) != null && within(node, start)) {
                    steps.add(node);
                }
            }
        }
        steps.sort(Comparator.comparingLong(BlockLog::order));
        List<AnnotatedLargeText<? extends FlowNode>> parts = new ArrayList<>(steps.size());
        steps.forEach(n -> parts.add(n.getPersistentAction(LogAction.class).getLogText()));
        return new BlockLog(parts);
    }

    private static boolean within(FlowNode node, String start) {
        for (BlockStartNode block : node.iterateEnclosingBlocks()) {
            if (block.getId().equals(start)) {
                return true;
            }
        }
        return false;
    }

    /** Flow node ids count up as the steps begin. */
    static long order(FlowNode node) {
        try {
            return Long.parseLong(node.getId());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    public long size() {
        return Arrays.stream(sizes).sum();
    }

    /** {@code length} bytes from {@code from} (fewer at the end of the log), console notes included. */
    @SuppressFBWarnings(
            value = "RV_RETURN_VALUE_IGNORED",
            justification = "CappedOutput counts what is written; the end offset writeRawLogTo returns is not needed")
    public byte[] read(long from, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, length));
        long base = 0;
        for (int i = 0; i < parts.size() && out.size() < length; i++) {
            long local = from - base;
            if (local < sizes[i]) {
                long skip = Math.max(0, local);
                long wanted = Math.min(sizes[i] - skip, length - out.size());
                parts.get(i).writeRawLogTo(skip, new CappedOutput(out, wanted));
            }
            base += sizes[i];
        }
        return out.toByteArray();
    }

    /** The last lines of the log, without console notes; empty if the block wrote nothing. */
    public List<String> tail(int lines) throws IOException {
        if (lines <= 0) {
            return List.of();
        }
        long size = size();
        long from = Math.max(0, size - TAIL_BYTES);
        String text = ConsoleNote.removeNotes(new String(read(from, (int) (size - from)), StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
            all.remove(all.size() - 1); // the text ends with a line break
        }
        if (from > 0 && !all.isEmpty()) {
            all.remove(0); // cut: not a whole line
        }
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
