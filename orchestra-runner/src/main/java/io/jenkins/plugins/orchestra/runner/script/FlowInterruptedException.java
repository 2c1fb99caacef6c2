package io.jenkins.plugins.orchestra.runner.script;

/**
 * The run, or a block of it, was stopped: by a {@code timeout}, an abort, a rejected {@code input}. Like Jenkins'
 * exception of the same name, it carries the result the build gets, and {@code retry} does not retry it.
 */
public final class FlowInterruptedException extends StepException {
    private static final long serialVersionUID = 1L;

    private static final String TIMEOUT = "Timeout has been exceeded";

    private final BuildResult result;

    public FlowInterruptedException(BuildResult result, String message) {
        super(message);
        this.result = result;
    }

    /** The {@code timeout} step's interruption. */
    public static FlowInterruptedException timeout() {
        return new FlowInterruptedException(BuildResult.ABORTED, TIMEOUT);
    }

    public boolean isTimeout() {
        return TIMEOUT.equals(getMessage());
    }

    public BuildResult result() {
        return result;
    }
}
