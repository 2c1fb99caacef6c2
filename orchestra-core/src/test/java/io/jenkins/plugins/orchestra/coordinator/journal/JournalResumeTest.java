package io.jenkins.plugins.orchestra.coordinator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec;
import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec.OnTimeout;
import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalGiven;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunResumed;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageInterrupted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.StageResult;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalResumeTest {
    private static final Plan PLAN = JournalFixtures.releasePlan();

    @TempDir
    Path dir;

    @Test
    void resumingFromEveryPrefixOfTheJournalEndsWithTheSameStageStatuses() throws Exception {
        Path full = dir.resolve("full.jsonl");
        RunResult uninterrupted;
        try (JournalWriter writer = JournalWriter.create(full, PLAN)) {
            uninterrupted = Simulation.run(
                    PLAN, JournalFixtures.releaseBehaviour(), new SimulatedClock(JournalFixtures.T0), writer);
        }
        List<String> lines = Files.readAllLines(full);
        assertThat(statuses(uninterrupted))
                .containsEntry("build", StageStatus.SUCCEEDED)
                .containsEntry("migrate", StageStatus.FAILED)
                .containsEntry("production", StageStatus.SKIPPED)
                .containsEntry("freeze-check", StageStatus.SKIPPED)
                .containsEntry("docs", StageStatus.SKIPPED)
                .containsEntry("notify", StageStatus.SUCCEEDED);

        for (int k = 1; k <= lines.size(); k++) {
            String next = k < lines.size() ? lines.get(k) : "";
            for (String tail : Stream.of("", next.substring(0, next.length() / 2))
                    .distinct()
                    .toList()) {
                Path file = dir.resolve("prefix-" + k + (tail.isEmpty() ? "" : "-torn") + ".jsonl");
                Files.writeString(file, String.join("\n", lines.subList(0, k)) + "\n" + tail, StandardCharsets.UTF_8);

                RunResult resumed = resume(file);

                assertThat(statuses(resumed)).as("resumed after %d lines", k).isEqualTo(statuses(uninterrupted));
                assertThat(resumed.status()).as("resumed after %d lines", k).isEqualTo(uninterrupted.status());
                Journal journal = JournalReader.read(file);
                assertThat(journal.tornTail()).isFalse();
                assertThat(journal.events().get(journal.events().size() - 1)).isInstanceOf(RunFinished.class);
            }
        }
    }

    @Test
    void resumedRunRerunsTheInterruptedStageAndAppendsToTheJournal() throws Exception {
        Plan plan = Plan.of("deploy", StageSpec.of("build"), StageSpec.of("ship", "build"));
        Path file = dir.resolve("run/journal.jsonl");
        SimulatedClock clock = new SimulatedClock(JournalFixtures.T0);
        try (JournaledRun run = Journals.start(file, plan, clock, List.of())) {
            assertThat(run.coordinator().next()).singleElement().isInstanceOf(Command.StartStage.class);
        } // the host dies while "build" runs
        clock.advance(Duration.ofMinutes(5));
        List<CoordinatorEvent> heard = new ArrayList<>();

        List<Command> first;
        try (JournaledRun run = Journals.resume(file, plan, clock, List.of(heard::add))) {
            first = run.coordinator().next();
            run.coordinator().stageSucceeded("build", Map.of());
        }

        assertThat(first).singleElement().isInstanceOfSatisfying(Command.StartStage.class, start -> {
            assertThat(start.stage()).isEqualTo("build");
            assertThat(start.attempt()).isEqualTo(1);
        });
        Instant now = clock.instant();
        assertThat(heard)
                .startsWith(new RunResumed(now, List.of("build")), new StageInterrupted(now, "build", 1))
                .last()
                .isInstanceOf(CoordinatorEvent.StageStarted.class);
        List<CoordinatorEvent> journaled = JournalReader.read(file).events();
        assertThat(journaled.subList(journaled.size() - heard.size(), journaled.size()))
                .isEqualTo(heard);
    }

    @Test
    void startsAStageWhoseLastApprovalWasJournaledJustBeforeTheCrash() {
        Plan plan = Plan.of(
                "gated",
                StageSpec.builder("prod")
                        .approval(new ApprovalSpec(List.of("alice"), 1, Optional.empty(), OnTimeout.REJECT, null))
                        .build());
        Path file = dir.resolve("journal.jsonl");
        SimulatedClock clock = new SimulatedClock(JournalFixtures.T0);
        try (JournaledRun run = Journals.start(file, plan, clock, List.of())) {
            run.coordinator().next();
        }
        try (JournalWriter writer = JournalWriter.append(file, plan)) {
            writer.onEvent(new ApprovalGiven(clock.instant(), "prod", "alice", "")); // and the host died
        }

        try (JournaledRun run = Journals.resume(file, plan, clock, List.of())) {
            assertThat(run.coordinator().next())
                    .singleElement()
                    .isInstanceOfSatisfying(Command.StartStage.class, start -> assertThat(start.stage())
                            .isEqualTo("prod"));
        }
    }

    @Test
    void otherListenersHearAnEventOnlyOnceTheJournalHoldsIt() {
        Path file = dir.resolve("journal.jsonl");
        List<Boolean> journaledFirst = new ArrayList<>();
        CoordinatorListener checker =
                event -> journaledFirst.add(JournalReader.read(file).events().contains(event));

        try (JournaledRun run = Journals.start(file, PLAN, new SimulatedClock(JournalFixtures.T0), List.of(checker))) {
            run.coordinator().next();
        }

        assertThat(journaledFirst).isNotEmpty().containsOnly(true);
    }

    private static RunResult resume(Path file) {
        Journal journal = JournalReader.forPlan(file, PLAN);
        Instant lastAt = journal.events().isEmpty()
                ? JournalFixtures.T0
                : journal.events().get(journal.events().size() - 1).at();
        try (JournalWriter writer = JournalWriter.append(file, PLAN)) {
            return Simulation.resume(
                    PLAN, JournalFixtures.releaseBehaviour(), new SimulatedClock(lastAt), journal.events(), writer);
        }
    }

    private static Map<String, StageStatus> statuses(RunResult result) {
        Map<String, StageStatus> statuses = new LinkedHashMap<>();
        for (StageResult stage : result.stages()) {
            statuses.put(stage.name(), stage.status());
        }
        return statuses;
    }
}
