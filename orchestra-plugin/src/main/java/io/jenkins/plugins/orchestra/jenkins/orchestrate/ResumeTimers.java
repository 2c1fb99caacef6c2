package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.Extension;
import hudson.model.Queue;
import hudson.model.Run;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionListener;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * After a restart, rebuilds the coordinators of a resumed build's unfinished {@code orchestrate} blocks at once, so their
 * timers (retry backoffs, stage and approval timeouts) are armed again even when no branch calls in: every branch may be
 * busy in a stage, or waiting in {@code input} for an approval whose timeout only the coordinator knows.
 */
@Extension
@Restricted(NoExternalUse.class)
public final class ResumeTimers extends FlowExecutionListener {
    private static final Logger LOGGER = Logger.getLogger(ResumeTimers.class.getName());

    @Override
    public void onResumed(FlowExecution execution) {
        try {
            Queue.Executable executable = execution.getOwner().getExecutable();
            if (executable instanceof Run<?, ?> run) {
                OrchestrationAction action = run.getAction(OrchestrationAction.class);
                if (action != null) {
                    action.coordinators().resumeUnfinished(execution.getOwner().getListener());
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "could not rebuild the orchestrate blocks of " + execution, e);
        }
    }
}
