package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code environment { A = 'x'; B = "${A}-y"; C = credentials('id') }} in order: later entries see earlier ones,
 * and {@code credentials('id')} binds a credential through the runtime's {@code credentials} step.
 */
final class EnvironmentRecorder extends Recorder {
    private final PipelineRuntime runtime;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<AutoCloseable> bindings = new ArrayList<>();

    /**
     * The variables of an {@code environment} block, and what its credentials wrote (a key, a secret file), to delete
     * when the block they are bound for ends, as Jenkins does.
     */
    record Scope(Map<String, String> values, List<AutoCloseable> bindings) implements AutoCloseable {
        @Override
        public void close() {
            for (AutoCloseable b : bindings) {
                try {
                    b.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot delete a credential's file", e);
                }
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(EnvironmentRecorder.class.getName());

    EnvironmentRecorder(PipelineRuntime runtime) {
        this.runtime = runtime;
    }

    /** Evaluates {@code block}; if it fails, what it had bound is deleted already. */
    static Scope evaluate(PipelineRuntime runtime, Closure<?> block) {
        EnvironmentRecorder recorder = new EnvironmentRecorder(runtime);
        try {
            recorder.read(block);
        } catch (RuntimeException | Error e) {
            new Scope(recorder.values, recorder.bindings).close();
            throw e;
        }
        return new Scope(recorder.values, List.copyOf(recorder.bindings));
    }

    @Override
    public void setProperty(String name, Object value) {
        if (value instanceof AutoCloseable binding) {
            bindings.add(binding);
        }
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
