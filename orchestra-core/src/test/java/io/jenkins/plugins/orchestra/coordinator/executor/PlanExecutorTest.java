package io.jenkins.plugins.orchestra.coordinator.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.coordinator.ApprovalException;
import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.FailureKind;
import io.jenkins.plugins.orchestra.coordinator.InvalidPlanException;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PlanExecutorTest {
    private final PlanExecutor executor = new PlanExecutor();

    @AfterEach
    void close() {
        executor.close();
    }

    private static Plan diamond() {
        return Plan.of(
                "diamond",
                StageSpec.of("a"),
                StageSpec.of("b", "a"),
                StageSpec.of("c", "a"),
                StageSpec.of("d", "b", "c"));
    }

    @Test
    void runsIndependentStagesAtTheSameTimeAndPassesOutputsAlong() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        StageAction meet = ctx -> {
            bothRunning.countDown();
            if (!bothRunning.await(10, TimeUnit.SECONDS)) {
                throw StageFailure.error("b and c did not run at the same time");
            }
            return Map.of("seen", ctx.input("a", "version").orElse("none"));
        };
        StageActions actions = StageActions.builder()
                .stage("a", ctx -> Map.of("version", "3.1"))
                .stage("b", meet)
                .stage("c", meet)
                .stage("d", ctx -> Map.of("b", ctx.input("b", "seen").orElseThrow()))
                .build();
        RunResult result = executor.start(diamond(), actions, List.of()).await();
        assertThat(result.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(result.stage("d").orElseThrow().outputs()).isEqualTo(Map.of("b", "3.1"));
    }

    @Test
    void retriesAnInfrastructureFailureFromAnIoException() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Plan plan = Plan.of(
                "io",
                StageSpec.builder("upload").retry(2, Duration.ofMillis(10)).build());
        StageActions actions = StageActions.builder()
                .stage("upload", ctx -> {
                    if (calls.incrementAndGet() < 3) {
                        throw new IOException("connection reset");
                    }
                    return Map.of();
                })
                .build();
        RunResult result = executor.start(plan, actions, List.of()).await();
        assertThat(result.stage("upload").orElseThrow().attempts()).isEqualTo(3);
        assertThat(result.status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void reportsAnUnexpectedExceptionAsAnErrorNamingIt() throws Exception {
        Plan plan = Plan.of("bug", StageSpec.of("s"));
        StageActions actions = StageActions.builder()
                .stage("s", ctx -> {
                    throw new IllegalArgumentException("bad port");
                })
                .build();
        RunResult result = executor.start(plan, actions, List.of()).await();
        assertThat(result.stage("s").orElseThrow().failure())
                .contains(Failure.error("IllegalArgumentException: bad port"));
    }

    @Test
    void interruptsAStagePastItsTimeout() throws Exception {
        Plan plan = Plan.of(
                "timeout",
                StageSpec.builder("hang").timeout(Duration.ofMillis(200)).build());
        StageActions actions = StageActions.builder()
                .stage("hang", ctx -> {
                    Thread.sleep(60_000);
                    return Map.of();
                })
                .build();
        RunResult result = executor.start(plan, actions, List.of()).await();
        assertThat(result.stage("hang").orElseThrow().failure().map(Failure::kind))
                .contains(FailureKind.TIMEOUT);
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void abortsARunningRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Plan plan = Plan.of("abort", StageSpec.of("hang"), StageSpec.of("after", "hang"));
        StageActions actions = StageActions.builder()
                .stage("hang", ctx -> {
                    started.countDown();
                    Thread.sleep(60_000);
                    return Map.of();
                })
                .stage("after", ctx -> Map.of())
                .build();
        RunHandle run = executor.start(plan, actions, List.of());
        started.await();
        run.abort("stopped by test");
        RunResult result = run.await();
        assertThat(result.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(result.stage("hang").orElseThrow().status()).isEqualTo(StageStatus.ABORTED);
        assertThat(result.stage("after").orElseThrow().status()).isEqualTo(StageStatus.SKIPPED);
    }

    @Test
    void takesApprovalsFromOtherThreadsAndRefusesBadOnesWithTheirReason() throws Exception {
        List<CoordinatorEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch waiting = new CountDownLatch(1);
        ApprovalSpec approval = new ApprovalSpec(
                List.of("alice"), 1, java.util.Optional.empty(), ApprovalSpec.OnTimeout.REJECT, "Deploy?");
        Plan plan =
                Plan.of("approve", StageSpec.builder("prod").approval(approval).build());
        StageActions actions =
                StageActions.builder().stage("prod", ctx -> Map.of()).build();
        RunHandle run = executor.start(plan, actions, List.of(e -> {
            events.add(e);
            if (e instanceof CoordinatorEvent.WaitingForApproval) {
                waiting.countDown();
            }
        }));
        waiting.await();
        assertThatThrownBy(() -> run.approve("prod", "bob", ""))
                .isInstanceOf(ApprovalException.class)
                .hasMessage("'bob' may not approve stage 'prod'; its approvers are alice");
        run.approve("prod", "alice", "go");
        assertThat(run.await().status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void runsRollbacksWhenTheRunFails() throws Exception {
        List<String> rolledBack = new CopyOnWriteArrayList<>();
        Plan plan = Plan.of(
                "rollback",
                StageSpec.builder("db").rollback(true).build(),
                StageSpec.builder("app").needs("db").rollback(true).build(),
                StageSpec.of("smoke", "app"));
        StageActions actions = StageActions.builder()
                .stage("db", ctx -> Map.of("snapshot", "s-9"))
                .stage("app", ctx -> Map.of())
                .stage("smoke", ctx -> {
                    throw StageFailure.error("health check returned 503");
                })
                .rollback("db", (stage, outputs) -> rolledBack.add(stage + ":" + outputs.get("snapshot")))
                .rollback("app", (stage, outputs) -> rolledBack.add(stage))
                .build();
        RunResult result = executor.start(plan, actions, List.of()).await();
        assertThat(rolledBack).containsExactly("app", "db:s-9");
        assertThat(result.status()).isEqualTo(RunStatus.FAILURE);
    }

    @Test
    void refusesAPlanWhoseStagesLackTheirCode() {
        Plan plan = Plan.of(
                "missing",
                StageSpec.of("a"),
                StageSpec.builder("b").rollback(true).build());
        StageActions actions =
                StageActions.builder().stage("b", ctx -> Map.of()).build();
        assertThatThrownBy(() -> executor.start(plan, actions, List.of()))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("Invalid plan: 2 problems:\n"
                        + "  - stage 'a': has no action\n"
                        + "  - stage 'b': rollback is declared but no rollback action is given");
    }

    @Test
    void resumesWithoutRunningSucceededStagesAgain() throws Exception {
        Simulation.Recorder first = new Simulation.Recorder();
        AtomicInteger aRuns = new AtomicInteger();
        CountDownLatch bStarted = new CountDownLatch(1);
        StageActions crashing = StageActions.builder()
                .stage("a", ctx -> {
                    aRuns.incrementAndGet();
                    return Map.of("version", "7");
                })
                .stage("b", ctx -> {
                    bStarted.countDown();
                    Thread.sleep(60_000);
                    return Map.of();
                })
                .stage("c", ctx -> Map.of())
                .stage("d", ctx -> Map.of())
                .build();
        List<CoordinatorEvent> history = new CopyOnWriteArrayList<>();
        executor.start(diamond(), crashing, List.of(history::add, first));
        bStarted.await();
        List<CoordinatorEvent> journal = List.copyOf(history); // what a crash would have left

        StageActions healthy = StageActions.builder()
                .stage("a", ctx -> {
                    aRuns.incrementAndGet();
                    return Map.of();
                })
                .stage("b", ctx -> Map.of("saw", ctx.input("a", "version").orElse("none")))
                .stage("c", ctx -> Map.of())
                .stage("d", ctx -> Map.of())
                .build();
        try (PlanExecutor second = new PlanExecutor()) {
            RunResult result =
                    second.resume(diamond(), healthy, journal, List.of()).await();
            assertThat(result.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(aRuns).hasValue(1);
            assertThat(result.stage("b").orElseThrow().outputs()).isEqualTo(Map.of("saw", "7"));
        }
    }
}
