package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec;
import io.jenkins.plugins.orchestra.coordinator.Command;
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
import io.jenkins.plugins.orchestra.coordinator.FailurePolicy;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.When;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A release plan that uses retries, approvals, locks, rollbacks and skips, and a behaviour that exercises them. */
final class JournalFixtures {
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private JournalFixtures() {}

    /** Failures halt their branch or are ignored, so the outcome of each stage does not depend on timing. */
    static Plan releasePlan() {
        return Plan.builder("release")
                .maxParallel(3)
                .stage(StageSpec.builder("build")
                        .retry(2, Duration.ofSeconds(10))
                        .outputs("version"))
                .stage(StageSpec.builder("lint").failurePolicy(FailurePolicy.IGNORE))
                .stage(StageSpec.builder("test-a").needs("build").lock("db"))
                .stage(StageSpec.builder("test-b").needs("build").lock("db"))
                .stage(StageSpec.builder("staging").needs("test-a", "test-b").rollback(true))
                .stage(StageSpec.builder("sign-off")
                        .needs("staging")
                        .rollback(true)
                        .approval(new ApprovalSpec(
                                List.of("alice", "bob"), 2, Optional.empty(), ApprovalSpec.OnTimeout.REJECT, "Ship?")))
                .stage(StageSpec.builder("freeze-check")
                        .needs("staging")
                        .approval(new ApprovalSpec(
                                List.of("carol"),
                                1,
                                Optional.of(Duration.ofMinutes(30)),
                                ApprovalSpec.OnTimeout.SKIP,
                                null)))
                .stage(StageSpec.builder("migrate")
                        .needs("staging")
                        .failurePolicy(FailurePolicy.HALT_BRANCH)
                        .retry(1, Duration.ofMinutes(1)))
                .stage(StageSpec.builder("production").needs("sign-off", "migrate"))
                .stage(StageSpec.builder("docs").needs("build").when(When.SUCCESS.withCondition("params.publishDocs")))
                .stage(StageSpec.builder("notify").isFinally(true).when(When.Trigger.ALWAYS))
                .build();
    }

    static Simulation.Behaviour releaseBehaviour() {
        return new Simulation.Behaviour() {
            @Override
            public Duration duration(String stage, int attempt) {
                return Duration.ofMinutes(stage.length());
            }

            @Override
            public Optional<Failure> failure(String stage, int attempt) {
                return switch (stage) {
                    case "build" -> attempt == 1 ? Optional.of(Failure.infrastructure("agent lost")) : Optional.empty();
                    case "lint" -> Optional.of(Failure.error("3 warnings"));
                    case "migrate" -> Optional.of(Failure.error("schema locked"));
                    default -> Optional.empty();
                };
            }

            @Override
            public Map<String, String> outputs(String stage, int attempt) {
                return stage.equals("build") ? Map.of("version", "1.2." + attempt) : Map.of();
            }

            @Override
            public boolean condition(Command.EvaluateCondition request) {
                return false;
            }

            @Override
            public List<String> approvers(String stage, ApprovalSpec approval) {
                return stage.equals("freeze-check") ? List.of() : approval.approvers(); // carol never answers
            }

            @Override
            public Duration approvalDelay(String stage) {
                return Duration.ofMinutes(20);
            }

            @Override
            public Duration rollbackDuration(String stage) {
                return Duration.ofMinutes(2);
            }

            @Override
            public Optional<Failure> rollbackFailure(String stage) {
                return stage.equals("sign-off") ? Optional.of(Failure.error("cannot undo")) : Optional.empty();
            }
        };
    }

    /** One event of every type, with every optional field filled where {@code full}, empty otherwise. */
    static List<CoordinatorEvent> oneOfEach(boolean full) {
        Instant at = T0;
        Failure failure = Failure.timeout("timed out after 5m");
        return List.of(
                new RunStarted(at, "release", "0123456789abcdef0123456789abcdef", 11),
                new RunResumed(at.plusSeconds(1), full ? List.of("build", "lint") : List.of()),
                new RunHalted(at.plusSeconds(2), "build", "stage 'build' failed"),
                new AbortRequested(at.plusSeconds(3), "aborted by alice"),
                new WaitingForApproval(
                        at.plusSeconds(4),
                        "sign-off",
                        full ? List.of("alice", "bob") : List.of(),
                        2,
                        full ? Optional.of(at.plusSeconds(3600)) : Optional.empty(),
                        "Ship \"1.2\"?\nReally?"),
                new ApprovalGiven(at.plusSeconds(5), "sign-off", "alice", "lgtm"),
                new ApprovalRejected(at.plusSeconds(6), "sign-off", "bob", ""),
                new ApprovalTimedOut(at.plusSeconds(7), "freeze-check", ApprovalSpec.OnTimeout.SKIP),
                new StageQueued(at.plusSeconds(8), "test-a"),
                new WaitingForLock(at.plusSeconds(9), "test-b", "db", "test-a"),
                new StageStarted(at.plusSeconds(10), "test-a", 1, full ? Optional.of("db") : Optional.empty()),
                new StageRetrying(at.plusSeconds(11), "build", 1, failure, at.plusSeconds(21)),
                new StageSucceeded(
                        at.plusSeconds(12),
                        "build",
                        2,
                        full ? Map.of("version", "1.2.3", "sha", "abc") : Map.of(),
                        full ? Optional.of("ignored: 3 warnings") : Optional.empty()),
                new StageFailed(at.plusSeconds(13), "migrate", 2, Failure.error("schema locked")),
                new StageAborted(at.plusSeconds(14), "test-b", 1, "run aborted: aborted by alice"),
                new StageSkipped(at.plusSeconds(15), "docs", "its condition is false: params.publishDocs"),
                new StageInterrupted(at.plusSeconds(16), "test-a", 1),
                new RollbackStarted(at.plusSeconds(17), "staging"),
                new RollbackFinished(
                        at.plusSeconds(18),
                        "staging",
                        full ? Optional.of(Failure.infrastructure("host gone")) : Optional.empty()),
                new RunFinished(at.plusNanos(19_000_000_123L), RunStatus.FAILURE));
    }
}
