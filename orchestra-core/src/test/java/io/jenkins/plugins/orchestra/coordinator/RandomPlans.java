package io.jenkins.plugins.orchestra.coordinator;

import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded random plans and behaviours for property tests: the same seed gives the same plan, so a failing seed is a
 * reproducible case.
 */
final class RandomPlans {
    private RandomPlans() {}

    /**
     * A random plan of up to {@code maxStages} stages. With {@code timingIndependent}, only stages that never fail
     * halt the pipeline, so that the final state does not depend on when stages end relative to each other (which a
     * crash and resume changes).
     */
    static Plan plan(long seed, int maxStages, boolean timingIndependent) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(maxStages);
        int finallyCount = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
        List<StageSpec> stages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean isFinally = i >= n - finallyCount;
            StageSpec.Builder b = StageSpec.builder("s" + i);
            List<Integer> candidates = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (!isFinally || j >= n - finallyCount) {
                    candidates.add(j);
                }
            }
            int needs = candidates.isEmpty() ? 0 : r.nextInt(Math.min(4, candidates.size() + 1));
            java.util.Collections.shuffle(candidates, r);
            for (int k = 0; k < needs; k++) {
                b.needs("s" + candidates.get(k));
            }
            int trigger = r.nextInt(10);
            if (needs > 0 && trigger == 0) {
                b.when(When.Trigger.FAILURE);
            } else if (trigger == 1) {
                b.when(When.Trigger.ALWAYS);
            }
            if (r.nextInt(6) == 0) {
                b.when(new When(
                        needs > 0 && trigger == 0 ? When.Trigger.FAILURE : When.Trigger.SUCCESS,
                        Optional.of("cond-" + i)));
            }
            if (r.nextInt(3) == 0) {
                b.retry(new RetryPolicy(
                        1 + r.nextInt(2),
                        Duration.ofSeconds(r.nextInt(20)),
                        Duration.ofMinutes(1),
                        2,
                        r.nextBoolean() ? 0 : 0.3,
                        EnumSet.of(FailureKind.ERROR)));
            }
            boolean mayFail = fails(seed, "s" + i, 1) || fails(seed, "s" + i, 2) || fails(seed, "s" + i, 3);
            int policy = r.nextInt(3);
            if (timingIndependent && mayFail) {
                b.failurePolicy(policy == 0 ? FailurePolicy.IGNORE : FailurePolicy.HALT_BRANCH);
            } else {
                b.failurePolicy(FailurePolicy.values()[policy]);
            }
            b.rollback(r.nextInt(3) == 0);
            if (r.nextInt(5) == 0) {
                b.lock("lock-" + r.nextInt(2));
            }
            if (r.nextInt(8) == 0) {
                List<String> approvers = List.of("alice", "bob", "carol");
                b.approval(new ApprovalSpec(
                        approvers, 1 + r.nextInt(3), Optional.empty(), ApprovalSpec.OnTimeout.REJECT, null));
            }
            b.isFinally(isFinally);
            stages.add(b.build());
        }
        int maxParallel = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : Plan.UNLIMITED;
        return new Plan("random-" + seed, stages, maxParallel, !timingIndependent && r.nextInt(4) == 0);
    }

    static boolean fails(long seed, String stage, int attempt) {
        return Math.floorMod((seed * 7919 + stage.hashCode()) * 31 + attempt, 5) == 0;
    }

    static Simulation.Behaviour behaviour(long seed) {
        return new Simulation.Behaviour() {
            @Override
            public Duration duration(String stage, int attempt) {
                return Duration.ofSeconds(1 + Math.floorMod(seed * 31 + stage.hashCode() * 17L + attempt, 97));
            }

            @Override
            public Optional<Failure> failure(String stage, int attempt) {
                return fails(seed, stage, attempt) ? Optional.of(Failure.error("exit " + attempt)) : Optional.empty();
            }

            @Override
            public Map<String, String> outputs(String stage, int attempt) {
                return Map.of("from", stage + "#" + attempt);
            }

            @Override
            public boolean condition(Command.EvaluateCondition request) {
                return Math.floorMod(seed + request.stage().hashCode(), 3) != 0;
            }

            @Override
            public Duration approvalDelay(String stage) {
                return Duration.ofSeconds(Math.floorMod(seed + stage.hashCode(), 50));
            }

            @Override
            public Duration rollbackDuration(String stage) {
                return Duration.ofSeconds(Math.floorMod(seed * 3 + stage.hashCode(), 7));
            }
        };
    }
}
