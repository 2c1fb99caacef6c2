package io.jenkins.plugins.orchestra.runner.script;

/** The result a running stage has come to so far: {@code unstable} and {@code catchError} make it worse. */
public final class StageState {
    private volatile BuildResult result = BuildResult.SUCCESS;

    public BuildResult result() {
        return result;
    }

    public synchronized void worsen(BuildResult to) {
        result = result.combine(to);
    }
}
