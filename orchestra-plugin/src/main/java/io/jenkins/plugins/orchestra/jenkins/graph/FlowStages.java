package io.jenkins.plugins.orchestra.jenkins.graph;

import io.jenkins.plugins.orchestra.notify.Outcome;
import io.jenkins.plugins.orchestra.notify.RunContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.pipeline.StageStatus;
import org.jenkinsci.plugins.workflow.actions.ErrorAction;
import org.jenkinsci.plugins.workflow.actions.TagsAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.actions.TimingAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.BlockEndNode;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The stages of a build as a notification tells of them, read from its flow graph as Stage View and Pipeline Graph
 * View read it. A stage that ended has the result its end node carries (an error is a failure, an interruption its own
 * result), else a failure if Declarative marked it failed-and-continued, else the worst warning of a step inside it; a
 * stage Declarative skipped did not run. A stage still running is listed only when a step in it failed and the
 * build's result so far is worse than success (the stage's own {@code post} section), with that result.
 */
@Restricted(NoExternalUse.class)
public final class FlowStages {
    /** A stage, and the id of the flow node its block starts at (for its log). */
    public record Found(String start, RunContext.Stage stage) {}

    private FlowStages() {}

    /**
     * The stages, those that ended first in the order they ended (an inner stage before the stage holding it).
     *
     * @param soFar the build's result so far
     * @param now the time, in milliseconds since the epoch, a running stage's duration counts to
     */
    public static List<Found> of(FlowExecution execution, Outcome soFar, long now) {
        if (execution == null) {
            return List.of();
        }
        StageScan scan = StageScan.of(execution);
        List<Found> found = new ArrayList<>();
        for (BlockStartNode start : scan.stages()) {
            RunContext.Stage stage = stage(scan, start, soFar, now);
            if (stage != null) {
                found.add(new Found(start.getId(), stage));
            }
        }
        return found;
    }

    private static RunContext.Stage stage(StageScan scan, BlockStartNode start, Outcome soFar, long now) {
        String name = start.getDisplayName();
        String branch = branch(start);
        if (StageStatus.isSkippedStage(start)) {
            return new RunContext.Stage(name, branch, Outcome.NOT_BUILT, Duration.ZERO, null);
        }
        long began = TimingAction.getStartTime(start);
        String failedStep = scan.failedStep(start);
        BlockEndNode<?> end = scan.end(start);
        if (end == null) {
            boolean failed = failedStep != null || failedAndContinued(start);
            return failed && soFar.isWorseThan(Outcome.SUCCESS)
                    ? new RunContext.Stage(name, branch, soFar, since(began, now), failedStep)
                    : null;
        }
        Duration took = since(began, TimingAction.getStartTime(end));
        ErrorAction error = end.getError();
        if (error != null) {
            Throwable thrown = error.getError();
            Outcome outcome = thrown instanceof FlowInterruptedException interrupted
                    ? StageScan.outcome(interrupted.getResult())
                    : Outcome.FAILURE;
            return new RunContext.Stage(name, branch, outcome, took, thrown.getMessage());
        }
        if (failedAndContinued(start)) {
            return new RunContext.Stage(name, branch, Outcome.FAILURE, took, failedStep);
        }
        return new RunContext.Stage(name, branch, scan.warning(start), took, null);
    }

    private static boolean failedAndContinued(BlockStartNode start) {
        TagsAction tags = start.getPersistentAction(TagsAction.class);
        return tags != null && StageStatus.getFailedAndContinued().equals(tags.getTagValue(StageStatus.TAG_NAME));
    }

    /** The {@code parallel} branch the stage runs in, if any. */
    private static String branch(BlockStartNode start) {
        for (BlockStartNode block : start.iterateEnclosingBlocks()) {
            ThreadNameAction thread = block.getPersistentAction(ThreadNameAction.class);
            if (thread != null) {
                return thread.getThreadName();
            }
        }
        return null;
    }

    private static Duration since(long began, long until) {
        return Duration.ofMillis(began <= 0 ? 0 : Math.max(0, until - began));
    }
}
