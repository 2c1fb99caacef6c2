package io.jenkins.plugins.orchestra.coordinator.executor;

import java.util.Map;

/** What a stage of a Java plan does. */
@FunctionalInterface
public interface StageAction {
    /**
     * Runs one attempt of the stage and returns its outputs. Throwing fails the attempt: an {@link
     * InterruptedException} (the stage was aborted) as {@code aborted}, a {@link StageFailure} as its kind, an {@link
     * java.io.IOException} or a retryable {@link io.jenkins.plugins.orchestra.OrchestraException} as {@code
     * infrastructure}, anything else as {@code error}. The thread is interrupted when the stage is aborted.
     */
    Map<String, String> run(StageContext context) throws Exception;
}
