package io.jenkins.plugins.orchestra.runner.script;

import groovy.lang.Closure;
import groovy.lang.GString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call of a step as the Jenkinsfile wrote it: {@code sh 'make'}, {@code sh script: 'make', returnStatus: true},
 * {@code stage('build') {…}}, {@code stage('b', needs: ['a']) {…}}.
 *
 * @param line the Jenkinsfile line of the call, 0 if unknown
 */
public record StepCall(String name, Map<String, Object> named, List<Object> positional, Closure<?> body, int line) {

    /** Splits Groovy's argument array: a leading map of named arguments, positional ones, a trailing closure. */
    static StepCall of(String name, Object[] args, int line) {
        Map<String, Object> named = new LinkedHashMap<>();
        List<Object> positional = new ArrayList<>();
        Closure<?> body = null;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (i == 0 && a instanceof Map<?, ?> m) {
                m.forEach((k, v) -> named.put(String.valueOf(k), unwrap(v)));
            } else if (i == args.length - 1 && a instanceof Closure<?> c) {
                body = c;
            } else {
                positional.add(unwrap(a));
            }
        }
        return new StepCall(
                name, Collections.unmodifiableMap(named), Collections.unmodifiableList(positional), body, line);
    }

    private static Object unwrap(Object v) {
        return v instanceof GString g ? g.toString() : v;
    }

    /**
     * Whether this call runs Jenkinsfile code of its own: a trailing block ({@code stage('x') {…}}) or blocks among
     * its arguments ({@code parallel a: {…}, b: {…}}). The steps called inside such a block are calls of their own.
     */
    public boolean isBlock() {
        return body != null
                || named.values().stream().anyMatch(Closure.class::isInstance)
                || positional.stream().anyMatch(Closure.class::isInstance);
    }

    /** The argument given by {@code key}, or as the only positional argument, if any. */
    public Optional<Object> arg(String key) {
        if (named.containsKey(key)) {
            return Optional.ofNullable(named.get(key));
        }
        return positional.isEmpty() ? Optional.empty() : Optional.ofNullable(positional.get(0));
    }

    public Optional<Object> namedArg(String key) {
        return Optional.ofNullable(named.get(key));
    }

    /** A required string argument, by name or as the only positional argument. */
    public String requiredString(String key) {
        return arg(key).map(String::valueOf)
                .orElseThrow(() -> new StepException("Step '" + name + "' needs its '" + key + "' argument" + at()));
    }

    public boolean bool(String key, boolean otherwise) {
        Object v = named.get(key);
        if (v == null) {
            return otherwise;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new StepException(name + "'s " + key + " must be true or false, was '" + v + "'" + at());
    }

    public Closure<?> requiredBody() {
        if (body == null) {
            throw new StepException("Step '" + name + "' needs a block: " + name + "(…) { … }" + at());
        }
        return body;
    }

    /** {@code " @ line N"} when the line is known. */
    public String at() {
        return line > 0 ? " @ line " + line : "";
    }
}
