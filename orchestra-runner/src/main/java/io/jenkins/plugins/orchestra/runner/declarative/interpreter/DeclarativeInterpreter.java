package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;

/** The {@code pipeline} step: reads a Declarative pipeline and runs it. */
public final class DeclarativeInterpreter {
    private DeclarativeInterpreter() {}

    public static void register(PipelineRuntime runtime) {
        runtime.register("pipeline", (call, rt) -> {
            PipelineRecorder pipeline = new PipelineRecorder().read(call.requiredBody());
            Object script = call.requiredBody().getThisObject();
            if (script instanceof groovy.lang.Script s && !pipeline.parameters.isEmpty()) {
                // declared defaults, overridden by the values the run was given
                java.util.Map<String, Object> params = new java.util.LinkedHashMap<>(pipeline.parameters);
                Object given = s.getBinding().getVariable("params");
                if (given instanceof java.util.Map<?, ?> m) {
                    m.forEach((k, v) -> params.put(String.valueOf(k), v));
                }
                s.getBinding().setVariable("params", java.util.Collections.unmodifiableMap(params));
                // as in Jenkins, parameters are environment variables too
                params.forEach((k, v) -> rt.envGlobal().setProperty(k, v));
            }
            new DeclarativeExecutor(rt, script).run(pipeline);
            return null;
        });
    }
}
