package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Run;
import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Carries out the coordinator's commands in Jenkins: most become a command in the stage's {@link Inbox}; stopping a
 * stage or withdrawing an approval stops what its branch runs, or takes the command back if the branch has not had it
 * yet. Called with the {@link Orchestration}'s lock held.
 */
@Restricted(NoExternalUse.class)
final class CommandRouter {
    private final Run<?, ?> run;
    private final OrchestrationRecord record;
    private final Inbox inbox;
    private final Coordinator coordinator;

    CommandRouter(Run<?, ?> run, OrchestrationRecord record, Inbox inbox, Coordinator coordinator) {
        this.run = run;
        this.record = record;
        this.inbox = inbox;
        this.coordinator = coordinator;
    }

    void route(Command command) {
        if (command instanceof Command.StartStage start) {
            inbox.post(start.stage(), Commands.start(start));
        } else if (command instanceof Command.EvaluateCondition evaluate) {
            inbox.post(evaluate.stage(), Commands.evaluate(evaluate));
        } else if (command instanceof Command.RequestApproval request) {
            ask(request.stage());
        } else if (command instanceof Command.CancelApproval cancel) {
            stop(cancel.stage(), Commands.APPROVE, cancel.reason());
        } else if (command instanceof Command.AbortStage abort) {
            if (!stop(abort.stage(), Commands.START, abort.reason())) {
                coordinator.stageFailed(abort.stage(), Failure.aborted(abort.reason())); // it never began
            }
        } else if (command instanceof Command.RunRollback rollback) {
            inbox.post(rollback.stage(), Commands.rollback(rollback));
        } else if (command instanceof Command.Finish) {
            record.finished();
            coordinator.plan().stages().forEach(s -> inbox.post(s.name(), Commands.done()));
        }
    }

    /** Asks the stage's approvers, through the {@code input} step in its branch. */
    void ask(String stage) {
        inbox.post(
                stage,
                Commands.approve(coordinator.plan().stage(stage).approval().orElseThrow()));
    }

    /**
     * Stops the stage's branch if it is carrying out {@code kind}; returns false if the command had not been handed
     * over yet, and takes it back.
     */
    private boolean stop(String stage, String kind, String reason) {
        if (inbox.withdraw(stage, kind)) {
            return false;
        }
        if (kind.equals(inbox.busy(stage))) {
            BranchInterrupter.interrupt(run, record.branches().get(stage), reason);
        }
        return true;
    }
}
