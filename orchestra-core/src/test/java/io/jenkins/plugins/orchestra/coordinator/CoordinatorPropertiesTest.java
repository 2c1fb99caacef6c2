package io.jenkins.plugins.orchestra.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageAborted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageFailed;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSkipped;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSucceeded;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of the coordinator over many seeded random plans; a failing seed reproduces its case. */
class CoordinatorPropertiesTest {

    static LongStream seeds() {
        return LongStream.range(0, 500);
    }

    static LongStream resumeSeeds() {
        return LongStream.range(1000, 1150);
    }

    private static List<CoordinatorEvent> run(Plan plan, long seed) {
        Simulation.Recorder recorder = new Simulation.Recorder();
        Simulation.run(plan, RandomPlans.behaviour(seed), new SimulatedClock(), recorder);
        return recorder.events();
    }

    private static boolean terminal(CoordinatorEvent e) {
        return e instanceof StageSucceeded
                || e instanceof StageFailed
                || e instanceof StageAborted
                || e instanceof StageSkipped;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void noStageStartsBeforeItsNeedsEnded(long seed) {
        Plan plan = RandomPlans.plan(seed, 25, false);
        Set<String> ended = new HashSet<>();
        for (CoordinatorEvent e : run(plan, seed)) {
            if (e instanceof StageStarted s) {
                assertThat(ended)
                        .as("seed %d: needs of %s", seed, s.stage())
                        .containsAll(plan.stage(s.stage()).needs());
            }
            if (terminal(e)) {
                ended.add(((StageEvent) e).stage());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyStageEndsInExactlyOneTerminalState(long seed) {
        Plan plan = RandomPlans.plan(seed, 25, false);
        Map<String, Integer> terminals = new HashMap<>();
        List<CoordinatorEvent> events = run(plan, seed);
        for (CoordinatorEvent e : events) {
            if (terminal(e)) {
                terminals.merge(((StageEvent) e).stage(), 1, Integer::sum);
            }
        }
        for (StageSpec s : plan.stages()) {
            assertThat(terminals.get(s.name()))
                    .as("seed %d: terminal events of %s", seed, s.name())
                    .isEqualTo(1);
        }
        assertThat(events.get(events.size() - 1)).isInstanceOf(CoordinatorEvent.RunFinished.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void neverRunsMoreThanMaxParallelNorTwoHoldersOfALock(long seed) {
        Plan plan = RandomPlans.plan(seed, 25, false);
        Set<String> running = new HashSet<>();
        Map<String, String> holders = new HashMap<>();
        for (CoordinatorEvent e : run(plan, seed)) {
            if (e instanceof StageStarted s) {
                running.add(s.stage());
                if (plan.maxParallel() != Plan.UNLIMITED) {
                    assertThat(running).as("seed %d", seed).hasSizeLessThanOrEqualTo(plan.maxParallel());
                }
                s.lock().ifPresent(lock -> assertThat(holders.put(lock, s.stage()))
                        .as("seed %d: holder of %s", seed, lock)
                        .isNull());
            } else if (e instanceof StageEvent se
                    && (terminal(e) || e instanceof CoordinatorEvent.StageRetrying)
                    && running.remove(se.stage())) {
                plan.stage(se.stage()).lock().ifPresent(holders::remove);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void rollsBackInReverseTopologicalOrder(long seed) {
        Plan plan = RandomPlans.plan(seed, 25, false);
        List<CoordinatorEvent> events = run(plan, seed);
        Map<String, Integer> started = new HashMap<>();
        Map<String, Integer> finished = new HashMap<>();
        for (int k = 0; k < events.size(); k++) {
            if (events.get(k) instanceof RollbackStarted s) {
                started.put(s.stage(), k);
            } else if (events.get(k) instanceof RollbackFinished f) {
                finished.put(f.stage(), k);
            }
        }
        for (String x : started.keySet()) {
            for (String y : started.keySet()) {
                if (dependsOn(plan, y, x)) {
                    assertThat(finished.get(y))
                            .as("seed %d: %s depends on %s, so it rolls back first", seed, y, x)
                            .isLessThan(started.get(x));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("resumeSeeds")
    void resumingFromAnyPrefixOfTheJournalEndsLikeAnUninterruptedRun(long seed) {
        Plan plan = RandomPlans.plan(seed, 14, true);
        Simulation.Behaviour behaviour = RandomPlans.behaviour(seed);
        Simulation.Recorder recorder = new Simulation.Recorder();
        RunResult expected = Simulation.run(plan, behaviour, new SimulatedClock(), recorder);
        List<CoordinatorEvent> journal = recorder.events();
        for (int k = 0; k <= journal.size(); k++) {
            List<CoordinatorEvent> prefix = new ArrayList<>(journal.subList(0, k));
            SimulatedClock clock = k == 0
                    ? new SimulatedClock()
                    : new SimulatedClock(prefix.get(k - 1).at());
            RunResult resumed = Simulation.resume(plan, behaviour, clock, prefix);
            assertThat(finalState(resumed))
                    .as("seed %d resumed after %d events", seed, k)
                    .isEqualTo(finalState(expected));
            assertThat(resumed.status()).isEqualTo(expected.status());
        }
    }

    @ParameterizedTest
    @MethodSource("resumeSeeds")
    void resumeDoesNotRunSucceededStagesAgain(long seed) {
        Plan plan = RandomPlans.plan(seed, 14, true);
        Simulation.Behaviour behaviour = RandomPlans.behaviour(seed);
        List<CoordinatorEvent> journal = run(plan, seed);
        int k = journal.size() / 2;
        List<CoordinatorEvent> prefix = journal.subList(0, k);
        Set<String> succeeded = new HashSet<>();
        prefix.stream()
                .filter(StageSucceeded.class::isInstance)
                .forEach(e -> succeeded.add(((StageSucceeded) e).stage()));
        Simulation.Recorder after = new Simulation.Recorder();
        Simulation.resume(plan, behaviour, new SimulatedClock(prefix.get(k - 1).at()), prefix, after);
        assertThat(after.events())
                .filteredOn(StageStarted.class::isInstance)
                .extracting(e -> ((StageStarted) e).stage())
                .noneMatch(succeeded::contains);
    }

    private static List<String> finalState(RunResult result) {
        return result.stages().stream()
                .map(s -> s.name() + " " + s.status() + " attempts=" + s.attempts() + " outputs=" + s.outputs()
                        + " rollback=" + s.rollback()
                        + " failure=" + s.failure().map(Failure::kind).orElse(null))
                .toList();
    }

    private static boolean dependsOn(Plan plan, String stage, String on) {
        List<String> todo = new ArrayList<>(plan.stage(stage).needs());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String s = todo.remove(todo.size() - 1);
            if (s.equals(on)) {
                return true;
            }
            if (seen.add(s)) {
                todo.addAll(plan.stage(s).needs());
            }
        }
        return false;
    }
}
