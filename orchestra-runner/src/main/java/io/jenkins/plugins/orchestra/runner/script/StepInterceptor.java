package io.jenkins.plugins.orchestra.runner.script;

/**
 * Sees every step call of a run before it runs, and decides whether and how it runs: the step journal records each
 * call's outcome and, when a run is resumed, gives back the outcomes of the calls that had completed. One per run,
 * called on the thread of the calling code (each {@code parallel} branch has its own).
 */
@FunctionalInterface
public interface StepInterceptor {
    /** Lets every call run as it is. */
    StepInterceptor NONE = (call, context, step) -> step.run();

    /**
     * Handles one call.
     *
     * @param context where the calling code runs, with its {@code parallel} branch
     * @param step runs the step for real and returns what the Jenkinsfile gets, or throws what it sees
     * @return what the Jenkinsfile gets
     */
    Object intercept(StepCall call, ExecutionContext context, Invocation step) throws Exception;

    /** The step itself, ready to run. */
    @FunctionalInterface
    interface Invocation {
        Object run() throws Exception;
    }
}
