package io.jenkins.plugins.orchestra.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.coordinator.Command.EvaluateCondition;
import io.jenkins.plugins.orchestra.coordinator.Command.Finish;
import io.jenkins.plugins.orchestra.coordinator.Command.RunRollback;
import io.jenkins.plugins.orchestra.coordinator.Command.StartStage;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run rebuilt from its events by a host whose work went on across the stop, as a restarted Jenkins does. */
class CoordinatorRestoreTest {
    private final SimulatedClock clock = new SimulatedClock();
    private final Simulation.Recorder events = new Simulation.Recorder();
    private final Simulation.Recorder after = new Simulation.Recorder();

    private Coordinator start(Plan plan) {
        Coordinator c = new Coordinator(plan, clock, events);
        c.start();
        return c;
    }

    private Coordinator restore(Plan plan) {
        return Coordinator.restore(plan, clock, List.copyOf(events.events()), List.of(after));
    }

    private static List<String> started(List<Command> commands) {
        return commands.stream()
                .filter(StartStage.class::isInstance)
                .map(c -> ((StartStage) c).stage())
                .toList();
    }

    @Test
    void keepsARunningStageRunningAndStartsItsDependentsWhenItReports() {
        Plan plan = Plan.of("chain", StageSpec.of("a"), StageSpec.of("b", "a"));
        Coordinator c = start(plan);
        assertThat(started(c.next())).containsExactly("a");

        Coordinator restored = restore(plan);

        assertThat(restored.next()).isEmpty();
        assertThat(restored.status("a")).isEqualTo(StageStatus.RUNNING);
        assertThat(after.events())
                .noneMatch(CoordinatorEvent.StageInterrupted.class::isInstance)
                .anyMatch(CoordinatorEvent.RunResumed.class::isInstance);
        restored.stageSucceeded("a", Map.of("v", "1"));
        StartStage b = (StartStage) restored.next().get(0);
        assertThat(b.stage()).isEqualTo("b");
        assertThat(b.inputs()).isEqualTo(Map.of("a", Map.of("v", "1")));
    }

    @Test
    void startsAStageThatWasQueuedForASlotOnceTheSlotFrees() {
        Plan plan = Plan.builder("slots")
                .stage(StageSpec.of("a"))
                .stage(StageSpec.of("b"))
                .maxParallel(1)
                .build();
        Coordinator c = start(plan);
        assertThat(started(c.next())).containsExactly("a");

        Coordinator restored = restore(plan);

        assertThat(restored.next()).isEmpty();
        restored.stageSucceeded("a", Map.of());
        assertThat(started(restored.next())).containsExactly("b");
    }

    @Test
    void armsARetryBackoffAgain() {
        Plan plan = Plan.of(
                "retry", StageSpec.builder("a").retry(1, Duration.ofMinutes(1)).build());
        Coordinator c = start(plan);
        c.next();
        c.stageFailed("a", Failure.infrastructure("connection reset"));
        assertThat(c.status("a")).isEqualTo(StageStatus.RETRY_WAIT);

        Coordinator restored = restore(plan);

        assertThat(restored.next()).isEmpty();
        assertThat(restored.nextWakeup()).isPresent();
        clock.set(restored.nextWakeup().get());
        StartStage retry = (StartStage) restored.next().get(0);
        assertThat(retry.stage()).isEqualTo("a");
        assertThat(restored.attempts("a")).isEqualTo(2);
    }

    @Test
    void asksAgainForAConditionThatWasBeingEvaluatedAndTakesTheFirstAnswer() {
        Plan plan = Plan.of(
                "condition",
                StageSpec.builder("a")
                        .when(When.SUCCESS.withCondition("params.deploy"))
                        .build());
        Coordinator c = start(plan);
        assertThat(c.next()).singleElement().isInstanceOf(EvaluateCondition.class);

        Coordinator restored = restore(plan);

        assertThat(restored.next()).singleElement().isInstanceOf(EvaluateCondition.class);
        restored.conditionEvaluated("a", true, "");
        assertThat(started(restored.next())).containsExactly("a");
    }

    @Test
    void keepsAnApprovalAskedWithoutAskingAgain() {
        Plan plan = Plan.of(
                "approval",
                StageSpec.builder("prod").approval(ApprovalSpec.anyone()).build());
        Coordinator c = start(plan);
        assertThat(c.next()).singleElement().isInstanceOf(Command.RequestApproval.class);

        Coordinator restored = restore(plan);

        assertThat(restored.next()).isEmpty();
        restored.approve("prod", "alice", "");
        assertThat(started(restored.next())).containsExactly("prod");
    }

    @Test
    void waitsForTheRunningRollbacksBeforeRollingBackWhatTheyNeeded() {
        Plan plan = Plan.of(
                "rollback",
                StageSpec.builder("db").rollback(true).build(),
                StageSpec.builder("app").needs("db").rollback(true).build(),
                StageSpec.of("smoke", "app"));
        Coordinator c = start(plan);
        c.next();
        c.stageSucceeded("db", Map.of());
        c.next();
        c.stageSucceeded("app", Map.of());
        c.next();
        c.stageFailed("smoke", Failure.error("smoke test failed"));
        assertThat(c.next()).singleElement().isEqualTo(new RunRollback("app", Map.of()));

        Coordinator restored = restore(plan);

        assertThat(restored.next()).isEmpty();
        restored.rollbackFinished("app", java.util.Optional.empty());
        assertThat(restored.next()).singleElement().isEqualTo(new RunRollback("db", Map.of()));
        restored.rollbackFinished("db", java.util.Optional.empty());
        assertThat(restored.next()).singleElement().isInstanceOf(Finish.class);
    }

    @Test
    void leavesAFinishedRunFinished() {
        Plan plan = Plan.of("done", StageSpec.of("a"));
        Coordinator c = start(plan);
        c.next();
        c.stageSucceeded("a", Map.of());
        c.next();

        Coordinator restored = restore(plan);

        assertThat(restored.isFinished()).isTrue();
        assertThat(restored.next()).isEmpty();
        assertThat(restored.result().orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(after.events()).isEmpty();
    }
}
