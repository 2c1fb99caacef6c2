package io.jenkins.plugins.orchestra.coordinator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunFinished;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReaderTest {
    private static final Plan PLAN = JournalFixtures.releasePlan();
    private static final String REST = "; start a new run, or resume with the plan the journal was written for";

    @TempDir
    Path dir;

    private Path file;
    private List<CoordinatorEvent> events;
    private List<String> lines;

    @BeforeEach
    void journalARun() throws Exception {
        file = dir.resolve("journal.jsonl");
        Simulation.Recorder recorder = new Simulation.Recorder();
        try (JournalWriter writer = JournalWriter.create(file, PLAN)) {
            Simulation.run(
                    PLAN, JournalFixtures.releaseBehaviour(), new SimulatedClock(JournalFixtures.T0), writer, recorder);
        }
        events = recorder.events();
        lines = Files.readAllLines(file);
    }

    @Test
    void readsBackEveryEventOfARun() {
        Journal journal = JournalReader.read(file);

        assertThat(journal.header()).isEqualTo(JournalHeader.of(PLAN));
        assertThat(journal.events()).isEqualTo(events);
        assertThat(journal.tornTail()).isFalse();
        assertThat(lines).hasSize(events.size() + 1);
    }

    @Test
    void dropsALastLineCutInHalfWithoutNewLine() throws Exception {
        String last = lines.get(lines.size() - 1);
        writeLines(lines.subList(0, lines.size() - 1), last.substring(0, last.length() / 2));

        Journal journal = JournalReader.read(file);

        assertThat(journal.events()).isEqualTo(events.subList(0, events.size() - 1));
        assertThat(journal.tornTail()).isTrue();
    }

    @Test
    void dropsALastLineCutInHalfEvenWithItsNewLine() throws Exception {
        String last = lines.get(lines.size() - 1);
        writeLines(lines.subList(0, lines.size() - 1), last.substring(0, last.length() / 2) + "\n");

        Journal journal = JournalReader.read(file);

        assertThat(journal.events()).isEqualTo(events.subList(0, events.size() - 1));
        assertThat(journal.tornTail()).isTrue();
    }

    @Test
    void dropsACompleteLastEventThatLacksItsNewLine() throws Exception {
        writeLines(lines.subList(0, lines.size() - 1), lines.get(lines.size() - 1));

        Journal journal = JournalReader.read(file);

        assertThat(journal.events()).isEqualTo(events.subList(0, events.size() - 1));
        assertThat(journal.tornTail()).isTrue();
    }

    @Test
    void readLeavesATornTailInTheFile() throws Exception {
        writeLines(lines.subList(0, 4), "{\"type\":\"sta");
        byte[] before = Files.readAllBytes(file);

        JournalReader.read(file);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void forPlanCutsATornTailOffSoThatAppendedEventsStartOnTheirOwnLine() throws Exception {
        for (String tail : List.of("{\"type\":\"sta", "{\"type\":\"sta\n", "\u0000\u0000\u0000")) {
            writeLines(lines.subList(0, 4), tail);

            Journal journal = JournalReader.forPlan(file, PLAN);
            RunFinished appended = new RunFinished(JournalFixtures.T0, RunStatus.ABORTED);
            try (JournalWriter writer = JournalWriter.append(file, PLAN)) {
                writer.onEvent(appended);
            }

            assertThat(journal.tornTail()).isTrue();
            assertThat(journal.events()).isEqualTo(events.subList(0, 3));
            Journal after = JournalReader.read(file);
            assertThat(after.tornTail()).isFalse();
            List<CoordinatorEvent> expected = new ArrayList<>(events.subList(0, 3));
            expected.add(appended);
            assertThat(after.events()).isEqualTo(expected);
        }
    }

    @Test
    void refusesAnInvalidLineBeforeTheLastNamingItsNumber() throws Exception {
        List<String> corrupt = new ArrayList<>(lines);
        corrupt.set(2, corrupt.get(2).substring(0, 20));
        writeLines(corrupt, "");

        assertThatThrownBy(() -> JournalReader.read(file))
                .isExactlyInstanceOf(JournalException.class)
                .hasMessage("journal " + file + " line 3 is not valid: it is not JSON (column 21:"
                        + " Unexpected end-of-input: was expecting closing quote for a string value)");
        assertThatThrownBy(() -> JournalReader.forPlan(file, PLAN))
                .hasMessageStartingWith("journal " + file + " line 3 is not valid");
    }

    @Test
    void refusesALineThatIsNotUtf8NamingItsNumber() throws Exception {
        byte[] head = (String.join("\n", lines.subList(0, 3)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] rest = (String.join("\n", lines.subList(4, 6)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', (byte) 0xC3, '"', '}', '\n'};
        Files.write(file, concat(head, bad, rest));

        assertThatThrownBy(() -> JournalReader.read(file))
                .hasMessage("journal " + file + " line 4 is not valid: it is not UTF-8 text");
    }

    @Test
    void refusesAnEventOfUnknownTypeNamingItsLine() throws Exception {
        List<String> changed = new ArrayList<>(lines);
        changed.set(4, changed.get(4).replaceFirst("\"type\":\"[a-zA-Z]+\"", "\"type\":\"stageTeleported\""));
        writeLines(changed, "");

        assertThatThrownBy(() -> JournalReader.read(file))
                .isExactlyInstanceOf(JournalException.class)
                .hasMessage("journal " + file + " line 5 is not valid: unknown event type 'stageTeleported'");
    }

    @Test
    void refusesAValidJsonLastLineThatIsNotAnEvent() throws Exception {
        writeLines(lines.subList(0, 4), "{\"type\":\"stageQueued\",\"at\":\"2026-03-01T08:00:00Z\"}\n");

        assertThatThrownBy(() -> JournalReader.read(file))
                .hasMessage("journal " + file + " line 5 is not valid: field 'stage' is missing");
    }

    @Test
    void refusesTheJournalOfAPlanWithOtherStagesNamingThem() {
        Plan other = Plan.builder("release")
                .stages(PLAN.stages().stream()
                        .filter(s -> !s.name().equals("docs") && !s.name().equals("lint"))
                        .toList())
                .stage(StageSpec.of("smoke", "staging"))
                .build();

        assertThatThrownBy(() -> JournalReader.forPlan(file, other))
                .isInstanceOf(JournalMismatchException.class)
                .hasMessage("journal " + file + " was written for plan 'release' of another shape: stages added:"
                        + " 'smoke'; stages removed: 'lint', 'docs'" + REST);
    }

    @Test
    void refusesTheJournalOfAPlanWhoseNeedsChanged() {
        Plan other = Plan.builder("release")
                .stages(PLAN.stages().stream()
                        .map(s -> s.name().equals("docs")
                                ? s.toBuilder().needs("lint").build()
                                : s)
                        .toList())
                .build();

        assertThatThrownBy(() -> JournalReader.forPlan(file, other))
                .isInstanceOf(JournalMismatchException.class)
                .hasMessage("journal " + file + " was written for plan 'release' of another shape: the same stages,"
                        + " but their needs or finally flags changed" + REST);
    }

    @Test
    void refusesTheJournalOfAPlanWithReorderedStages() {
        List<StageSpec> stages = new ArrayList<>(PLAN.stages());
        stages.add(0, stages.remove(1));
        Plan other = Plan.builder("release").stages(stages).build();

        assertThatThrownBy(() -> JournalReader.forPlan(file, other))
                .hasMessage("journal " + file + " was written for plan 'release' of another shape: the same stages"
                        + " in another order (was "
                        + String.join(", ", quoted(JournalHeader.of(PLAN).stages()))
                        + ")" + REST);
    }

    @Test
    void refusesTheJournalOfAnotherPlanNamingBoth() throws Exception {
        Plan other = Plan.builder("hotfix").stages(PLAN.stages()).build();
        byte[] before = Files.readAllBytes(file);
        writeLines(lines, "{\"torn");

        assertThatThrownBy(() -> JournalReader.forPlan(file, other))
                .hasMessage("journal " + file + " was written for plan 'release', not for plan 'hotfix': the stages"
                        + " are the same" + REST);
        assertThat(Files.readString(file)).endsWith("{\"torn").startsWith(new String(before, StandardCharsets.UTF_8));
    }

    @Test
    void refusesAJournalWithoutHeader() throws Exception {
        Files.writeString(file, "");
        assertThatThrownBy(() -> JournalReader.read(file))
                .isExactlyInstanceOf(JournalException.class)
                .hasMessage("journal " + file + " has no valid header: the file is empty");

        writeLines(lines.subList(1, 3), "");
        assertThatThrownBy(() -> JournalReader.read(file))
                .hasMessage("journal " + file + " has no valid header: its first line is not the header of an"
                        + " Orchestra journal");

        writeLines(List.of(), lines.get(0).substring(0, 30));
        assertThatThrownBy(() -> JournalReader.read(file))
                .hasMessage("journal " + file + " has no valid header: its first line is incomplete (30 bytes)");

        writeLines(List.of(), "garbage\n");
        assertThatThrownBy(() -> JournalReader.read(file))
                .hasMessage("journal " + file + " has no valid header: it is not JSON (column 1: Unrecognized token"
                        + " 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                        + " 'false'))");

        writeLines(List.of(lines.get(0).replace("\"version\":1", "\"version\":2")), "");
        assertThatThrownBy(() -> JournalReader.read(file))
                .hasMessage("journal " + file + " has no valid header: it has version 2, and this Orchestra reads"
                        + " version 1 only");

        writeLines(List.of(lines.get(0).replace(",\"fingerprint\":\"" + PLAN.fingerprint() + "\"", "")), "");
        assertThatThrownBy(() -> JournalReader.forPlan(file, PLAN))
                .hasMessage("journal " + file + " has no valid header: field 'fingerprint' is missing");
    }

    @Test
    void refusesAMissingFile() {
        Path missing = dir.resolve("nope.jsonl");

        assertThatThrownBy(() -> JournalReader.read(missing))
                .isExactlyInstanceOf(JournalException.class)
                .hasMessage("cannot read journal " + missing + ": no such file or directory");
    }

    private void writeLines(List<String> complete, String tail) throws Exception {
        StringBuilder text = new StringBuilder();
        for (String line : complete) {
            text.append(line).append('\n');
        }
        Files.writeString(file, text.append(tail), StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").toList();
    }
}
