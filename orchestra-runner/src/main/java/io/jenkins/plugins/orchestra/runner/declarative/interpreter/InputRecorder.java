package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a stage's {@code input { message '…'; ok '…'; submitter 'alice,bob'; parameters { … } }}. */
final class InputRecorder extends Recorder {
    final Map<String, Object> arguments = new LinkedHashMap<>();

    public void message(String text) {
        arguments.put("message", text);
    }

    public void ok(String text) {
        arguments.put("ok", text);
    }

    public void submitter(String names) {
        arguments.put("submitter", names);
    }

    public void submitterParameter(String name) {
        arguments.put("submitterParameter", name);
    }

    public void id(String id) {
        arguments.put("id", id);
    }

    public void parameters(Closure<?> block) {
        arguments.put("parameters", new ParametersRecorder().<ParametersRecorder>read(block).defaults);
    }
}
