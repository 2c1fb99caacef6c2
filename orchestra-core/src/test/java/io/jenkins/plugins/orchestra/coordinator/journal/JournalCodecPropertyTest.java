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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random sequences of events, with hostile text: a failing seed reproduces its case. */
class JournalCodecPropertyTest {

    static LongStream seeds() {
        return LongStream.range(0, 1000);
    }

    static LongStream fileSeeds() {
        return LongStream.range(0, 100);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void roundTripsAnySequenceOfEventsExactly(long seed) throws Exception {
        List<CoordinatorEvent> events = new RandomEvents(seed).events(30);
        List<CoordinatorEvent> decoded = new ArrayList<>();
        for (CoordinatorEvent event : events) {
            String line = EventCodec.encode(event);
            assertThat(line).doesNotContain("\n");
            decoded.add(EventCodec.decode(line));
        }

        assertThat(decoded).as("seed %d", seed).isEqualTo(events);
    }

    @ParameterizedTest
    @MethodSource("fileSeeds")
    void readsBackAnySequenceOfEventsWrittenToAJournal(long seed) throws Exception {
        List<CoordinatorEvent> events = new RandomEvents(seed).events(30);
        Path file = Files.createTempDirectory("journal").resolve("journal.jsonl");
        Plan plan = Plan.of("any", StageSpec.of("a"));
        try {
            try (JournalWriter writer = JournalWriter.create(file, plan)) {
                events.forEach(writer::onEvent);
            }

            assertThat(JournalReader.read(file))
                    .as("seed %d", seed)
                    .isEqualTo(new Journal(JournalHeader.of(plan), events, false));
        } finally {
            Files.delete(file);
            Files.delete(file.getParent());
        }
    }

    /** Random events of every type, with text that includes new lines, quotes, controls and lone surrogates. */
    private static final class RandomEvents {
        private static final String HOSTILE = "\n\r\"\\{}:,\u0000\u2028\uD800\uDC00é";
        private final Random r;

        RandomEvents(long seed) {
            r = new Random(seed);
        }

        List<CoordinatorEvent> events(int max) {
            int n = r.nextInt(max + 1);
            List<CoordinatorEvent> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                events.add(event());
            }
            return events;
        }

        private CoordinatorEvent event() {
            Instant at = instant();
            return switch (r.nextInt(20)) {
                case 0 -> new RunStarted(at, text(), text(), r.nextInt());
                case 1 -> new RunResumed(at, list(this::text));
                case 2 -> new RunHalted(at, text(), text());
                case 3 -> new AbortRequested(at, text());
                case 4 ->
                    new WaitingForApproval(at, text(), list(this::text), r.nextInt(), optional(this::instant), text());
                case 5 -> new ApprovalGiven(at, text(), text(), text());
                case 6 -> new ApprovalRejected(at, text(), text(), text());
                case 7 -> new ApprovalTimedOut(at, text(), pick(ApprovalSpec.OnTimeout.values()));
                case 8 -> new StageQueued(at, text());
                case 9 -> new WaitingForLock(at, text(), text(), text());
                case 10 -> new StageStarted(at, text(), r.nextInt(), optional(this::text));
                case 11 -> new StageRetrying(at, text(), r.nextInt(), failure(), instant());
                case 12 -> new StageSucceeded(at, text(), r.nextInt(), map(), optional(this::text));
                case 13 -> new StageFailed(at, text(), r.nextInt(), failure());
                case 14 -> new StageAborted(at, text(), r.nextInt(), text());
                case 15 -> new StageSkipped(at, text(), text());
                case 16 -> new StageInterrupted(at, text(), r.nextInt());
                case 17 -> new RollbackStarted(at, text());
                case 18 -> new RollbackFinished(at, text(), optional(this::failure));
                default -> new RunFinished(at, pick(RunStatus.values()));
            };
        }

        private String text() {
            int length = r.nextInt(13);
            StringBuilder sb = new StringBuilder(length);
            int style = r.nextInt(3);
            for (int i = 0; i < length; i++) {
                sb.append(
                        switch (style) {
                            case 0 -> (char) r.nextInt(Character.MAX_VALUE + 1);
                            case 1 -> HOSTILE.charAt(r.nextInt(HOSTILE.length()));
                            default -> "abcXYZ019-_ ".charAt(r.nextInt(12));
                        });
            }
            return sb.toString();
        }

        private Instant instant() {
            long seconds = Instant.MIN.getEpochSecond()
                    + (long) (r.nextDouble() * ((double) Instant.MAX.getEpochSecond() - Instant.MIN.getEpochSecond()));
            return Instant.ofEpochSecond(seconds, r.nextInt(1_000_000_000));
        }

        private Failure failure() {
            return new Failure(pick(FailureKind.values()), text());
        }

        private Map<String, String> map() {
            Map<String, String> m = new LinkedHashMap<>();
            int n = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                m.put(text(), text());
            }
            return m;
        }

        private <T> List<T> list(Supplier<T> element) {
            int n = r.nextInt(5);
            List<T> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(element.get());
            }
            return list;
        }

        private <T> Optional<T> optional(Supplier<T> value) {
            return r.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
        }

        private <T> T pick(T[] values) {
            return values[r.nextInt(values.length)];
        }
    }
}
