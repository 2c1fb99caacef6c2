package io.jenkins.plugins.orchestra.coordinator.executor;

import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.InvalidPlanException;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.Problem;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The Java code behind a plan's stages: an action for each, and the rollbacks and conditions the plan declares. */
public final class StageActions {
    /** A compensating action, given the outputs the stage published. */
    @FunctionalInterface
    public interface Rollback {
        void run(String stage, Map<String, String> outputs) throws Exception;
    }

    private final Map<String, StageAction> actions;
    private final Map<String, Rollback> rollbacks;
    private final Map<String, Predicate<Command.EvaluateCondition>> conditions;

    private StageActions(Builder b) {
        actions = Map.copyOf(b.actions);
        rollbacks = Map.copyOf(b.rollbacks);
        conditions = Map.copyOf(b.conditions);
    }

    public static Builder builder() {
        return new Builder();
    }

    StageAction action(String stage) {
        return actions.get(stage);
    }

    Optional<Rollback> rollback(String stage) {
        return Optional.ofNullable(rollbacks.get(stage));
    }

    Predicate<Command.EvaluateCondition> condition(String stage) {
        return conditions.get(stage);
    }

    /** Refuses a plan whose stages lack the code they declare, naming each stage. */
    void check(Plan plan) {
        List<Problem> problems = new ArrayList<>();
        for (StageSpec s : plan.stages()) {
            if (!actions.containsKey(s.name())) {
                problems.add(new Problem(s.name(), null, "has no action"));
            }
            if (s.rollback() && !rollbacks.containsKey(s.name())) {
                problems.add(new Problem(s.name(), "rollback", "is declared but no rollback action is given"));
            }
            if (s.when().condition().isPresent() && !conditions.containsKey(s.name())) {
                problems.add(new Problem(s.name(), "when", "has a condition but no predicate is given"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
    }

    /** Collects the actions of a plan's stages. */
    public static final class Builder {
        private final Map<String, StageAction> actions = new HashMap<>();
        private final Map<String, Rollback> rollbacks = new HashMap<>();
        private final Map<String, Predicate<Command.EvaluateCondition>> conditions = new HashMap<>();

        public Builder stage(String stage, StageAction action) {
            actions.put(stage, action);
            return this;
        }

        public Builder rollback(String stage, Rollback rollback) {
            rollbacks.put(stage, rollback);
            return this;
        }

        public Builder condition(String stage, Predicate<Command.EvaluateCondition> condition) {
            conditions.put(stage, condition);
            return this;
        }

        public StageActions build() {
            return new StageActions(this);
        }
    }
}
