package io.jenkins.plugins.orchestra.runner.script;

import groovy.lang.Script;

/**
 * The base class of a compiled Jenkinsfile: a call the script does not define is a step, as in Jenkins.
 */
public abstract class PipelineScript extends Script {
    private transient PipelineRuntime runtime;

    void attach(PipelineRuntime runtime) {
        this.runtime = runtime;
    }

    /** The {@code sleep} step, not Groovy's {@code Object.sleep(millis)}: in a Jenkinsfile the number is seconds. */
    public Object sleep(long time) {
        return runtime.call("sleep", new Object[] {time});
    }

    /** {@code println} writes to the build log, as in Jenkins. */
    @Override
    public void println(Object value) {
        runtime.log(String.valueOf(value));
    }

    @Override
    public void println() {
        runtime.log("");
    }

    @Override
    public void print(Object value) {
        runtime.log(String.valueOf(value));
    }

    /** As in Jenkins, a name that is no variable of the script is looked up in the environment: {@code "${TAG}"}. */
    @Override
    public Object getProperty(String property) {
        try {
            return super.getProperty(property);
        } catch (groovy.lang.MissingPropertyException e) {
            String value = runtime == null ? null : runtime.env(property);
            if (value == null) {
                throw e;
            }
            return value;
        }
    }

    /** Groovy calls this for every method the script does not define. */
    public Object methodMissing(String name, Object args) {
        return runtime.call(name, args instanceof Object[] array ? array : new Object[] {args});
    }
}
