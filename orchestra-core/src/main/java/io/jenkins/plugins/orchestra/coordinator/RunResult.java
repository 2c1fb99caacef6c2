package io.jenkins.plugins.orchestra.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How a run ended: its status, every stage's result in plan order, and its critical path. */
public record RunResult(
        String plan,
        RunStatus status,
        Instant started,
        Instant ended,
        List<StageResult> stages,
        CriticalPath criticalPath) {

    public RunResult {
        stages = List.copyOf(stages);
    }

    public Duration duration() {
        return Duration.between(started, ended);
    }

    public Optional<StageResult> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
