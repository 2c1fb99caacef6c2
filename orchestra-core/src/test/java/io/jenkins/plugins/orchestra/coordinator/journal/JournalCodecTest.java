package io.jenkins.plugins.orchestra.coordinator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageRetrying;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSucceeded;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.WaitingForApproval;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JournalCodecTest {
    private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void roundTripsOneEventOfEveryTypeWithAndWithoutOptionalFields() throws Exception {
        for (boolean full : List.of(true, false)) {
            for (CoordinatorEvent event : JournalFixtures.oneOfEach(full)) {
                String line = EventCodec.encode(event);

                assertThat(line).doesNotContain("\n").doesNotContain("\r");
                assertThat(EventCodec.decode(line)).isEqualTo(event);
            }
        }
    }

    @Test
    void coversEveryEventTypeWithADistinctLowerCamelName() throws Exception {
        Map<Class<?>, String> types = new LinkedHashMap<>();
        for (CoordinatorEvent event : JournalFixtures.oneOfEach(true)) {
            types.put(
                    event.getClass(), JsonFields.parse(EventCodec.encode(event)).text("type"));
        }

        assertThat(types.keySet()).containsExactlyInAnyOrderElementsOf(eventRecords(CoordinatorEvent.class));
        assertThat(types.values()).doesNotHaveDuplicates().allMatch(t -> t.matches("[a-z][a-zA-Z]+"));
        assertThat(types)
                .containsEntry(StageStarted.class, "stageStarted")
                .containsEntry(CoordinatorEvent.RunResumed.class, "runResumed")
                .containsEntry(CoordinatorEvent.ApprovalTimedOut.class, "approvalTimedOut");
    }

    @Test
    void writesTheDocumentedJsonForm() {
        assertThat(EventCodec.encode(new StageStarted(AT, "test-a", 1, Optional.of("db"))))
                .isEqualTo("{\"type\":\"stageStarted\",\"at\":\"2026-03-01T08:00:00Z\",\"stage\":\"test-a\","
                        + "\"attempt\":1,\"lock\":\"db\"}");
        assertThat(EventCodec.encode(
                        new StageRetrying(AT, "build", 2, Failure.infrastructure("agent lost"), AT.plusMillis(1500))))
                .isEqualTo("{\"type\":\"stageRetrying\",\"at\":\"2026-03-01T08:00:00Z\",\"stage\":\"build\","
                        + "\"attempt\":2,\"failure\":{\"kind\":\"infrastructure\",\"message\":\"agent lost\"},"
                        + "\"retryAt\":\"2026-03-01T08:00:01.500Z\"}");
        assertThat(EventCodec.encode(new StageSucceeded(AT, "build", 1, Map.of("version", "1.2"), Optional.empty())))
                .isEqualTo("{\"type\":\"stageSucceeded\",\"at\":\"2026-03-01T08:00:00Z\",\"stage\":\"build\","
                        + "\"attempt\":1,\"outputs\":{\"version\":\"1.2\"}}");
        assertThat(EventCodec.encode(new RollbackFinished(AT, "staging", Optional.empty())))
                .isEqualTo("{\"type\":\"rollbackFinished\",\"at\":\"2026-03-01T08:00:00Z\",\"stage\":\"staging\"}");
        assertThat(EventCodec.encode(new RunFinished(AT, RunStatus.SUCCESS)))
                .isEqualTo("{\"type\":\"runFinished\",\"at\":\"2026-03-01T08:00:00Z\",\"status\":\"success\"}");
    }

    @Test
    void keepsEachLineOnOneLineWhateverTheTextHolds() throws Exception {
        String message = "line one\nline two\r\n\u2028tab\tquote\" emoji \uD83D\uDE80 lone \uD800 NUL \u0000";
        WaitingForApproval event =
                new WaitingForApproval(AT, "prod ☁", List.of("ærø"), 1, Optional.of(AT.plusNanos(1)), message);

        String line = EventCodec.encode(event);

        assertThat(line.chars().filter(c -> c == '\n' || c == '\r')).isEmpty();
        assertThat(EventCodec.decode(line)).isEqualTo(event);
    }

    @Test
    void readsBackAnOutputNameHoldingALoneSurrogate() throws Exception {
        StageSucceeded event = new StageSucceeded(AT, "build", 1, Map.of("v\uDD72", "\uD800"), Optional.empty());

        assertThat(decode(EventCodec.toJson(event))).isEqualTo(event);
    }

    @Test
    void roundTripsEveryEventOfASimulatedRunWithRetriesApprovalsLocksRollbacksAndSkips() throws Exception {
        Simulation.Recorder recorder = new Simulation.Recorder();
        Simulation.run(
                JournalFixtures.releasePlan(),
                JournalFixtures.releaseBehaviour(),
                new SimulatedClock(JournalFixtures.T0),
                recorder);
        List<CoordinatorEvent> events = recorder.events();

        List<CoordinatorEvent> decoded = new ArrayList<>();
        for (CoordinatorEvent event : events) {
            decoded.add(EventCodec.decode(EventCodec.encode(event)));
        }

        assertThat(decoded).isEqualTo(events);
        assertThat(events.stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet()))
                .contains(
                        "StageRetrying",
                        "WaitingForApproval",
                        "ApprovalGiven",
                        "ApprovalTimedOut",
                        "WaitingForLock",
                        "RollbackStarted",
                        "RollbackFinished",
                        "StageSkipped",
                        "StageFailed");
    }

    @Test
    void refusesAnUnknownTypeNamingIt() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"stageTeleported\",\"at\":\"2026-03-01T08:00:00Z\"}"))
                .isInstanceOf(InvalidLineException.class)
                .hasMessage("unknown event type 'stageTeleported'");
    }

    @Test
    void refusesMissingAndMistypedFieldsNamingTheField() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"stageQueued\",\"at\":\"2026-03-01T08:00:00Z\"}"))
                .hasMessage("field 'stage' is missing");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"stageQueued\",\"at\":\"yesterday\",\"stage\":\"a\"}"))
                .hasMessage("field 'at' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was \"yesterday\"");
        assertThatThrownBy(
                        () -> EventCodec.decode(
                                "{\"type\":\"stageInterrupted\",\"at\":\"2026-03-01T08:00:00Z\",\"stage\":\"a\",\"attempt\":1.5}"))
                .hasMessage("field 'attempt' must be a whole number, was 1.5");
        assertThatThrownBy(() -> EventCodec.decode(
                        "{\"type\":\"runFinished\",\"at\":\"2026-03-01T08:00:00Z\",\"status\":\"great\"}"))
                .hasMessage("field 'status' must be one of running, success, failure, aborted, was \"great\"");
        assertThatThrownBy(() -> EventCodec.decode("[1,2]")).hasMessage("it is not a JSON object but [1,2]");
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"runFinished\",\"at"))
                .hasMessage("it is not JSON (column 26: Unexpected end-of-input in field name)");
    }

    private static CoordinatorEvent decode(byte[] line) throws InvalidLineException {
        return EventCodec.decode(JsonFields.parse(line, 0, line.length));
    }

    /** The concrete records of a sealed hierarchy. */
    private static Set<Class<?>> eventRecords(Class<?> type) {
        if (!type.isSealed()) {
            return Set.of(type);
        }
        return java.util.Arrays.stream(type.getPermittedSubclasses())
                .flatMap(c -> eventRecords(c).stream())
                .collect(Collectors.toSet());
    }
}
