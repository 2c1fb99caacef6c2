package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code stage}. A valid stage has exactly one of {@code steps}, {@code stages}, {@code parallel} and {@code
 * matrix}; the model keeps whatever was written so that the validator can say what is wrong.
 *
 * @param name the stage's name
 * @param path its place in the pipeline: {@code stages[2]}, {@code stages[2].parallel[0]}, {@code
 *     stages[3].matrix.stages[0]}
 * @param agent where it runs, if it says
 * @param environment its environment
 * @param options its options
 * @param when when it runs
 * @param input the question asked before it runs
 * @param steps its steps
 * @param stages its sequential stages
 * @param parallel its parallel stages
 * @param matrix its matrix
 * @param failFast {@code failFast true}: a failing parallel stage aborts the others
 * @param post what it does after it ran
 * @param at where it is declared
 */
public record StageModel(
        String name,
        String path,
        Optional<Agent> agent,
        List<EnvironmentEntry> environment,
        List<OptionSpec> options,
        Optional<WhenModel> when,
        Optional<InputModel> input,
        Optional<StepsBlock> steps,
        Optional<StagesBlock> stages,
        Optional<StagesBlock> parallel,
        Optional<MatrixModel> matrix,
        boolean failFast,
        Optional<PostModel> post,
        Position at) {
    public StageModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(agent, "agent");
        environment = List.copyOf(environment);
        options = List.copyOf(options);
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(parallel, "parallel");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(at, "at");
    }
}
