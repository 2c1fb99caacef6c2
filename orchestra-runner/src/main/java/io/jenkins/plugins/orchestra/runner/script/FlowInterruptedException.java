package io.jenkins.plugins.orchestra.runner.script;

/**
 * The run, or a block of it, was stopped: by a {@code timeout}, an abort, a rejected {@code input}. Like Jenkins'
 * exception of the same name, it carries the result the build gets, and {@code retry} does not retry it.
 */
public final class FlowInterruptedException extends StepException {
    private static final long serialVersionUID = 1L;

    private final BuildResult result;

    public FlowInterruptedException(BuildResult result, String message) {
        super(message);
        this.result = result;
    }

    public BuildResult result() {
        return result;
    }
}
