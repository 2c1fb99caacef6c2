package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code parameters { string(…); booleanParam(…); choice(…); text(…); password(…) }}: their defaults. */
final class ParametersRecorder extends Recorder {
    final Map<String, Object> defaults = new LinkedHashMap<>();

    public void string(Map<String, Object> args) {
        defaults.put(name(args), args.getOrDefault("defaultValue", ""));
    }

    public void text(Map<String, Object> args) {
        string(args);
    }

    public void password(Map<String, Object> args) {
        string(args);
    }

    public void booleanParam(Map<String, Object> args) {
        defaults.put(name(args), Boolean.TRUE.equals(args.get("defaultValue")));
    }

    public void choice(Map<String, Object> args) {
        Object choices = args.get("choices");
        List<?> list = choices instanceof List<?> l
                ? l
                : choices == null ? List.of() : List.of(choices.toString().split("\n"));
        defaults.put(name(args), list.isEmpty() ? "" : list.get(0));
    }

    private static String name(Map<String, Object> args) {
        return String.valueOf(args.get("name"));
    }
}
