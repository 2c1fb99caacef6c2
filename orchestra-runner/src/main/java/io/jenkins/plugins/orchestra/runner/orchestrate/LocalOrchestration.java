package io.jenkins.plugins.orchestra.runner.orchestrate;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.StageOutputs;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code orchestrate} block: its coordinator, and for each stage the commands waiting for its {@code parallel}
 * branch. Every call into the coordinator holds this object's lock; branches wait outside it.
 */
final class LocalOrchestration implements CoordinatorListener {
    private final Coordinator coordinator;
    private final InstantSource clock;
    private final ScheduledExecutorService timers;
    private final Map<String, BlockingQueue<Map<String, Object>>> inbox = new HashMap<>();
    private final Map<String, Thread> branch = new HashMap<>();
    /** Stages whose branch is running their body or an approval: the ones an abort may interrupt. */
    private final Map<String, Boolean> interruptible = new HashMap<>();

    private ScheduledFuture<?> wakeup;
    private RunResult result;

    LocalOrchestration(
            Plan plan, InstantSource clock, ScheduledExecutorService timers, List<CoordinatorListener> more) {
        this.clock = clock;
        this.timers = timers;
        for (StageSpec s : plan.stages()) {
            inbox.put(s.name(), new LinkedBlockingQueue<>());
        }
        List<CoordinatorListener> listeners = new java.util.ArrayList<>(more);
        listeners.add(this);
        this.coordinator = new Coordinator(plan, clock, listeners);
    }

    synchronized void start() {
        coordinator.start();
        drive();
    }

    /** What the branch of {@code stage} must do next; blocks until the coordinator says. */
    Map<String, Object> await(String stage) throws InterruptedException {
        BlockingQueue<Map<String, Object>> queue = queue(stage);
        synchronized (this) {
            branch.put(stage, Thread.currentThread());
        }
        return queue.take();
    }

    /** The branch of {@code stage} reports what happened. */
    synchronized void report(String stage, Map<?, ?> report) {
        interruptible.remove(stage);
        Thread.interrupted(); // an abort that came too late to matter must not hit the next wait
        String outcome = String.valueOf(report.get("outcome"));
        switch (outcome) {
            case "success" -> coordinator.stageSucceeded(stage, StageOutputs.of(report.get("outputs")));
            case "failure" -> coordinator.stageFailed(stage, failureOf(report.get("error")));
            case "condition" ->
                coordinator.conditionEvaluated(
                        stage, Boolean.TRUE.equals(report.get("passed")), String.valueOf(report.get("detail")));
            case "approved" -> approved(stage, String.valueOf(report.get("approver")));
            case "rejected" -> rejected(stage, messageOf(report.get("error")));
            case "rolledBack" -> coordinator.rollbackFinished(stage, Optional.empty());
            case "rollbackFailed" -> coordinator.rollbackFinished(stage, Optional.of(failureOf(report.get("error"))));
            default -> throw new IllegalArgumentException("unknown report '" + outcome + "' for stage '" + stage + "'");
        }
        drive();
    }

    synchronized void abort(String reason) {
        coordinator.abort(reason);
        drive();
    }

    synchronized Optional<RunResult> result() {
        return Optional.ofNullable(result);
    }

    @Override
    public void onEvent(CoordinatorEvent event) {
        if (event instanceof CoordinatorEvent.StageSkipped s) {
            queue(s.stage()).add(Map.of("command", "skip", "reason", s.reason()));
        }
    }

    /**
     * The approval's {@code input} ended without an approval: "Rejected by NAME" rejects the stage in NAME's name if NAME
     * may; anything else (an answer from someone who may not, no terminal to ask at) aborts the run, as the {@code
     * input} step does outside {@code orchestrate}.
     */
    private void rejected(String stage, String message) {
        if (coordinator.status(stage) != StageStatus.WAITING_FOR_APPROVAL) {
            return;
        }
        String by = message.startsWith("Rejected by ")
                ? message.substring("Rejected by ".length()).strip()
                : null;
        var approval = coordinator.plan().stage(stage).approval().orElseThrow();
        if (by != null && approval.allows(by)) {
            coordinator.reject(stage, by, message);
        } else {
            coordinator.abort("the approval of '" + stage + "' ended: " + message);
        }
    }

    private void approved(String stage, String approver) {
        if (coordinator.status(stage) != StageStatus.WAITING_FOR_APPROVAL) {
            return;
        }
        try {
            coordinator.approve(stage, approver, "");
        } catch (OrchestraException e) {
            // an approver who already approved: ask the others again below
        }
        if (coordinator.status(stage) == StageStatus.WAITING_FOR_APPROVAL) {
            ask(stage, coordinator.plan().stage(stage));
        }
    }

    private void drive() {
        for (Command command : coordinator.next()) {
            route(command);
        }
        if (wakeup != null) {
            wakeup.cancel(false);
            wakeup = null;
        }
        Optional<Instant> at = coordinator.nextWakeup();
        if (at.isPresent() && result == null) {
            long delay = Math.max(0, Duration.between(clock.instant(), at.get()).toMillis());
            wakeup = timers.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void wake() {
        drive();
    }

    private void route(Command command) {
        if (command instanceof Command.StartStage start) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("command", "start");
            c.put("attempt", start.attempt());
            c.put("inputs", start.inputs());
            start.deadline()
                    .ifPresent(d -> c.put(
                            "timeoutMillis",
                            Math.max(1, Duration.between(clock.instant(), d).toMillis())));
            interruptible.put(start.stage(), true);
            queue(start.stage()).add(c);
        } else if (command instanceof Command.EvaluateCondition evaluate) {
            queue(evaluate.stage()).add(Map.of("command", "evaluate", "inputs", evaluate.inputs()));
        } else if (command instanceof Command.RequestApproval request) {
            ask(request.stage(), coordinator.plan().stage(request.stage()));
        } else if (command instanceof Command.CancelApproval cancel) {
            interrupt(cancel.stage());
        } else if (command instanceof Command.AbortStage abort) {
            interrupt(abort.stage());
        } else if (command instanceof Command.RunRollback rollback) {
            queue(rollback.stage()).add(Map.of("command", "rollback", "outputs", rollback.outputs()));
        } else if (command instanceof Command.Finish finish) {
            result = finish.result();
            for (BlockingQueue<Map<String, Object>> q : inbox.values()) {
                q.add(Map.of("command", "done"));
            }
        }
    }

    private void ask(String stage, StageSpec spec) {
        var approval = spec.approval().orElseThrow();
        interruptible.put(stage, true);
        queue(stage)
                .add(Map.of(
                        "command", "approve",
                        "message", approval.message(),
                        "submitter", String.join(",", approval.approvers())));
    }

    private void interrupt(String stage) {
        Thread t = branch.get(stage);
        if (t != null && Boolean.TRUE.equals(interruptible.get(stage))) {
            t.interrupt();
        }
    }

    private BlockingQueue<Map<String, Object>> queue(String stage) {
        BlockingQueue<Map<String, Object>> q = inbox.get(stage);
        if (q == null) {
            throw new IllegalArgumentException("no stage '" + stage + "' in this orchestrate block");
        }
        return q;
    }

    /** How a stage body's exception reads to the coordinator. */
    static Failure failureOf(Object error) {
        if (error instanceof FlowInterruptedException fie) {
            return fie.isTimeout() ? Failure.timeout(fie.getMessage()) : Failure.aborted(fie.getMessage());
        }
        if (error instanceof Throwable t) {
            return Failure.of(t);
        }
        return Failure.error(String.valueOf(error));
    }

    private static String messageOf(Object error) {
        return error instanceof Throwable t && t.getMessage() != null ? t.getMessage() : String.valueOf(error);
    }
}
