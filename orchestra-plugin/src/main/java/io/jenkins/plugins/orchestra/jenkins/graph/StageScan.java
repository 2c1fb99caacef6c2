package io.jenkins.plugins.orchestra.jenkins.graph;

import hudson.model.Result;
import io.jenkins.plugins.orchestra.notify.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.StageAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.BlockEndNode;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One walk over a flow graph: the blocks the {@code stage} step made (as pipeline-graph-view's {@code
 * PipelineNodeUtil.isStage} tells them: a label and no thread name), where each ended, the worst warning a step
 * inside each left ({@code unstable}), and the first step inside each that failed.
 */
@Restricted(NoExternalUse.class)
final class StageScan {
    private final Map<String, BlockStartNode> starts = new HashMap<>();
    private final Map<String, BlockEndNode<?>> ends = new HashMap<>();
    private final Map<String, Outcome> warned = new HashMap<>();
    private final Map<String, String> failedStep = new HashMap<>();

    private StageScan() {}

    static StageScan of(FlowExecution execution) {
        StageScan scan = new StageScan();
        List<FlowNode> marked = new ArrayList<>();
        for (FlowNode node : new DepthFirstScanner().allNodes(execution)) {
            if (node instanceof BlockStartNode start && isStage(start)) {
                scan.starts.put(start.getId(), start);
            } else if (node instanceof BlockEndNode<?> end) {
                scan.ends.put(end.getStartNode().getId(), end);
            }
            if (node.getPersistentAction(WarningAction.class) != null || node.getError() != null) {
                marked.add(node);
            }
        }
        marked.sort(Comparator.comparingLong(BlockLog::order)); // the first failure is the one to tell
        marked.forEach(scan::mark);
        return scan;
    }

    private static boolean isStage(FlowNode node) {
        return node.getPersistentAction(StageAction.class) != null
                || (node.getPersistentAction(LabelAction.class) != null
                        && node.getPersistentAction(ThreadNameAction.class) == null);
    }

    /** Scanning goes from the newest node back, so the enclosing blocks are known only at the end. */
    private void mark(FlowNode node) {
        WarningAction warning = node.getPersistentAction(WarningAction.class);
        ErrorAction error = node.getError();
        for (BlockStartNode block : node.iterateEnclosingBlocks()) {
            if (warning != null) {
                warned.merge(block.getId(), outcome(warning.getResult()), (a, b) -> b.isWorseThan(a) ? b : a);
            }
            if (error != null && !(node instanceof BlockEndNode<?>)) {
                failedStep.putIfAbsent(
                        block.getId(), String.valueOf(error.getError().getMessage()));
            }
        }
    }

    /** The stages, those that ended first in the order they ended, then those running, inner ones first. */
    List<BlockStartNode> stages() {
        return starts.values().stream()
                .sorted(Comparator.comparingLong(this::endOrder).thenComparingLong(s -> -BlockLog.order(s)))
                .toList();
    }

    private long endOrder(BlockStartNode start) {
        BlockEndNode<?> end = ends.get(start.getId());
        return end == null ? Long.MAX_VALUE : BlockLog.order(end);
    }

    /** Where the stage ended, or {@code null} while it runs. */
    BlockEndNode<?> end(BlockStartNode start) {
        return ends.get(start.getId());
    }

    Outcome warning(BlockStartNode start) {
        return warned.getOrDefault(start.getId(), Outcome.SUCCESS);
    }

    /** The message of a step inside the stage that failed, or {@code null}. */
    String failedStep(BlockStartNode start) {
        return failedStep.get(start.getId());
    }

    static Outcome outcome(Result result) {
        return Outcome.parse(result.toString());
    }
}
