package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage's {@code matrix}: its stages run once per cell, a cell being one value of each axis.
 *
 * @param axes the axes, in the order written
 * @param excludes the cells left out
 * @param agent where each cell runs
 * @param environment environment of each cell
 * @param options options of each cell
 * @param when whether a cell runs
 * @param input the question asked before each cell
 * @param stages the stages each cell runs
 * @param post what each cell does after its stages
 * @param at where the block is
 */
public record MatrixModel(
        List<MatrixAxis> axes,
        List<MatrixExclude> excludes,
        Optional<Agent> agent,
        List<EnvironmentEntry> environment,
        List<OptionSpec> options,
        Optional<WhenModel> when,
        Optional<InputModel> input,
        Optional<StagesBlock> stages,
        Optional<PostModel> post,
        Position at) {
    public MatrixModel {
        axes = List.copyOf(axes);
        excludes = List.copyOf(excludes);
        Objects.requireNonNull(agent, "agent");
        environment = List.copyOf(environment);
        options = List.copyOf(options);
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(stages, "stages");
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(at, "at");
    }

    /** The cells to run, in Jenkins' order: see {@link MatrixCells#expand}. */
    public List<Map<String, String>> cells() {
        return MatrixCells.expand(axes, excludes);
    }
}
