package io.jenkins.plugins.orchestra.coordinator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.AbortRequested;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalGiven;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalRejected;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalTimedOut;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunHalted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunResumed;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageAborted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageFailed;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageInterrupted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageQueued;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageRetrying;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSkipped;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSucceeded;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.WaitingForApproval;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.WaitingForLock;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.FailureKind;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JournalCodecPropertyTest {

    @Property
    void roundTripsAnySequenceOfEventsExactly(@ForAll("events") List<CoordinatorEvent> events) throws Exception {
        List<CoordinatorEvent> decoded = new ArrayList<>();
        for (CoordinatorEvent event : events) {
            String line = EventCodec.encode(event);
            assertThat(line).doesNotContain("\n");
            decoded.add(EventCodec.decode(line));
        }

        assertThat(decoded).isEqualTo(events);
    }

    @Property(tries = 100)
    void readsBackAnySequenceOfEventsWrittenToAJournal(@ForAll("events") List<CoordinatorEvent> events)
            throws Exception {
        Path file = Files.createTempDirectory("journal").resolve("journal.jsonl");
        Plan plan = Plan.of("any", StageSpec.of("a"));
        try {
            try (JournalWriter writer = JournalWriter.create(file, plan)) {
                events.forEach(writer::onEvent);
            }

            assertThat(JournalReader.read(file)).isEqualTo(new Journal(JournalHeader.of(plan), events, false));
        } finally {
            Files.delete(file);
            Files.delete(file.getParent());
        }
    }

    @Provide
    Arbitrary<List<CoordinatorEvent>> events() {
        return event().list().ofMaxSize(30);
    }

    private static Arbitrary<CoordinatorEvent> event() {
        Arbitrary<Instant> at = instants();
        Arbitrary<String> s = texts();
        Arbitrary<Integer> n = Arbitraries.integers();
        return Arbitraries.oneOf(List.of(
                Combinators.combine(at, s, s, n).as(RunStarted::new),
                Combinators.combine(at, s.list().ofMaxSize(4)).as(RunResumed::new),
                Combinators.combine(at, s, s).as(RunHalted::new),
                Combinators.combine(at, s).as(AbortRequested::new),
                Combinators.combine(at, s, s.list().ofMaxSize(4), n, instants().optional(), s)
                        .as(WaitingForApproval::new),
                Combinators.combine(at, s, s, s).as(ApprovalGiven::new),
                Combinators.combine(at, s, s, s).as(ApprovalRejected::new),
                Combinators.combine(at, s, Arbitraries.of(ApprovalSpec.OnTimeout.class))
                        .as(ApprovalTimedOut::new),
                Combinators.combine(at, s).as(StageQueued::new),
                Combinators.combine(at, s, s, s).as(WaitingForLock::new),
                Combinators.combine(at, s, n, s.optional()).as(StageStarted::new),
                Combinators.combine(at, s, n, failures(), instants()).as(StageRetrying::new),
                Combinators.combine(at, s, n, Arbitraries.maps(s, s).ofMaxSize(4), s.optional())
                        .as(StageSucceeded::new),
                Combinators.combine(at, s, n, failures()).as(StageFailed::new),
                Combinators.combine(at, s, n, s).as(StageAborted::new),
                Combinators.combine(at, s, s).as(StageSkipped::new),
                Combinators.combine(at, s, n).as(StageInterrupted::new),
                Combinators.combine(at, s).as(RollbackStarted::new),
                Combinators.combine(at, s, failures().optional()).as(RollbackFinished::new),
                Combinators.combine(at, Arbitraries.of(RunStatus.class)).as(RunFinished::new)));
    }

    /** Any text, including new lines, quotes, control characters and lone surrogates. */
    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings()
                        .withChars("\n\r\"\\{}:,\u0000\u2028\uD800\uDC00é")
                        .ofMaxLength(6),
                Arbitraries.strings().alpha().numeric().withChars("-_ ").ofMaxLength(20));
    }

    private static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    private static Arbitrary<Failure> failures() {
        return Combinators.combine(Arbitraries.of(FailureKind.class), texts()).as(Failure::new);
    }
}
