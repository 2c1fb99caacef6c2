package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code input message: 'Deploy?', ok: 'Yes', submitter: 'alice,bob', submitterParameter: 'who', parameters: [...]}:
 * waits for an answer; an
 * abort aborts the build, as in Jenkins; an answer from someone not in {@code submitter} is refused.
 */
public final class InputStep {
    private InputStep() {}

    public static void register(PipelineRuntime runtime, InputProvider provider) {
        runtime.register("input", (call, rt) -> input(call, rt, provider));
    }

    private static Object input(StepCall call, PipelineRuntime rt, InputProvider provider) throws InterruptedException {
        String message = call.requiredString("message");
        String ok = call.namedArg("ok").map(String::valueOf).orElse("Proceed");
        List<String> submitters = call.namedArg("submitter")
                .map(s -> Arrays.stream(s.toString().split(","))
                        .map(String::strip)
                        .filter(x -> !x.isEmpty())
                        .toList())
                .orElse(List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = call.namedArg("parameters")
                .filter(Map.class::isInstance)
                .map(p -> (Map<String, Object>) p)
                .orElse(Map.of());
        rt.console().pipeline(rt.context(), "input");
        rt.log(message);
        rt.log(ok + " or Abort");
        String id = call.namedArg("id")
                .map(String::valueOf)
                .orElse(rt.context().stage() != null ? rt.context().stage() : "input");
        InputProvider.Answer answer = provider.ask(id, message, ok, submitters, parameters);
        if (!submitters.isEmpty() && !submitters.contains(answer.submitter())) {
            throw new FlowInterruptedException(
                    BuildResult.ABORTED,
                    "'" + answer.submitter() + "' may not answer this input; submitters are "
                            + String.join(", ", submitters));
        }
        if (!answer.proceed()) {
            rt.log("Rejected by " + answer.submitter());
            throw new FlowInterruptedException(BuildResult.ABORTED, "Rejected by " + answer.submitter());
        }
        rt.log("Approved by " + answer.submitter());
        Map<String, Object> values = new java.util.LinkedHashMap<>(answer.values());
        call.namedArg("submitterParameter").ifPresent(p -> values.put(p.toString(), answer.submitter()));
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.values().iterator().next() : values;
    }
}
