package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code when { … }}: every condition in it must hold. */
final class WhenRecorder extends Recorder {
    final List<Condition> conditions = new ArrayList<>();
    boolean beforeAgent;
    boolean beforeInput;

    public void branch(Object pattern) {
        conditions.add(new Condition.Branch(
                pattern instanceof Map<?, ?> m ? String.valueOf(m.get("pattern")) : String.valueOf(pattern)));
    }

    public void environment(Map<String, Object> args) {
        conditions.add(new Condition.Environment(
                String.valueOf(args.get("name")),
                args.get("value") == null ? null : args.get("value").toString()));
    }

    public void expression(Closure<?> block) {
        conditions.add(new Condition.Expression(block));
    }

    public void not(Closure<?> block) {
        List<Condition> inner = new WhenRecorder().<WhenRecorder>read(block).conditions;
        if (inner.size() != 1) {
            throw new StepException("not { } takes exactly one condition, found " + inner.size());
        }
        conditions.add(new Condition.Not(inner.get(0)));
    }

    public void allOf(Closure<?> block) {
        conditions.add(new Condition.AllOf(new WhenRecorder().<WhenRecorder>read(block).conditions));
    }

    public void anyOf(Closure<?> block) {
        conditions.add(new Condition.AnyOf(new WhenRecorder().<WhenRecorder>read(block).conditions));
    }

    public void beforeAgent(boolean value) {
        beforeAgent = value;
    }

    public void beforeInput(boolean value) {
        beforeInput = value;
    }

    Condition condition() {
        return new Condition.AllOf(List.copyOf(conditions));
    }
}
