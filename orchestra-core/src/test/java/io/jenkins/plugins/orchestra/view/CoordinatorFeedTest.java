package io.jenkins.plugins.orchestra.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import io.jenkins.plugins.orchestra.view.RunEvent.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CoordinatorFeedTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Plan DIAMOND = Plan.of(
            "orchestrate-1",
            StageSpec.of("a"),
            StageSpec.of("b", "a"),
            StageSpec.of("c", "a"),
            StageSpec.of("d", "b", "c"));

    private final SimulatedClock clock = new SimulatedClock(T0);

    /** The diamond's events: b runs 5 s, the others 2 s. */
    private List<CoordinatorEvent> diamond() {
        Simulation.Recorder recorder = new Simulation.Recorder();
        Simulation.run(DIAMOND, (stage, attempt) -> Duration.ofSeconds(stage.equals("b") ? 5 : 2), clock, recorder);
        return recorder.events();
    }

    private CoordinatorFeed feed() {
        CoordinatorFeed feed = new CoordinatorFeed(new RunViewFold(UnaryOperator.identity(), clock));
        feed.started(new RunEvent.RunStarted(T0, 7, "diamond", "started by alice", Map.of()));
        return feed;
    }

    private static List<String> statuses(RunView view) {
        return view.stages().stream().map(s -> s.name() + "=" + s.status()).toList();
    }

    private static int indexAfter(List<CoordinatorEvent> events, String stage) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof CoordinatorEvent.StageSucceeded s
                    && s.stage().equals(stage)) {
                return i + 1;
            }
        }
        throw new AssertionError("no success of " + stage + " in " + events);
    }

    @Test
    void foldsOnlyTheEventsAddedSinceItWasLastCalled() {
        List<CoordinatorEvent> events = diamond();
        CoordinatorFeed inSteps = feed();
        CoordinatorFeed atOnce = feed();

        inSteps.block("1", DIAMOND, events.subList(0, indexAfter(events, "a")));
        inSteps.block("1", DIAMOND, events.subList(0, indexAfter(events, "a")));
        inSteps.block("1", DIAMOND, events);
        atOnce.block("1", DIAMOND, events);

        RunView stepped = inSteps.fold().snapshot();
        RunView whole = atOnce.fold().snapshot();
        assertThat(statuses(stepped)).containsExactly("a=SUCCEEDED", "b=SUCCEEDED", "c=SUCCEEDED", "d=SUCCEEDED");
        assertThat(statuses(stepped)).isEqualTo(statuses(whole));
        assertThat(stepped.edges()).isEqualTo(whole.edges());
        assertThat(stepped.criticalPath()).isEqualTo(whole.criticalPath());
        assertThat(stepped.version()).as("one version per event").isEqualTo(whole.version());
    }

    @Test
    void givesAPollingPageOnlyTheStagesThatChangedSinceItsVersion() {
        List<CoordinatorEvent> events = diamond();
        CoordinatorFeed feed = feed();
        feed.block("1", DIAMOND, events.subList(0, indexAfter(events, "a")));
        long seen = feed.fold().snapshot().version(); // the page's first load

        feed.block("1", DIAMOND, events);
        feed.ended(new RunEvent.RunEnded(clock.instant(), Result.SUCCESS));
        RunView.Delta delta = feed.fold().changesSince(seen);

        assertThat(delta.stages()).extracting(RunView.Stage::name).containsExactly("b", "c", "d");
        assertThat(delta.edges()).as("the graph did not change").isNull();
        assertThat(delta.run().status()).isEqualTo("SUCCESS");
        assertThat(delta.run().version()).isGreaterThan(seen);
    }

    @Test
    void namesTheBlockAndStageOfEachStageOfTheView() {
        Plan other = Plan.of("orchestrate-2", StageSpec.of("a"), StageSpec.of("e", "a"));
        CoordinatorFeed feed = feed();
        feed.block("1", DIAMOND, List.of());
        feed.block("2", other, List.of());

        RunView view = feed.fold().snapshot();
        List<CoordinatorFeed.StageRef> refs = view.stages().stream()
                .map(s -> feed.stage(s.id()).orElseThrow())
                .toList();

        assertThat(refs)
                .containsExactly(
                        new CoordinatorFeed.StageRef("1", "a"),
                        new CoordinatorFeed.StageRef("1", "b"),
                        new CoordinatorFeed.StageRef("1", "c"),
                        new CoordinatorFeed.StageRef("1", "d"),
                        new CoordinatorFeed.StageRef("2", "a"),
                        new CoordinatorFeed.StageRef("2", "e"));
        assertThat(feed.stage("s999")).isEmpty();
        assertThat(view.stages()).extracting(RunView.Stage::status).containsOnly("PENDING");
    }

    @Test
    void showsEachAutomationStepInItsPlannedStageOrAsTheRunsOwn() {
        Plan other = Plan.of("orchestrate-2", StageSpec.of("a"));
        CoordinatorFeed feed = feed();
        feed.block("1", DIAMOND, diamond());
        feed.block("2", other, List.of());
        Map<String, Object> deployed = Map.of("version", "1.4", "hosts", List.of(Map.of("host", "local")));
        RunEvent.AutomationRecorded inB = new RunEvent.AutomationRecorded(
                T0.plusSeconds(3), CoordinatorFeed.stageKey("1", "b"), "deploy", 0, deployed, null);
        RunEvent.AutomationRecorded inOtherA = new RunEvent.AutomationRecorded(
                T0.plusSeconds(4), CoordinatorFeed.stageKey("2", "a"), "provision", 0, null, "ansible failed");
        RunEvent.AutomationRecorded outside =
                new RunEvent.AutomationRecorded(T0.plusSeconds(9), null, "notify", 0, Map.of("sent", 1), null);

        feed.automation(List.of(inB));
        long seen = feed.fold().snapshot().version();
        feed.automation(List.of(inB, inOtherA, outside));
        RunView view = feed.fold().snapshot();

        Map<String, List<RunView.Automation>> byStage = new java.util.LinkedHashMap<>();
        view.stages().forEach(s -> byStage.put(feed.stage(s.id()).orElseThrow().toString(), s.automation()));
        assertThat(byStage.get(new CoordinatorFeed.StageRef("1", "b").toString()))
                .containsExactly(
                        new RunView.Automation("deploy", 0, T0.plusSeconds(3).toEpochMilli(), deployed, null));
        assertThat(byStage.get(new CoordinatorFeed.StageRef("1", "a").toString()))
                .isEmpty();
        assertThat(byStage.get(new CoordinatorFeed.StageRef("2", "a").toString()))
                .extracting(RunView.Automation::error)
                .containsExactly("ansible failed");
        assertThat(view.automation()).extracting(RunView.Automation::step).containsExactly("notify");
        assertThat(feed.fold().changesSince(seen).stages())
                .as("only the stage that got a step since")
                .extracting(RunView.Stage::name)
                .containsExactly("a");
        assertThatThrownBy(() -> feed.automation(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only grow");
    }

    @Test
    void takesTheRunsStartAndEndOnce() {
        CoordinatorFeed feed = feed();
        feed.started(new RunEvent.RunStarted(T0.plusSeconds(9), 8, "again", "", Map.of()));
        feed.ended(new RunEvent.RunEnded(T0.plusSeconds(10), Result.FAILURE));
        feed.ended(new RunEvent.RunEnded(T0.plusSeconds(20), Result.SUCCESS));

        RunView view = feed.fold().snapshot();

        assertThat(view.number()).isEqualTo(7);
        assertThat(view.status()).isEqualTo("FAILURE");
        assertThat(view.durationMillis()).isEqualTo(10_000);
    }

    @Test
    void refusesEventsThatShrank() {
        List<CoordinatorEvent> events = diamond();
        CoordinatorFeed feed = feed();
        feed.block("1", DIAMOND, events);

        assertThatThrownBy(() -> feed.block("1", DIAMOND, events.subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the events of block 1 only grow");
    }
}
