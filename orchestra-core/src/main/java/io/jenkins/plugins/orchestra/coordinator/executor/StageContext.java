package io.jenkins.plugins.orchestra.coordinator.executor;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What a stage's action knows when it runs.
 *
 * @param inputs the outputs of the stages it needs, by stage name
 * @param deadline when the attempt times out
 */
public record StageContext(
        String stage,
        int attempt,
        Map<String, Map<String, String>> inputs,
        Optional<Instant> deadline,
        BooleanSupplier abortRequested) {

    /** Whether the coordinator asked for this attempt to stop; long actions check it between steps. */
    public boolean isAborted() {
        return abortRequested.getAsBoolean();
    }

    /** The output {@code key} of the stage it needs named {@code stage}, if published. */
    public Optional<String> input(String need, String key) {
        return Optional.ofNullable(inputs.getOrDefault(need, Map.of()).get(key));
    }
}
