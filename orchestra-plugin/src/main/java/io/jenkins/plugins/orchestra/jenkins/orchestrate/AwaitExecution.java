package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Waits, without polling and without a thread, until the coordinator has a command for the stage: the block's {@link
 * Inbox} completes the step. Only the block and stage names are saved with the program; after a restart {@link
 * #onResume()} registers the wait again, with the coordinator rebuilt from the build.
 */
@Restricted(NoExternalUse.class)
final class AwaitExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(AwaitExecution.class.getName());

    private final String block;
    private final String stage;
    /** A first stop aborts the block and lets this branch go on to what the coordinator says; a second one ends it. */
    private boolean stopping;

    AwaitExecution(StepContext context, String block, String stage) {
        super(context);
        this.block = block;
        this.stage = stage;
    }

    @Override
    public boolean start() throws Exception {
        StepContext context = getContext();
        TaskListener log = context.get(TaskListener.class);
        Orchestration orchestration =
                OrchestrationAction.of(context.get(Run.class)).coordinators().live(block, log);
        orchestration.branch(stage, branchOf(context.get(FlowNode.class)));
        orchestration.await(stage, context, log);
        return false;
    }

    @Override
    public void onResume() {
        try {
            StepContext context = getContext();
            TaskListener log = context.get(TaskListener.class);
            OrchestrationAction.of(context.get(Run.class))
                    .coordinators()
                    .live(block, log)
                    .await(stage, context, log);
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not resume waiting for stage '" + stage + "'", e);
            getContext().onFailure(e);
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        StepContext context = getContext();
        Orchestration orchestration = OrchestrationAction.of(context.get(Run.class))
                .coordinators()
                .live(block, context.get(TaskListener.class));
        if (stopping) {
            orchestration.release(stage);
            context.onFailure(cause);
            return;
        }
        stopping = true;
        orchestration.abort(Reports.failureOf(cause).message());
    }

    @Override
    public String getStatus() {
        return "waiting for the coordinator to start stage '" + stage + "'";
    }

    /** The {@code parallel} branch the glue runs the stage in: the innermost enclosing block that names a thread. */
    private static String branchOf(FlowNode node) {
        for (BlockStartNode start : node.iterateEnclosingBlocks()) {
            if (start.getPersistentAction(ThreadNameAction.class) != null) {
                return start.getId();
            }
        }
        return null;
    }
}
