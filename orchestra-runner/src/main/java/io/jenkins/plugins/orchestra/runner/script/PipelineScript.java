package io.jenkins.plugins.orchestra.runner.script;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.jenkins.plugins.orchestra.runner.library.SharedLibraries;
import java.util.List;
import java.util.Optional;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * The base class of a compiled Jenkinsfile and of a shared library's {@code vars/*.groovy}: a call the script does not
 * define is a library variable's {@code call} or a step, and a name it does not define is a global variable ({@code
 * env}, {@code params}, {@code currentBuild}, {@code scm}, {@code steps}, a library variable) or an environment
 * variable, as in Jenkins.
 */
public abstract class PipelineScript extends Script {
    private transient PipelineRuntime runtime;
    private transient SharedLibraries libraries = new SharedLibraries(List.of());

    void attach(PipelineRuntime runtime) {
        this.runtime = runtime;
    }

    void useLibraries(SharedLibraries libraries) {
        this.libraries = libraries;
    }

    /** The libraries this Jenkinsfile was compiled with. */
    SharedLibraries libraries() {
        return libraries;
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

    /**
     * As in Jenkins, a name that is no variable of the script is a global variable, or else looked up in the
     * environment: {@code "${TAG}"}.
     */
    @Override
    public Object getProperty(String property) {
        try {
            return super.getProperty(property);
        } catch (MissingPropertyException e) {
            if (runtime == null) {
                throw e;
            }
            Optional<Object> global = runtime.global(property);
            if (global.isPresent()) {
                return global.get();
            }
            String value = runtime.env(property);
            if (value == null) {
                throw e;
            }
            return value;
        }
    }

    /** Groovy calls this for every method the script does not define. */
    public Object methodMissing(String name, Object args) {
        Object[] arguments = args instanceof Object[] array ? array : new Object[] {args};
        if ("call".equals(name)) {
            // a library variable called with arguments none of its call methods takes: say so, not "No such step"
            throw new MissingMethodException(name, getClass(), arguments);
        }
        Optional<Object> variable = runtime.libraryVariable(name);
        if (variable.isPresent()) {
            return InvokerHelper.invokeMethod(variable.get(), "call", arguments);
        }
        return runtime.call(name, arguments);
    }
}
