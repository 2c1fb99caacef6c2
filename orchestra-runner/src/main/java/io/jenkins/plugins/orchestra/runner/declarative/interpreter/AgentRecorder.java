package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import java.util.Map;

/**
 * Reads {@code agent any}, {@code agent none}, {@code agent { label 'linux' }}, {@code agent { docker … }}: the
 * runner runs everything on this machine and notes what was asked for.
 */
final class AgentRecorder extends Recorder {
    String description = "any";

    static String describe(Object[] args) {
        if (args.length == 0) {
            return "any";
        }
        Object a = args[0];
        if (a instanceof Closure<?> c) {
            return new AgentRecorder().<AgentRecorder>read(c).description;
        }
        if (a instanceof Map<?, ?> m) {
            return m.toString();
        }
        return String.valueOf(a);
    }

    public Object methodMissing(String name, Object args) {
        Object[] a = (Object[]) args;
        description = name + (a.length == 0 ? "" : " " + (a[0] instanceof Closure<?> ? "{…}" : String.valueOf(a[0])));
        return null;
    }

    @Override
    public Object getProperty(String name) {
        return name; // agent { any } reads like a property
    }
}
