package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One live {@code orchestrate} block: core's coordinator, driven from the host steps' calls and from timers (retry
 * backoffs, timeouts), never by polling. The coordinator's events and commands are saved with the build before the
 * branches are handed their commands. Every call into the coordinator holds this object's lock.
 */
@Restricted(NoExternalUse.class)
final class Orchestration implements CoordinatorListener {
    private static final Logger LOGGER = Logger.getLogger(Orchestration.class.getName());
    private static final InstantSource CLOCK = InstantSource.system();

    private final Run<?, ?> run;
    private final OrchestrationRecord record;
    private final Inbox inbox;
    private final Coordinator coordinator;
    private final CommandRouter router;
    /** The build log of the step that last called in: where waits, retries and rollbacks are told. */
    private TaskListener log;

    private ScheduledFuture<?> wakeup;

    private Orchestration(Run<?, ?> run, OrchestrationRecord record, Plan plan, boolean restore, TaskListener log) {
        this.run = run;
        this.record = record;
        this.inbox = new Inbox(record, CLOCK);
        this.log = log;
        this.coordinator = restore
                ? Coordinator.restore(plan, CLOCK, record.events(), List.of(this))
                : new Coordinator(plan, CLOCK, List.of(this));
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
        log = listener;
        inbox.await(stage, context);
        save();
    }

    /** @param comment what the approver wrote on the Orchestration page, for an answer to an approval; or null */
    synchronized void report(String stage, Report report, String comment, TaskListener listener) {
        log = listener;
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

    @Override
    public void onEvent(CoordinatorEvent event) {
        record.append(event);
        if (event instanceof CoordinatorEvent.StageSkipped s) {
            inbox.post(s.stage(), Commands.skip(s.reason()));
        }
        String line = ProgressLog.line(event);
        if (line != null && log != null) {
            log.getLogger().println(line);
        }
    }

    private void drive() {
        for (List<Command> commands = coordinator.next(); !commands.isEmpty(); commands = coordinator.next()) {
            commands.forEach(router::route);
        }
        save();
        if (inbox.deliverAll()) {
            save();
        }
        if (wakeup != null) {
            wakeup.cancel(false);
            wakeup = null;
        }
        coordinator.nextWakeup().ifPresent(at -> {
            long delay = Math.max(0, Duration.between(CLOCK.instant(), at).toMillis());
            wakeup = Timer.get().schedule(this::wake, delay, TimeUnit.MILLISECONDS);
        });
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
