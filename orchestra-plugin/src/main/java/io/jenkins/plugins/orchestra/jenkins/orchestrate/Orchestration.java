package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One live {@code orchestrate} block: core's coordinator, driven from the host steps' calls and from timers (retry
 * backoffs, timeouts), never by polling. The coordinator's events and commands are saved with the build before the
 * branches are handed their commands. Every call into the coordinator holds this object's lock.
 */
@Restricted(NoExternalUse.class)
final class Orchestration {
    private static final Logger LOGGER = Logger.getLogger(Orchestration.class.getName());
    private static final InstantSource CLOCK = InstantSource.system();

    private final Run<?, ?> run;
    private final OrchestrationRecord record;
    private final Inbox inbox;
    private final Coordinator coordinator;
    private final CommandRouter router;
    private final BlockEvents events;

    private final Wakeup wakeup = new Wakeup(CLOCK);

    private Orchestration(Run<?, ?> run, OrchestrationRecord record, Plan plan, boolean restore, TaskListener log) {
        this.run = run;
        this.record = record;
        this.inbox = new Inbox(record, CLOCK);
        this.events = new BlockEvents(record, inbox, log);
        this.coordinator = restore
                ? Coordinator.restore(plan, CLOCK, record.events(), List.of(events))
                : new Coordinator(plan, CLOCK, List.of(events));
        this.router = new CommandRouter(run, record, inbox, coordinator);
    }

    /** Starts a new block. */
    static Orchestration start(Run<?, ?> run, OrchestrationRecord record, Plan plan, TaskListener log) {
        Orchestration o = new Orchestration(run, record, plan, false, log);
        synchronized (o) {
            o.coordinator.start();
            o.drive();
        }
        return o;
    }

    /** Rebuilds a block from its record, after a restart: its branches' steps are still running. */
    static Orchestration restore(Run<?, ?> run, OrchestrationRecord record, TaskListener log) {
        Orchestration o = new Orchestration(run, record, PlanJson.read(record.plan()), true, log);
        synchronized (o) {
            o.drive();
        }
        return o;
    }

    /** Where the stage's branch runs, so that Orchestra can stop it: the flow node that starts the branch. */
    synchronized void branch(String stage, String branchNode) {
        if (branchNode != null) {
            record.branches().put(stage, branchNode);
        }
    }

    synchronized void await(String stage, StepContext context, TaskListener listener) {
        events.tellTo(listener);
        inbox.await(stage, context);
        save();
    }

    /** @param comment what the approver wrote on the Orchestration page, for an answer to an approval; or null */
    synchronized void report(String stage, Report report, String comment, TaskListener listener) {
        events.tellTo(listener);
        inbox.reported(stage);
        report.apply(coordinator, stage, router::ask, comment);
        drive();
    }

    /** Aborts the block, as when the build is aborted; finally stages still run. */
    synchronized void abort(String reason) {
        coordinator.abort(reason);
        drive();
    }

    /** Lets go of a waiting branch whose step was stopped; true if it was waiting. */
    synchronized boolean release(String stage) {
        return inbox.release(stage) != null;
    }

    synchronized Optional<RunResult> result() {
        return coordinator.result();
    }

    private void drive() {
        for (List<Command> commands = coordinator.next(); !commands.isEmpty(); commands = coordinator.next()) {
            commands.forEach(router::route);
        }
        save();
        if (inbox.deliverAll()) {
            save();
        }
        wakeup.arm(coordinator.nextWakeup(), this::wake);
    }

    private synchronized void wake() {
        drive();
    }

    private void save() {
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "could not save the orchestrate state of " + run, e);
        }
    }
}
