package io.jenkins.plugins.orchestra.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How one stage of a finished run ended.
 *
 * @param attempts how many attempts started (0 if it never ran)
 * @param started when its first attempt started
 * @param ended when it reached its terminal state
 * @param failure why it failed or was aborted
 * @param note why it was skipped, or the warning of an ignored failure
 * @param rollback whether its compensating action ran, and how it ended
 */
public record StageResult(
        String name,
        StageStatus status,
        int attempts,
        Optional<Instant> started,
        Optional<Instant> ended,
        Optional<Failure> failure,
        Optional<String> note,
        Map<String, String> outputs,
        RollbackOutcome rollback) {

    /** How long it ran, from its first start to its end, retries and their waits included. */
    public Optional<Duration> duration() {
        return started.isPresent() && ended.isPresent()
                ? Optional.of(Duration.between(started.get(), ended.get()))
                : Optional.empty();
    }

    /** Whether a stage's compensating action ran. */
    public enum RollbackOutcome {
        NONE,
        ROLLED_BACK,
        ROLLBACK_FAILED
    }
}
