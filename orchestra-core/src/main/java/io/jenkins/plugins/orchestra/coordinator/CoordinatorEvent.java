package io.jenkins.plugins.orchestra.coordinator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Something that happened in a run. The coordinator's state is a fold over its events: the journal records them, a
 * resumed run replays them, and dashboards render them.
 */
public sealed interface CoordinatorEvent {
    Instant at();

    /** An event about one stage. */
    sealed interface StageEvent extends CoordinatorEvent {
        String stage();
    }

    /** The run began. */
    record RunStarted(Instant at, String plan, String fingerprint, int stages) implements CoordinatorEvent {}

    /**
     * The run was resumed from its journal; {@code interrupted} are the stages that were running when it stopped and
     * run again.
     */
    record RunResumed(Instant at, List<String> interrupted) implements CoordinatorEvent {}

    /** A stage failed under {@code haltPipeline}: nothing new starts but failure handlers and finally stages. */
    record RunHalted(Instant at, String stage, String reason) implements CoordinatorEvent {}

    /** Somebody asked to abort the run. */
    record AbortRequested(Instant at, String reason) implements CoordinatorEvent {}

    /** The stage waits for approvers. */
    record WaitingForApproval(
            Instant at, String stage, List<String> approvers, int quorum, Optional<Instant> deadline, String message)
            implements StageEvent {}

    record ApprovalGiven(Instant at, String stage, String approver, String comment) implements StageEvent {}

    record ApprovalRejected(Instant at, String stage, String approver, String comment) implements StageEvent {}

    /** The wait for approvers ran out; what follows depends on {@code onTimeout}. */
    record ApprovalTimedOut(Instant at, String stage, ApprovalSpec.OnTimeout onTimeout) implements StageEvent {}

    /** The stage is ready and waits for a free slot. */
    record StageQueued(Instant at, String stage) implements StageEvent {}

    /** The stage is ready but its lock is held by {@code holder}. */
    record WaitingForLock(Instant at, String stage, String lock, String holder) implements StageEvent {}

    /** An attempt of the stage started, holding {@code lock} if it has one. */
    record StageStarted(Instant at, String stage, int attempt, Optional<String> lock) implements StageEvent {}

    /** An attempt failed and the stage will be tried again at {@code retryAt}. */
    record StageRetrying(Instant at, String stage, int attempt, Failure failure, Instant retryAt)
            implements StageEvent {}

    /** The stage ended well; {@code warning} says why if it failed under {@code failurePolicy: ignore}. */
    record StageSucceeded(Instant at, String stage, int attempt, Map<String, String> outputs, Optional<String> warning)
            implements StageEvent {}

    record StageFailed(Instant at, String stage, int attempt, Failure failure) implements StageEvent {}

    record StageAborted(Instant at, String stage, int attempt, String reason) implements StageEvent {}

    record StageSkipped(Instant at, String stage, String reason) implements StageEvent {}

    /** The stage was running when the run stopped; its attempt runs again. */
    record StageInterrupted(Instant at, String stage, int attempt) implements StageEvent {}

    /** The run failed after this stage succeeded: its compensating action starts. */
    record RollbackStarted(Instant at, String stage) implements StageEvent {}

    /** The stage's compensating action ended, with {@code failure} if it did not work. */
    record RollbackFinished(Instant at, String stage, Optional<Failure> failure) implements StageEvent {}

    record RunFinished(Instant at, RunStatus status) implements CoordinatorEvent {}
}
