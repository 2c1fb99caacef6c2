package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code environment { A = 'x'; B = "${A}-y"; C = credentials('id') }} in order: later entries see earlier ones,
 * and {@code credentials('id')} binds a credential through the runtime's {@code credentials} step.
 */
final class EnvironmentRecorder extends Recorder {
    private final PipelineRuntime runtime;
    private final Map<String, String> values = new LinkedHashMap<>();

    EnvironmentRecorder(PipelineRuntime runtime) {
        this.runtime = runtime;
    }

    static Map<String, String> evaluate(PipelineRuntime runtime, Closure<?> block) {
        return new EnvironmentRecorder(runtime).<EnvironmentRecorder>read(block).values;
    }

    @Override
    public void setProperty(String name, Object value) {
        if (value instanceof Map<?, ?> bound) {
            // a credential binds several variables: NAME, NAME_USR, NAME_PSW
            bound.forEach((suffix, v) -> values.put(name + suffix, String.valueOf(v)));
        } else {
            values.put(name, value == null ? null : value.toString());
        }
    }

    @Override
    public Object getProperty(String name) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        if (name.equals("env")) {
            return runtime.envGlobal();
        }
        String fromEnv = runtime.env(name);
        if (fromEnv != null) {
            return fromEnv;
        }
        throw new groovy.lang.MissingPropertyException(name, EnvironmentRecorder.class);
    }

    /** {@code credentials('id')}: what the runtime binds for it, keyed by variable suffix ("" for NAME itself). */
    public Object credentials(String id) {
        return runtime.call("credentials", new Object[] {id});
    }
}
