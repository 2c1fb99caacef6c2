package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The options, build parameters and {@code when} conditions the runner knows, with what they take. */
final class Signatures {
    static final Map<String, Signature> PIPELINE_OPTIONS = byName(
            Signature.of("buildDiscarder", List.of("strategy")),
            Signature.of("disableConcurrentBuilds", List.of(), "abortPrevious"),
            Signature.of("retry", List.of("count"), "conditions"),
            new Signature("skipDefaultCheckout", List.of("skipDefaultCheckout"), List.of(), true),
            Signature.of("timeout", List.of("time"), "unit", "activity"),
            Signature.of("timestamps", List.of()));

    /** The options a stage may have: those about the stage, not about the whole build. */
    static final Map<String, Signature> STAGE_OPTIONS =
            subset(PIPELINE_OPTIONS, Set.of("retry", "skipDefaultCheckout", "timeout", "timestamps"));

    static final Map<String, Signature> PARAMETERS = byName(
            Signature.of("booleanParam", List.of("name"), "defaultValue", "description"),
            Signature.of("choice", List.of("name"), "choices", "description"),
            Signature.of("password", List.of("name"), "defaultValue", "description"),
            Signature.of("string", List.of("name"), "defaultValue", "description", "trim"),
            Signature.of("text", List.of("name"), "defaultValue", "description", "trim"));

    /** The conditions that hold others, with how many: -1 for one or more. */
    static final Map<String, Integer> NESTED_CONDITIONS = Map.of("not", 1, "allOf", -1, "anyOf", -1);

    static final Map<String, Signature> LEAF_CONDITIONS = byName(
            Signature.of("branch", List.of("pattern"), "comparator"),
            Signature.of("environment", List.of("name", "value"), "ignoreCase", "comparator"),
            Signature.of("expression", List.of()));

    /** Every condition name, sorted as Jenkins lists them. */
    static final Set<String> CONDITIONS = conditionNames();

    private Signatures() {}

    private static Map<String, Signature> byName(Signature... signatures) {
        Map<String, Signature> map = new LinkedHashMap<>();
        for (Signature signature : signatures) {
            map.put(signature.name(), signature);
        }
        return map;
    }

    private static Map<String, Signature> subset(Map<String, Signature> all, Set<String> names) {
        Map<String, Signature> map = new LinkedHashMap<>(all);
        map.keySet().retainAll(names);
        return map;
    }

    private static Set<String> conditionNames() {
        Set<String> names = new TreeSet<>(NESTED_CONDITIONS.keySet());
        names.addAll(LEAF_CONDITIONS.keySet());
        return names;
    }
}
