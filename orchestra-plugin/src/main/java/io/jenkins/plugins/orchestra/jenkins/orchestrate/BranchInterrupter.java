package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import hudson.model.Run;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Stops what a stage's {@code parallel} branch is running (its {@code sh}, its {@code input}), as Jenkins stops a
 * build's steps on abort: the body then fails with a {@link FlowInterruptedException}, the glue reports it, and the
 * coordinator records why. Asynchronous: the running steps are only known on the CPS VM thread.
 */
@Restricted(NoExternalUse.class)
final class BranchInterrupter {
    private static final Logger LOGGER = Logger.getLogger(BranchInterrupter.class.getName());

    private BranchInterrupter() {}

    static void interrupt(Run<?, ?> run, String branchNode, String reason) {
        if (branchNode == null || !(run instanceof WorkflowRun workflow)) {
            return;
        }
        FlowExecution execution = workflow.getExecution();
        if (execution == null) {
            return;
        }
        ListenableFuture<List<StepExecution>> running = execution.getCurrentExecutions(true);
        running.addListener(() -> stop(running, branchNode, reason), Timer.get());
    }

    private static void stop(ListenableFuture<List<StepExecution>> running, String branchNode, String reason) {
        try {
            for (StepExecution step : running.get()) {
                FlowNode node = step.getContext().get(FlowNode.class);
                if (node != null && node.getAllEnclosingIds().contains(branchNode)) {
                    step.stop(new FlowInterruptedException(Result.ABORTED, true, new OrchestraInterruption(reason)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not stop the branch started by node " + branchNode, e);
        }
    }
}
