package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Declarative Pipeline: the {@code pipeline { }} block of a Jenkinsfile, read without running anything. A
 * required section may be missing; {@link DeclarativeValidator} says so.
 *
 * @param agent where the pipeline runs
 * @param environment its environment
 * @param parameters its build parameters
 * @param options its options
 * @param stages its stages
 * @param post what it does after its stages
 * @param notes what was recorded but is not carried by the model, such as {@code tools}
 * @param at where the {@code pipeline} block starts
 */
public record PipelineModel(
        Optional<Agent> agent,
        List<EnvironmentEntry> environment,
        List<ParameterSpec> parameters,
        List<OptionSpec> options,
        Optional<StagesBlock> stages,
        Optional<PostModel> post,
        List<Note> notes,
        Position at) {
    public PipelineModel {
        Objects.requireNonNull(agent, "agent");
        environment = List.copyOf(environment);
        parameters = List.copyOf(parameters);
        options = List.copyOf(options);
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(post, "post");
        notes = List.copyOf(notes);
        Objects.requireNonNull(at, "at");
    }

    /** Every stage, depth first in the order written, including those nested in stages, parallel and matrix. */
    public List<StageModel> allStages() {
        List<StageModel> all = new ArrayList<>();
        stages.ifPresent(block -> walk(block, all::add));
        return all;
    }

    private static void walk(StagesBlock block, Consumer<StageModel> visitor) {
        for (StageModel stage : block.stages()) {
            visitor.accept(stage);
            stage.stages().ifPresent(nested -> walk(nested, visitor));
            stage.parallel().ifPresent(nested -> walk(nested, visitor));
            stage.matrix().flatMap(MatrixModel::stages).ifPresent(nested -> walk(nested, visitor));
        }
    }
}
