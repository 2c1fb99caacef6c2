package io.jenkins.plugins.orchestra.coordinator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageQueued;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageStarted;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterTest {
    private static final Plan PLAN = Plan.of("deploy", StageSpec.of("build"), StageSpec.of("ship", "build"));
    private static final CoordinatorEvent QUEUED = new StageQueued(JournalFixtures.T0, "build");
    private static final CoordinatorEvent STARTED =
            new StageStarted(JournalFixtures.T0.plusSeconds(1), "build", 1, Optional.empty());

    @TempDir
    Path dir;

    @Test
    void writesTheHeaderFirstThenOneLinePerEventCreatingMissingDirectories() throws Exception {
        Path file = dir.resolve("runs/42/journal.jsonl");

        try (JournalWriter writer = JournalWriter.create(file, PLAN)) {
            writer.onEvent(QUEUED);
            writer.onEvent(STARTED);
        }

        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "{\"journal\":\"orchestra\",\"version\":1,\"plan\":\"deploy\",\"fingerprint\":\""
                                + PLAN.fingerprint() + "\",\"stages\":[\"build\",\"ship\"]}",
                        EventCodec.encode(QUEUED),
                        EventCodec.encode(STARTED));
        assertThat(Files.readString(file)).endsWith("}\n");
    }

    @Test
    void handsEachLineToTheOperatingSystemBeforeOnEventReturns() throws Exception {
        for (Durability durability : Durability.values()) {
            Path file = dir.resolve(durability + ".jsonl");
            try (JournalWriter writer = JournalWriter.create(file, PLAN, durability)) {
                writer.onEvent(QUEUED);

                assertThat(JournalReader.read(file).events()).containsExactly(QUEUED);
                assertThat(Files.readString(file)).endsWith("\n");
            }
        }
    }

    @Test
    void appendsToAnExistingJournal() {
        Path file = dir.resolve("journal.jsonl");
        try (JournalWriter writer = JournalWriter.create(file, PLAN)) {
            writer.onEvent(QUEUED);
        }

        try (JournalWriter writer = JournalWriter.append(file, PLAN, Durability.FSYNC)) {
            writer.onEvent(STARTED);
        }

        Journal journal = JournalReader.read(file);
        assertThat(journal.header()).isEqualTo(JournalHeader.of(PLAN));
        assertThat(journal.events()).containsExactly(QUEUED, STARTED);
        assertThat(journal.tornTail()).isFalse();
    }

    @Test
    void refusesToCreateOverAnExistingJournal() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, "precious\n");

        assertThatThrownBy(() -> JournalWriter.create(file, PLAN))
                .isInstanceOf(JournalException.class)
                .hasMessage("cannot write journal " + file + ": it already exists");
        assertThat(Files.readString(file)).isEqualTo("precious\n");
    }

    @Test
    void reportsAnIoFailureInOneLineNamingTheFile() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("runs"), "a file");
        Path file = notADirectory.resolve("journal.jsonl");

        assertThatThrownBy(() -> JournalWriter.create(file, PLAN))
                .isInstanceOf(JournalException.class)
                .hasMessage("cannot write journal " + file + ": " + notADirectory + " is not a directory")
                .satisfies(e -> assertThat(((JournalException) e).isRetryable()).isFalse());
    }

    @Test
    void refusesToAppendToAJournalThatEndsInAnIncompleteLine() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (JournalWriter writer = JournalWriter.create(file, PLAN)) {
            writer.onEvent(QUEUED);
        }
        Files.writeString(file, "{\"type\":\"stageSt", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> JournalWriter.append(file, PLAN))
                .isInstanceOf(JournalException.class)
                .hasMessage("journal " + file + " ends in an incomplete line; read it with JournalReader.forPlan,"
                        + " which cuts that line off, before appending to it");
    }

    @Test
    void refusesToAppendToTheJournalOfAnotherPlan() {
        Path file = dir.resolve("journal.jsonl");
        JournalWriter.create(file, PLAN).close();
        Plan other = Plan.of("deploy", StageSpec.of("build"));

        assertThatThrownBy(() -> JournalWriter.append(file, other))
                .isInstanceOf(JournalMismatchException.class)
                .hasMessage("journal " + file + " was written for plan 'deploy' of another shape: stages removed:"
                        + " 'ship'; start a new run, or resume with the plan the journal was written for");
    }

    @Test
    void refusesEventsOnceClosed() {
        Path file = dir.resolve("journal.jsonl");
        JournalWriter writer = JournalWriter.create(file, PLAN);
        writer.close();
        writer.close();

        assertThatThrownBy(() -> writer.onEvent(QUEUED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("journal " + file + " is closed");
        assertThat(JournalReader.read(file).events()).isEqualTo(List.of());
    }
}
