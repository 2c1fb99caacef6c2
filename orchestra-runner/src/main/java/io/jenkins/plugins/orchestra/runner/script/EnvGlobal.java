package io.jenkins.plugins.orchestra.runner.script;

import groovy.lang.GroovyObjectSupport;
import java.util.Map;

/**
 * {@code env} in a Jenkinsfile: reads see the {@code withEnv} blocks around the caller, writes ({@code env.X = 'y'})
 * set a variable for the rest of the build, as in Jenkins.
 */
public final class EnvGlobal extends GroovyObjectSupport {
    private final PipelineRuntime runtime;

    EnvGlobal(PipelineRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Object getProperty(String name) {
        return runtime.env(name);
    }

    @Override
    public void setProperty(String name, Object value) {
        runtime.setBuildEnv(name, value == null ? null : value.toString());
    }

    public Object getAt(String name) {
        return getProperty(name);
    }

    public void putAt(String name, Object value) {
        setProperty(name, value);
    }

    /** Every variable visible here. */
    public Map<String, String> getEnvironment() {
        return runtime.environment();
    }

    @Override
    public String toString() {
        return "env";
    }
}
