package io.jenkins.plugins.orchestra.coordinator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the coordinator asks its host to do. The host reports back through the coordinator's methods. */
public sealed interface Command {

    /**
     * Run an attempt of the stage; report {@link Coordinator#stageSucceeded} or {@link Coordinator#stageFailed}.
     *
     * @param inputs the outputs of each stage it needs, by stage name
     * @param deadline when the attempt times out (the coordinator then sends {@link AbortStage})
     */
    record StartStage(String stage, int attempt, Map<String, Map<String, String>> inputs, Optional<Instant> deadline)
            implements Command {}

    /**
     * Evaluate the stage's {@code when} condition; report {@link Coordinator#conditionEvaluated}.
     *
     * @param needs how each stage it needs ended
     * @param inputs the outputs of each stage it needs
     */
    record EvaluateCondition(
            String stage, String condition, Map<String, StageStatus> needs, Map<String, Map<String, String>> inputs)
            implements Command {}

    /**
     * Ask for approval of the stage; approvers answer through {@link Coordinator#approve} and {@link
     * Coordinator#reject}.
     */
    record RequestApproval(String stage, ApprovalSpec approval, List<String> approvedBy, Optional<Instant> deadline)
            implements Command {}

    /** Stop asking for approval of the stage: it will not run. */
    record CancelApproval(String stage, String reason) implements Command {}

    /** Abort the running stage; then report it failed (the coordinator knows why). */
    record AbortStage(String stage, String reason) implements Command {}

    /**
     * Run the stage's compensating action; report {@link Coordinator#rollbackFinished}.
     *
     * @param outputs what the stage published when it succeeded
     */
    record RunRollback(String stage, Map<String, String> outputs) implements Command {}

    /** The run is over. */
    record Finish(RunResult result) implements Command {}
}
