package io.jenkins.plugins.orchestra.runner.script;

/** Hears stages start and end, for live views of a run. Called on the stage's own thread. */
public interface StageListener {
    void started(ExecutionContext context, String stage);

    void ended(StageRecord record);
}
