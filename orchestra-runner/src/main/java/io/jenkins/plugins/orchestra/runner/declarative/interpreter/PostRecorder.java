package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code post { always {…}; failure {…}; … }}. */
final class PostRecorder extends Recorder {
    /** The order Jenkins runs post conditions in. */
    static final List<String> ORDER = List.of(
            "always",
            "changed",
            "fixed",
            "regression",
            "aborted",
            "failure",
            "success",
            "unstable",
            "unsuccessful",
            "cleanup");

    final Map<String, Closure<?>> blocks = new LinkedHashMap<>();

    public Object methodMissing(String name, Object args) {
        Object[] a = (Object[]) args;
        if (ORDER.contains(name) && a.length == 1 && a[0] instanceof Closure<?> c) {
            blocks.put(name, c);
            return null;
        }
        throw new groovy.lang.MissingMethodException(name, PostRecorder.class, a);
    }
}
