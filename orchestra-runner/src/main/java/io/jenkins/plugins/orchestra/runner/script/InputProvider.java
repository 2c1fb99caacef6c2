package io.jenkins.plugins.orchestra.runner.script;

import java.util.List;
import java.util.Map;

/** Answers the {@code input} step: a person at the terminal, the dashboard, or a test. */
@FunctionalInterface
public interface InputProvider {
    /**
     * Asks and waits for an answer.
     *
     * @param submitters who may answer; empty means anyone
     * @param parameters the parameters asked for, with their defaults
     */
    Answer ask(String message, String ok, List<String> submitters, Map<String, Object> parameters)
            throws InterruptedException;

    /**
     * Asks, naming the input: its {@code id}, else the stage it is in. Providers that answer from elsewhere (another
     * command, the dashboard) use the id to find the answer; others need not override this.
     */
    default Answer ask(String id, String message, String ok, List<String> submitters, Map<String, Object> parameters)
            throws InterruptedException {
        return ask(message, ok, submitters, parameters);
    }

    /**
     * An answer: proceed (with parameter values) or abort, and who gave it.
     *
     * @param values the parameters' values, when proceeding
     */
    record Answer(boolean proceed, String submitter, Map<String, Object> values) {}

    /** For runs nobody can answer: every input aborts with a clear reason. */
    static InputProvider unattended() {
        return (message, ok, submitters, parameters) -> {
            throw new FlowInterruptedException(
                    BuildResult.ABORTED, "input '" + message + "' needs an answer, but this run has no terminal");
        };
    }
}
