package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Run;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Keeps what a {@code deploy}, {@code provision} or {@code notify} call returned, or why it failed, in the build's
 * {@link OrchestrationAction}, with the {@code orchestrate} stage it ran in, so that the Orchestration page shows it in
 * that stage's detail (a deploy's hosts, a provision's recap, the notifications sent) as the runner's dashboard does.
 */
@Restricted(NoExternalUse.class)
public final class Automations {
    private static final Logger LOGGER = Logger.getLogger(Automations.class.getName());

    /** The work of an automation step: its result, as plain values. */
    @FunctionalInterface
    public interface Work {
        Map<String, Object> run() throws Exception;
    }

    /** Where a call ran: a stage of an {@code orchestrate} block, or (both {@code null}) outside every one. */
    private record Where(String block, String stage) {}

    private static final Where OUTSIDE = new Where(null, null);

    private Automations() {}

    /**
     * Runs {@code work} and keeps what it returned or why it failed; the step's own result and failure are unchanged.
     *
     * @param step the step's name: {@code deploy}, {@code provision} or {@code notify}
     */
    public static Map<String, Object> recorded(StepContext context, String step, Work work) throws Exception {
        Map<String, Object> result;
        try {
            result = work.run();
        } catch (Exception e) {
            keep(context, step, null, e.getMessage() == null ? e.toString() : e.getMessage());
            throw e;
        }
        keep(context, step, result, null);
        return result;
    }

    /** Never fails the step: the page missing a result is better than a deploy that ran being reported failed. */
    private static void keep(StepContext context, String step, Map<String, Object> result, String error) {
        try {
            Run<?, ?> run = context.get(Run.class);
            if (run == null) {
                return;
            }
            OrchestrationAction action = OrchestrationAction.of(run);
            Where where = where(action, context.get(FlowNode.class));
            String json = result == null ? null : PlanJson.write(result);
            action.recorded(
                    new AutomationEntry(System.currentTimeMillis(), where.block(), where.stage(), step, json, error));
            run.save();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not keep the result of " + step + " for the Orchestration page", e);
        }
    }

    /**
     * The planned stage whose {@code parallel} branch (as {@code orchestraAwait} recorded it) encloses the call's flow
     * node: matching the branch's node, not a stage's name, so that a stage of the body, or a stage of the same name in
     * another block, is never taken for it.
     */
    private static Where where(OrchestrationAction action, FlowNode node) {
        if (node == null) {
            return OUTSIDE;
        }
        for (BlockStartNode start : node.iterateEnclosingBlocks()) {
            for (OrchestrationRecord block : action.blocks()) {
                for (Map.Entry<String, String> branch : block.branches().entrySet()) {
                    if (branch.getValue().equals(start.getId())) {
                        return new Where(block.id(), branch.getKey());
                    }
                }
            }
        }
        return OUTSIDE;
    }
}
