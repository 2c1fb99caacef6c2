package io.jenkins.plugins.orchestra.coordinator.executor;

import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A run in progress: wait for its result, answer its approvals, abort it. Thread-safe. */
public final class RunHandle {
    private final Coordinator coordinator;
    private final StageActions actions;
    private final ExecutorService pool;
    private final InstantSource clock;
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final Map<String, Attempt> running = new HashMap<>();

    RunHandle(Coordinator coordinator, StageActions actions, ExecutorService pool, InstantSource clock) {
        this.coordinator = coordinator;
        this.actions = actions;
        this.pool = pool;
        this.clock = clock;
    }

    /** Waits for the run to end. */
    public RunResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the run's driver failed", e.getCause());
        }
    }

    /** Waits at most {@code timeout} for the run to end. */
    public RunResult await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the run's driver failed", e.getCause());
        }
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Approves a stage; throws {@link io.jenkins.plugins.orchestra.coordinator.ApprovalException} if it cannot. */
    public void approve(String stage, String approver, String comment) {
        call(() -> coordinator.approve(stage, approver, comment));
    }

    public void reject(String stage, String approver, String comment) {
        call(() -> coordinator.reject(stage, approver, comment));
    }

    public void abort(String reason) {
        inbox.add(() -> coordinator.abort(reason));
    }

    private void call(Runnable onDriver) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        inbox.add(() -> {
            try {
                onDriver.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    void drive(boolean start) {
        try {
            if (start) {
                coordinator.start();
            }
            while (true) {
                for (Command command : coordinator.next()) {
                    if (command instanceof Command.Finish finish) {
                        result.complete(finish.result());
                        return;
                    }
                    handle(command);
                }
                Runnable report = nextReport();
                if (report != null) {
                    report.run();
                }
            }
        } catch (Throwable t) {
            result.completeExceptionally(t);
            running.values().forEach(Attempt::abort);
        }
    }

    private Runnable nextReport() throws InterruptedException {
        Optional<Instant> wake = coordinator.nextWakeup();
        if (wake.isEmpty()) {
            return inbox.take();
        }
        long waitMillis = Duration.between(clock.instant(), wake.get()).toMillis();
        return waitMillis <= 0 ? inbox.poll() : inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
    }

    private void handle(Command command) {
        if (command instanceof Command.StartStage start) {
            Attempt attempt = new Attempt(start);
            running.put(start.stage(), attempt);
            pool.execute(attempt);
        } else if (command instanceof Command.AbortStage abort) {
            Attempt attempt = running.get(abort.stage());
            if (attempt != null) {
                attempt.abort();
            }
        } else if (command instanceof Command.EvaluateCondition evaluate) {
            boolean passed;
            try {
                passed = actions.condition(evaluate.stage()).test(evaluate);
            } catch (RuntimeException e) {
                passed = false;
            }
            coordinator.conditionEvaluated(evaluate.stage(), passed, null);
        } else if (command instanceof Command.RunRollback rollback) {
            pool.execute(() -> {
                Optional<Failure> failure = Optional.empty();
                try {
                    actions.rollback(rollback.stage()).orElseThrow().run(rollback.stage(), rollback.outputs());
                } catch (Exception e) {
                    failure = Optional.of(PlanExecutor.failureOf(e));
                }
                Optional<Failure> outcome = failure;
                inbox.add(() -> coordinator.rollbackFinished(rollback.stage(), outcome));
            });
        }
        // RequestApproval and CancelApproval: approvers answer through approve() and reject()
    }

    /** One attempt of a stage on the pool; reports exactly once. */
    private final class Attempt implements Runnable {
        private final Command.StartStage start;
        private final AtomicBoolean aborted = new AtomicBoolean();
        private final AtomicBoolean reported = new AtomicBoolean();
        private volatile Thread thread;

        Attempt(Command.StartStage start) {
            this.start = start;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                if (aborted.get()) {
                    throw new InterruptedException("aborted before it started");
                }
                StageContext context = new StageContext(
                        start.stage(), start.attempt(), start.inputs(), start.deadline(), aborted::get);
                Map<String, String> outputs = actions.action(start.stage()).run(context);
                Map<String, String> published = outputs == null ? Map.of() : outputs;
                report(() -> coordinator.stageSucceeded(start.stage(), published));
            } catch (Throwable t) {
                Failure failure = aborted.get() ? Failure.aborted("aborted") : PlanExecutor.failureOf(t);
                report(() -> coordinator.stageFailed(start.stage(), failure));
            } finally {
                thread = null;
                Thread.interrupted();
            }
        }

        void abort() {
            aborted.set(true);
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }

        private void report(Runnable onDriver) {
            if (reported.compareAndSet(false, true)) {
                inbox.add(() -> {
                    running.remove(start.stage(), this);
                    onDriver.run();
                });
            }
        }
    }
}
