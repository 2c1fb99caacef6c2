package io.jenkins.plugins.orchestra.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.coordinator.Command.AbortStage;
import io.jenkins.plugins.orchestra.coordinator.Command.CancelApproval;
import io.jenkins.plugins.orchestra.coordinator.Command.EvaluateCondition;
import io.jenkins.plugins.orchestra.coordinator.Command.Finish;
import io.jenkins.plugins.orchestra.coordinator.Command.RequestApproval;
import io.jenkins.plugins.orchestra.coordinator.Command.RunRollback;
import io.jenkins.plugins.orchestra.coordinator.Command.StartStage;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSkipped;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.WaitingForLock;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The coordinator driven step by step, as a host drives it. */
class CoordinatorTest {
    private final SimulatedClock clock = new SimulatedClock();
    private final Simulation.Recorder events = new Simulation.Recorder();

    private Coordinator start(Plan plan) {
        Coordinator c = new Coordinator(plan, clock, events);
        c.start();
        return c;
    }

    private static List<String> started(List<Command> commands) {
        return commands.stream()
                .filter(StartStage.class::isInstance)
                .map(c -> ((StartStage) c).stage())
                .toList();
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
    void startsEachStageAsSoonAsItsNeedsSucceeded() {
        Coordinator c = start(diamond());
        assertThat(started(c.next())).containsExactly("a");
        c.stageSucceeded("a", Map.of());
        assertThat(started(c.next())).containsExactly("b", "c");
        c.stageSucceeded("c", Map.of());
        assertThat(c.next()).isEmpty();
        c.stageSucceeded("b", Map.of());
        assertThat(started(c.next())).containsExactly("d");
        c.stageSucceeded("d", Map.of());
        List<Command> last = c.next();
        assertThat(last).singleElement().isInstanceOf(Finish.class);
        assertThat(((Finish) last.get(0)).result().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(c.isFinished()).isTrue();
    }

    @Test
    void startsAStageWhoseNeedsAreDoneWithoutWaitingForItsWave() {
        // a → slow; b → c: c must start when b ends, not when slow ends (what waves of parallel would do)
        Plan plan = Plan.of(
                "no-waves", StageSpec.of("a"), StageSpec.of("b"), StageSpec.of("slow", "a"), StageSpec.of("c", "b"));
        Coordinator c = start(plan);
        assertThat(started(c.next())).containsExactly("a", "b");
        c.stageSucceeded("a", Map.of());
        c.stageSucceeded("b", Map.of());
        assertThat(started(c.next())).containsExactly("slow", "c");
    }

    @Test
    void passesTheOutputsOfItsNeedsToAStage() {
        Coordinator c = start(Plan.of("outputs", StageSpec.of("build"), StageSpec.of("deploy", "build")));
        c.next();
        c.stageSucceeded("build", Map.of("version", "1.4.2"));
        StartStage deploy = (StartStage) c.next().get(0);
        assertThat(deploy.inputs()).isEqualTo(Map.of("build", Map.of("version", "1.4.2")));
        assertThat(deploy.attempt()).isEqualTo(1);
    }

    @Test
    void failsAStageThatEndsWithoutADeclaredOutput() {
        Plan plan = Plan.of(
                "declared", StageSpec.builder("build").outputs("version").build());
        Coordinator c = start(plan);
        c.next();
        c.stageSucceeded("build", Map.of("other", "x"));
        RunResult result = ((Finish) c.next().get(0)).result();
        assertThat(result.stage("build").orElseThrow().failure())
                .contains(Failure.error("ended without publishing its declared output 'version'"));
        assertThat(result.status()).isEqualTo(RunStatus.FAILURE);
    }

    @Test
    void keepsToMaxParallel() {
        Plan plan = Plan.builder("limited")
                .stage(StageSpec.of("a"))
                .stage(StageSpec.of("b"))
                .stage(StageSpec.of("c"))
                .maxParallel(2)
                .build();
        Coordinator c = start(plan);
        assertThat(started(c.next())).containsExactly("a", "b");
        assertThat(c.status("c")).isEqualTo(StageStatus.QUEUED);
        c.stageSucceeded("b", Map.of());
        assertThat(started(c.next())).containsExactly("c");
        assertThat(c.runningCount()).isEqualTo(2);
    }

    @Test
    void letsOneStageHoldALockAtATimeAndShowsTheOthersWaiting() {
        Plan plan = Plan.of(
                "locks",
                StageSpec.builder("migrate-eu").lock("prod-db").build(),
                StageSpec.builder("migrate-us").lock("prod-db").build(),
                StageSpec.of("unrelated"));
        Coordinator c = start(plan);
        assertThat(started(c.next())).containsExactly("migrate-eu", "unrelated");
        assertThat(c.status("migrate-us")).isEqualTo(StageStatus.WAITING_FOR_LOCK);
        assertThat(events.events())
                .filteredOn(WaitingForLock.class::isInstance)
                .singleElement()
                .isEqualTo(new WaitingForLock(clock.instant(), "migrate-us", "prod-db", "migrate-eu"));
        c.stageSucceeded("migrate-eu", Map.of());
        assertThat(started(c.next())).containsExactly("migrate-us");
    }

    @Test
    void retriesWithExponentialBackoffThenFails() {
        RetryPolicy retry =
                new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofMinutes(1), 3.0, 0, RetryPolicy.DEFAULT_ON);
        Coordinator c =
                start(Plan.of("retry", StageSpec.builder("flaky").retry(retry).build()));
        assertThat(started(c.next())).containsExactly("flaky");
        c.stageFailed("flaky", Failure.error("exit 1"));
        assertThat(c.status("flaky")).isEqualTo(StageStatus.RETRY_WAIT);
        assertThat(c.nextWakeup()).contains(clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(9));
        assertThat(c.next()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(((StartStage) c.next().get(0)).attempt()).isEqualTo(2);
        c.stageFailed("flaky", Failure.error("exit 1"));
        assertThat(c.nextWakeup()).contains(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(((StartStage) c.next().get(0)).attempt()).isEqualTo(3);
        c.stageFailed("flaky", Failure.error("exit 2"));
        RunResult result = ((Finish) c.next().get(0)).result();
        StageResult flaky = result.stage("flaky").orElseThrow();
        assertThat(flaky.status()).isEqualTo(StageStatus.FAILED);
        assertThat(flaky.attempts()).isEqualTo(3);
        assertThat(flaky.failure()).contains(Failure.error("exit 2"));
    }

    @Test
    void capsTheBackoffAtItsMaximum() {
        RetryPolicy retry =
                new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(25), 2.0, 0, RetryPolicy.DEFAULT_ON);
        assertThat(retry.backoffBefore(1, 7)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.backoffBefore(2, 7)).isEqualTo(Duration.ofSeconds(20));
        assertThat(retry.backoffBefore(3, 7)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void jittersTheBackoffWithinItsBandAndTheSameWayEveryTime() {
        RetryPolicy retry =
                new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(5), 2.0, 0.5, RetryPolicy.DEFAULT_ON);
        for (long seed = 0; seed < 200; seed++) {
            Duration d = retry.backoffBefore(1, seed);
            assertThat(d).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(15));
            assertThat(retry.backoffBefore(1, seed)).isEqualTo(d);
        }
        assertThat(retry.backoffBefore(1, 1)).isNotEqualTo(retry.backoffBefore(1, 2));
    }

    @Test
    void retriesOnlyTheFailureKindsItIsToldTo() {
        RetryPolicy onTimeout =
                new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1, 0, java.util.EnumSet.of(FailureKind.TIMEOUT));
        Coordinator c =
                start(Plan.of("kinds", StageSpec.builder("s").retry(onTimeout).build()));
        c.next();
        c.stageFailed("s", Failure.error("compilation failed"));
        assertThat(c.status("s")).isEqualTo(StageStatus.FAILED);
    }

    @Test
    void abortsAStageThatRunsPastItsTimeoutAndRecordsATimeout() {
        Plan plan = Plan.of(
                "timeout",
                StageSpec.builder("slow").timeout(Duration.ofMinutes(5)).build());
        Coordinator c = start(plan);
        StartStage start = (StartStage) c.next().get(0);
        assertThat(start.deadline()).contains(clock.instant().plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        assertThat(c.next()).containsExactly(new AbortStage("slow", "timed out after 5m00s"));
        c.stageFailed("slow", Failure.aborted("killed"));
        RunResult result = ((Finish) c.next().get(0)).result();
        assertThat(result.stage("slow").orElseThrow().failure()).contains(Failure.timeout("timed out after 5m00s"));
    }

    @Test
    void retriesATimedOutStageWhenItsRetryCoversTimeouts() {
        Plan plan = Plan.of(
                "timeout-retry",
                StageSpec.builder("slow")
                        .timeout(Duration.ofSeconds(30))
                        .retry(1, Duration.ZERO)
                        .build());
        Coordinator c = start(plan);
        c.next();
        clock.advance(Duration.ofSeconds(30));
        c.next();
        c.stageFailed("slow", Failure.aborted("killed"));
        StartStage again = (StartStage) c.next().get(0);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.deadline()).contains(clock.instant().plusSeconds(30));
    }

    @Test
    void haltPipelineSkipsWhatHasNotStartedAndLetsRunningStagesFinish() {
        Plan plan = Plan.of(
                "halt",
                StageSpec.of("fails"),
                StageSpec.of("long"),
                StageSpec.of("after-fails", "fails"),
                StageSpec.of("after-long", "long"));
        Coordinator c = start(plan);
        c.next();
        c.stageFailed("fails", Failure.error("exit 1"));
        assertThat(c.next()).isEmpty();
        assertThat(c.status("long")).isEqualTo(StageStatus.RUNNING);
        assertThat(c.status("after-long")).isEqualTo(StageStatus.SKIPPED);
        c.stageSucceeded("long", Map.of());
        RunResult result = ((Finish) c.next().get(0)).result();
        assertThat(result.status()).isEqualTo(RunStatus.FAILURE);
        assertThat(result.stage("after-long").orElseThrow().note()).contains("not started: 'fails' failed");
        assertThat(result.stage("after-fails").orElseThrow().status()).isEqualTo(StageStatus.SKIPPED);
        assertThat(result.stage("long").orElseThrow().status()).isEqualTo(StageStatus.SUCCEEDED);
    }

    @Test
    void failFastAbortsTheStagesStillRunning() {
        Plan plan = Plan.builder("fail-fast")
                .stage(StageSpec.of("fails"))
                .stage(StageSpec.of("long"))
                .failFast(true)
                .build();
        Coordinator c = start(plan);
        c.next();
        c.stageFailed("fails", Failure.error("exit 1"));
        assertThat(c.next()).containsExactly(new AbortStage("long", "aborted because 'fails' failed (failFast)"));
        c.stageFailed("long", Failure.error("interrupted"));
        RunResult result = ((Finish) c.next().get(0)).result();
        StageResult longStage = result.stage("long").orElseThrow();
        assertThat(longStage.status()).isEqualTo(StageStatus.ABORTED);
        assertThat(longStage.failure())
                .contains(Failure.aborted("aborted because 'fails' failed and the plan is failFast"));
        assertThat(result.status()).isEqualTo(RunStatus.FAILURE);
    }

    @Test
    void haltBranchSkipsOnlyTheDependentsAndFailsTheRunAtTheEnd() {
        Plan plan = Plan.of(
                "branch",
                StageSpec.builder("eu").failurePolicy(FailurePolicy.HALT_BRANCH).build(),
                StageSpec.of("verify-eu", "eu"),
                StageSpec.of("smoke-eu", "verify-eu"),
                StageSpec.of("us"),
                StageSpec.of("verify-us", "us"));
        RunResult result = Simulation.run(
                plan,
                new Simulation.Behaviour() {
                    @Override
                    public Duration duration(String stage, int attempt) {
                        return Duration.ofSeconds(1);
                    }

                    @Override
                    public Optional<Failure> failure(String stage, int attempt) {
                        return stage.equals("eu") ? Optional.of(Failure.error("exit 3")) : Optional.empty();
                    }
                },
                clock);
        assertThat(result.stage("verify-eu").orElseThrow().note()).contains("needs 'eu', which failed");
        assertThat(result.stage("smoke-eu").orElseThrow().note()).contains("needs 'verify-eu', which was skipped");
        assertThat(result.stage("verify-us").orElseThrow().status()).isEqualTo(StageStatus.SUCCEEDED);
        assertThat(result.status()).isEqualTo(RunStatus.FAILURE);
    }

    @Test
    void ignoreCountsAFailureAsSuccessWithAWarning() {
        Plan plan = Plan.of(
                "ignore",
                StageSpec.builder("lint").failurePolicy(FailurePolicy.IGNORE).build(),
                StageSpec.of("package", "lint"));
        Coordinator c = start(plan);
        c.next();
        c.stageFailed("lint", Failure.error("12 warnings"));
        assertThat(started(c.next())).containsExactly("package");
        c.stageSucceeded("package", Map.of());
        RunResult result = ((Finish) c.next().get(0)).result();
        assertThat(result.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(result.stage("lint").orElseThrow().note())
                .contains("failed, ignored because its failurePolicy is ignore: 12 warnings");
    }

    @Test
    void runsFailureHandlersOnlyWhenANeedFailed() {
        Plan plan = Plan.of(
                "handlers",
                StageSpec.of("deploy"),
                StageSpec.builder("page-oncall")
                        .needs("deploy")
                        .when(When.Trigger.FAILURE)
                        .build(),
                StageSpec.builder("report")
                        .needs("deploy")
                        .when(When.Trigger.ALWAYS)
                        .build());
        Coordinator c = start(plan);
        c.next();
        c.stageFailed("deploy", Failure.error("health check failed"));
        assertThat(started(c.next())).containsExactly("page-oncall", "report");

        Coordinator ok = new Coordinator(plan, clock);
        ok.start();
        ok.next();
        ok.stageSucceeded("deploy", Map.of());
        assertThat(started(ok.next())).containsExactly("report");
        assertThat(ok.status("page-oncall")).isEqualTo(StageStatus.SKIPPED);
    }

    @Test
    void asksTheHostToEvaluateAConditionAndSkipsWhenItIsFalse() {
        Plan plan = Plan.of(
                "conditions",
                StageSpec.of("build"),
                StageSpec.builder("publish")
                        .needs("build")
                        .when(When.SUCCESS.withCondition("params.PUBLISH"))
                        .build());
        Coordinator c = start(plan);
        c.next();
        c.stageSucceeded("build", Map.of("version", "2.0"));
        EvaluateCondition ask = (EvaluateCondition) c.next().get(0);
        assertThat(ask.condition()).isEqualTo("params.PUBLISH");
        assertThat(ask.needs()).isEqualTo(Map.of("build", StageStatus.SUCCEEDED));
        assertThat(ask.inputs()).isEqualTo(Map.of("build", Map.of("version", "2.0")));
        c.conditionEvaluated("publish", false, "PUBLISH is false");
        assertThat(events.events())
                .filteredOn(StageSkipped.class::isInstance)
                .singleElement()
                .extracting(e -> ((StageSkipped) e).reason())
                .isEqualTo("its condition is false: params.PUBLISH (PUBLISH is false)");
    }

    @Test
    void waitsForAQuorumOfDistinctApprovers() {
        ApprovalSpec approval = new ApprovalSpec(
                List.of("alice", "bob", "carol"), 2, Optional.empty(), ApprovalSpec.OnTimeout.REJECT, "Ship it?");
        Coordinator c = start(
                Plan.of("approve", StageSpec.builder("prod").approval(approval).build()));
        RequestApproval request = (RequestApproval) c.next().get(0);
        assertThat(request.approval().message()).isEqualTo("Ship it?");
        c.approve("prod", "alice", "lgtm");
        assertThat(c.status("prod")).isEqualTo(StageStatus.WAITING_FOR_APPROVAL);
        assertThatThrownBy(() -> c.approve("prod", "alice", "again"))
                .isInstanceOf(ApprovalException.class)
                .hasMessage("'alice' has already approved stage 'prod'; 1 more approval is needed from other"
                        + " approvers");
        assertThatThrownBy(() -> c.approve("prod", "mallory", ""))
                .isInstanceOf(ApprovalException.class)
                .hasMessage("'mallory' may not approve stage 'prod'; its approvers are alice, bob, carol");
        c.approve("prod", "carol", "");
        assertThat(started(c.next())).containsExactly("prod");
        assertThatThrownBy(() -> c.approve("prod", "bob", ""))
                .isInstanceOf(ApprovalException.class)
                .hasMessage("stage 'prod' is not waiting for approval (it is running)");
    }

    @Test
    void failsARejectedStageWithWhoRejectedItAndWhy() {
        Coordinator c = start(Plan.of(
                "reject",
                StageSpec.builder("prod").approval(ApprovalSpec.anyone()).build()));
        c.next();
        c.reject("prod", "bob", "freeze week");
        RunResult result = ((Finish) c.next().get(0)).result();
        assertThat(result.stage("prod").orElseThrow().failure())
                .contains(Failure.rejected("rejected by bob: freeze week"));
        assertThat(result.stage("prod").orElseThrow().attempts()).isZero();
    }

    @Test
    void appliesOnTimeoutWhenApproversDoNotAnswerInTime() {
        for (ApprovalSpec.OnTimeout onTimeout : ApprovalSpec.OnTimeout.values()) {
            ApprovalSpec approval = new ApprovalSpec(List.of(), 1, Optional.of(Duration.ofHours(1)), onTimeout, null);
            Coordinator c = new Coordinator(
                    Plan.of(
                            "timeout-" + onTimeout,
                            StageSpec.builder("prod").approval(approval).build()),
                    clock);
            c.start();
            c.next();
            clock.advance(Duration.ofHours(1));
            List<Command> commands = c.next();
            assertThat(commands).first().isEqualTo(new CancelApproval("prod", "approval timed out after 1h00m"));
            switch (onTimeout) {
                case APPROVE -> assertThat(started(commands)).containsExactly("prod");
                case SKIP -> assertThat(c.status("prod")).isEqualTo(StageStatus.SKIPPED);
                case REJECT -> assertThat(c.status("prod")).isEqualTo(StageStatus.FAILED);
            }
        }
    }

    @Test
    void rollsBackSucceededStagesInReverseDependencyOrderWhenTheRunFails() {
        Plan plan = Plan.of(
                "rollback",
                StageSpec.builder("db").rollback(true).build(),
                StageSpec.builder("app").needs("db").rollback(true).build(),
                StageSpec.builder("cdn").rollback(true).build(),
                StageSpec.of("smoke", "app", "cdn"));
        Coordinator c = start(plan);
        c.next();
        c.stageSucceeded("db", Map.of("snapshot", "s-1"));
        c.stageSucceeded("cdn", Map.of());
        c.next();
        c.stageSucceeded("app", Map.of());
        c.next();
        c.stageFailed("smoke", Failure.error("500 on /health"));
        assertThat(c.next()).containsExactly(new RunRollback("app", Map.of()), new RunRollback("cdn", Map.of()));
        c.rollbackFinished("cdn", Optional.empty());
        assertThat(c.next()).isEmpty();
        c.rollbackFinished("app", Optional.empty());
        assertThat(c.next()).containsExactly(new RunRollback("db", Map.of("snapshot", "s-1")));
        c.rollbackFinished("db", Optional.of(Failure.error("snapshot gone")));
        RunResult result = ((Finish) c.next().get(0)).result();
        assertThat(result.stage("app").orElseThrow().rollback()).isEqualTo(StageResult.RollbackOutcome.ROLLED_BACK);
        assertThat(result.stage("db").orElseThrow().rollback()).isEqualTo(StageResult.RollbackOutcome.ROLLBACK_FAILED);
        assertThat(result.stage("smoke").orElseThrow().rollback()).isEqualTo(StageResult.RollbackOutcome.NONE);
    }

    @Test
    void runsFinallyStagesAtTheEndEvenAfterAHalt() {
        Plan plan = Plan.of(
                "finally",
                StageSpec.of("build"),
                StageSpec.of("test", "build"),
                StageSpec.builder("cleanup").isFinally(true).build(),
                StageSpec.builder("notify")
                        .needs("cleanup")
                        .isFinally(true)
                        .when(When.Trigger.ALWAYS)
                        .build());
        Coordinator c = start(plan);
        assertThat(started(c.next())).containsExactly("build");
        c.stageFailed("build", Failure.error("exit 1"));
        assertThat(started(c.next())).containsExactly("cleanup");
        c.stageFailed("cleanup", Failure.error("disk busy"));
        assertThat(started(c.next())).containsExactly("notify");
        c.stageSucceeded("notify", Map.of());
        RunResult result = ((Finish) c.next().get(0)).result();
        assertThat(result.stage("test").orElseThrow().status()).isEqualTo(StageStatus.SKIPPED);
        assertThat(result.status()).isEqualTo(RunStatus.FAILURE);
    }

    @Test
    void abortingTheRunAbortsRunningStagesSkipsTheRestAndStillRunsFinallyStages() {
        Plan plan = Plan.of(
                "abort",
                StageSpec.of("a"),
                StageSpec.of("b", "a"),
                StageSpec.builder("cleanup").isFinally(true).build());
        Coordinator c = start(plan);
        c.next();
        c.abort("stopped by alice");
        assertThat(c.next()).containsExactly(new AbortStage("a", "run aborted: stopped by alice"));
        c.stageFailed("a", Failure.error("terminated"));
        assertThat(started(c.next())).containsExactly("cleanup");
        c.stageSucceeded("cleanup", Map.of());
        RunResult result = ((Finish) c.next().get(0)).result();
        assertThat(result.status()).isEqualTo(RunStatus.ABORTED);
        assertThat(result.stage("a").orElseThrow().status()).isEqualTo(StageStatus.ABORTED);
        assertThat(result.stage("b").orElseThrow().note()).contains("run aborted: stopped by alice");
    }

    @Test
    void refusesReportsForStagesThatAreNotRunning() {
        Coordinator c = start(diamond());
        c.next();
        assertThatThrownBy(() -> c.stageSucceeded("d", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stage 'd' is not running, it is PENDING");
        assertThatThrownBy(() -> c.stageSucceeded("nope", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no stage 'nope' in plan 'diamond'");
    }

    @Test
    void namesTheCriticalPathAndTheBottleneck() {
        Plan plan = Plan.of(
                "path",
                StageSpec.of("checkout"),
                StageSpec.of("unit", "checkout"),
                StageSpec.of("integration", "checkout"),
                StageSpec.of("package", "unit", "integration"));
        Map<String, Duration> durations = Map.of(
                "checkout", Duration.ofSeconds(10),
                "unit", Duration.ofSeconds(60),
                "integration", Duration.ofMinutes(5),
                "package", Duration.ofSeconds(20));
        RunResult result = Simulation.run(plan, (stage, attempt) -> durations.get(stage), clock);
        assertThat(result.criticalPath().stages()).containsExactly("checkout", "integration", "package");
        assertThat(result.criticalPath().bottleneck()).contains("integration");
        assertThat(result.criticalPath().total()).isEqualTo(Duration.ofSeconds(330));
        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(330));
    }

    @Test
    void showsWaitingOnTheCriticalPathWhenSlotsRanOut() {
        Plan plan = Plan.builder("slots")
                .stage(StageSpec.of("a"))
                .stage(StageSpec.of("b"))
                .maxParallel(1)
                .build();
        RunResult result = Simulation.run(plan, (stage, attempt) -> Duration.ofSeconds(10), clock);
        CriticalPath path = result.criticalPath();
        assertThat(path.stages()).containsExactly("b");
        assertThat(path.segments().get(0).waited()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void walksFromAFinallyStageBackToTheMainStageThatEndedLast() {
        Plan plan = Plan.of(
                "finally-path",
                StageSpec.of("build"),
                StageSpec.of("test", "build"),
                StageSpec.builder("cleanup").isFinally(true).build());
        RunResult result = Simulation.run(plan, (stage, attempt) -> Duration.ofSeconds(10), clock);
        assertThat(result.criticalPath().stages()).containsExactly("build", "test", "cleanup");
        assertThat(result.criticalPath().segments().get(2).waited()).isZero();
    }

    @Test
    void resumeKeepsARejectionJournaledJustBeforeTheCrash() {
        Plan plan = Plan.of(
                "reject-crash",
                StageSpec.builder("prod").approval(ApprovalSpec.anyone()).build());
        Coordinator c = start(plan);
        c.next();
        c.reject("prod", "bob", "freeze");
        List<CoordinatorEvent> upToRejection = events.events().stream()
                .takeWhile(e -> !(e instanceof CoordinatorEvent.StageFailed))
                .toList();
        Coordinator resumed = Coordinator.resume(plan, clock, upToRejection, List.of());
        RunResult result = ((Finish) resumed.next().get(0)).result();
        assertThat(result.stage("prod").orElseThrow().failure()).contains(Failure.rejected("rejected by bob: freeze"));
    }

    @Test
    void resumeAppliesAnApprovalTimeoutJournaledJustBeforeTheCrash() {
        ApprovalSpec approval =
                new ApprovalSpec(List.of(), 1, Optional.of(Duration.ofMinutes(30)), ApprovalSpec.OnTimeout.SKIP, null);
        Plan plan = Plan.of(
                "timeout-crash", StageSpec.builder("prod").approval(approval).build());
        Coordinator c = start(plan);
        c.next();
        clock.advance(Duration.ofMinutes(30));
        c.next();
        List<CoordinatorEvent> upToTimeout = events.events().stream()
                .takeWhile(e -> !(e instanceof StageSkipped))
                .toList();
        assertThat(upToTimeout).last().isInstanceOf(CoordinatorEvent.ApprovalTimedOut.class);
        Simulation.Recorder after = new Simulation.Recorder();
        Coordinator resumed = Coordinator.resume(plan, clock, upToTimeout, List.of(after));
        resumed.next();
        assertThat(resumed.status("prod")).isEqualTo(StageStatus.SKIPPED);
        assertThat(after.events()).noneMatch(CoordinatorEvent.ApprovalTimedOut.class::isInstance);
    }
}
