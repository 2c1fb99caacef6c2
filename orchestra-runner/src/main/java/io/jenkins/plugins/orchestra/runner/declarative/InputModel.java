package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage's {@code input} block: the question asked before the stage runs.
 *
 * @param message the question; Jenkins requires one
 * @param id the input's id
 * @param ok the text of the button that says yes
 * @param submitter who may answer: user or group names separated by commas
 * @param submitterParameter the environment variable that receives who answered
 * @param parameters what the answer is made of
 * @param at where the block is
 */
public record InputModel(
        Optional<String> message,
        Optional<String> id,
        Optional<String> ok,
        Optional<String> submitter,
        Optional<String> submitterParameter,
        List<ParameterSpec> parameters,
        Position at) {
    public InputModel {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ok, "ok");
        Objects.requireNonNull(submitter, "submitter");
        Objects.requireNonNull(submitterParameter, "submitterParameter");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(at, "at");
    }
}
