package io.jenkins.plugins.orchestra.runner.script;

/** A pipeline step: what a Jenkinsfile calls by name. */
@FunctionalInterface
public interface Step {
    /** Runs the call; the return value is what the Jenkinsfile gets. */
    Object run(StepCall call, PipelineRuntime runtime) throws Exception;
}
