package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks stages, the blocks that hold them, their {@code when} blocks and matrices. */
final class StageValidator {
    private final DeclarativeValidator validator;
    private final Problems problems;

    StageValidator(DeclarativeValidator validator) {
        this.validator = validator;
        this.problems = validator.problems();
    }

    /** A {@code stages} or {@code parallel} block; {@code withinParallel} for stages that run side by side. */
    void stages(StagesBlock block, boolean withinParallel) {
        if (block.stages().isEmpty()) {
            problems.at(block.at(), JenkinsMessages.noStages());
        }
        List<String> names = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (StageModel stage : block.stages()) {
            if (names.contains(stage.name()) && reported.add(stage.name())) {
                problems.at(block.at(), JenkinsMessages.duplicateStageName(stage.name()));
            }
            names.add(stage.name());
        }
        block.stages().forEach(stage -> stage(stage, withinParallel));
    }

    private void stage(StageModel stage, boolean withinParallel) {
        long bodies = List.of(stage.steps(), stage.stages(), stage.parallel(), stage.matrix()).stream()
                .filter(Optional::isPresent)
                .count();
        Optional<Position> nested =
                stage.parallel().map(StagesBlock::at).or(() -> stage.matrix().map(MatrixModel::at));
        if (withinParallel && nested.isPresent()) {
            problems.at(nested.get(), JenkinsMessages.noNestedWithinNestedStages());
        } else if (bodies > 1) {
            problems.at(stage.at(), JenkinsMessages.moreThanOneForStage(stage.name()));
        } else if (bodies == 0) {
            problems.at(stage.at(), JenkinsMessages.nothingForStage(stage.name()));
        }
        validator.environment(stage.environment());
        validator.options(stage.options(), Signatures.STAGE_OPTIONS);
        stage.when().ifPresent(this::when);
        stage.input().ifPresent(this::input);
        stage.steps().ifPresent(steps -> validator.steps(steps.steps(), true));
        stage.stages().ifPresent(stages -> stages(stages, withinParallel));
        stage.parallel().ifPresent(parallel -> stages(parallel, true));
        stage.matrix().ifPresent(this::matrix);
        stage.post().ifPresent(validator::post);
    }

    private void input(InputModel input) {
        if (input.message().isEmpty()) {
            problems.at(input.at(), JenkinsMessages.missingInputMessage());
        }
        validator.parameters(input.parameters());
    }

    private void when(WhenModel when) {
        if (when.conditions().isEmpty()) {
            problems.at(when.at(), JenkinsMessages.emptyWhen());
        }
        when.conditions().forEach(this::condition);
    }

    private void condition(WhenCondition condition) {
        String name = condition.name();
        if (!Signatures.CONDITIONS.contains(name)) {
            problems.at(condition.at(), JenkinsMessages.unknownWhenConditional(name, Signatures.CONDITIONS));
            return;
        }
        Integer children = Signatures.NESTED_CONDITIONS.get(name);
        if (children == null) {
            if (!condition.children().isEmpty()) {
                problems.at(condition.at(), JenkinsMessages.noNestedWhenAllowed(name));
            } else if (condition.expression().isEmpty()) {
                Signatures.LEAF_CONDITIONS
                        .get(name)
                        .checkDescribable(condition.arguments())
                        .forEach(message -> problems.at(condition.at(), message));
            }
        } else if (!condition.arguments().isEmpty()) {
            problems.at(condition.at(), JenkinsMessages.nestedWhenNoArgs(name));
        } else if (children < 0 && condition.children().isEmpty()) {
            problems.at(condition.at(), JenkinsMessages.nestedWhenWithoutChildren(name));
        } else if (children > 0 && condition.children().size() != children) {
            problems.at(condition.at(), JenkinsMessages.nestedWhenWrongChildrenCount(name, children));
        } else {
            condition.children().forEach(this::condition);
        }
    }

    private void matrix(MatrixModel matrix) {
        if (matrix.axes().isEmpty()) {
            problems.at(matrix.at(), JenkinsMessages.requiredSection("axes"));
        }
        if (matrix.stages().isEmpty()) {
            problems.at(matrix.at(), JenkinsMessages.requiredSection("stages"));
        }
        Set<String> names = new HashSet<>();
        for (MatrixAxis axis : matrix.axes()) {
            axis(axis);
            if (!axis.name().isEmpty() && !names.add(axis.name())) {
                problems.at(axis.at(), JenkinsMessages.duplicateAxisName(axis.name()));
            }
        }
        matrix.excludes().forEach(exclude -> exclude.axes().forEach(this::axis));
        validator.environment(matrix.environment());
        validator.options(matrix.options(), Signatures.STAGE_OPTIONS);
        matrix.when().ifPresent(this::when);
        matrix.input().ifPresent(this::input);
        matrix.stages().ifPresent(stages -> stages(stages, true));
        matrix.post().ifPresent(validator::post);
    }

    private void axis(MatrixAxis axis) {
        if (axis.name().isEmpty()) {
            problems.at(axis.at(), JenkinsMessages.missingRequiredParameter("name"));
        }
        if (axis.values().isEmpty()) {
            problems.at(axis.at(), JenkinsMessages.missingRequiredParameter(axis.notValues() ? "notValues" : "values"));
        }
    }
}
