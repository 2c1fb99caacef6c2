package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters an option, a build parameter or a {@code when} condition takes, and the check Jenkins makes of the
 * arguments written against them (its {@code ModelValidatorImpl.validateDescribable}).
 *
 * @param name the option, parameter type or condition
 * @param required the parameters it must have, in constructor order
 * @param optional the others it may have
 * @param omittableFlag Jenkins' allowance for a sole required boolean, as in {@code skipDefaultCheckout()}
 */
record Signature(String name, List<String> required, List<String> optional, boolean omittableFlag) {
    static Signature of(String name, List<String> required, String... optional) {
        return new Signature(name, required, List.of(optional), false);
    }

    /**
     * What is wrong with {@code arguments} of an option or a build parameter, in Jenkins' words; empty if nothing.
     * Jenkins checks these as method calls: positional arguments by count. A missing named parameter it leaves to
     * the run to fail on; Orchestra reports it here, in the words Jenkins uses for a step.
     */
    List<String> checkCall(Arguments arguments) {
        Map<String, String> named = arguments.named();
        int positional = arguments.positional().size();
        if (!named.isEmpty() && positional > 0) {
            return List.of(JenkinsMessages.mixedNamedAndUnnamedParameters());
        }
        if (!named.isEmpty()) {
            return checkNamed(named);
        }
        if (positional != required.size() && !(positional == 0 && omittableFlag)) {
            return List.of(JenkinsMessages.wrongNumberOfParameters(name, required.size(), positional));
        }
        return List.of();
    }

    /** What is wrong with {@code arguments} of a {@code when} condition: Jenkins checks it as a describable. */
    List<String> checkDescribable(Arguments arguments) {
        Map<String, String> named = arguments.named();
        int positional = arguments.positional().size();
        if (!named.isEmpty() && positional > 0) {
            return List.of(JenkinsMessages.mixedNamedAndUnnamedParameters());
        }
        if (positional == 1) {
            return required.size() == 1 ? List.of() : List.of(JenkinsMessages.notSingleRequiredParameter());
        }
        if (positional > 1) {
            return required.size() == positional
                    ? List.of()
                    : List.of(JenkinsMessages.wrongNumberOfParameters(name, required.size(), positional));
        }
        return checkNamed(named);
    }

    private List<String> checkNamed(Map<String, String> named) {
        for (String key : named.keySet()) {
            if (!required.contains(key) && !optional.contains(key)) {
                return List.of(JenkinsMessages.invalidParameter(key, nearest(key)));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String key : required) {
            if (!named.containsKey(key)) {
                problems.add(JenkinsMessages.missingRequiredParameter(key));
            }
        }
        return problems;
    }

    private String nearest(String key) {
        List<String> all = new ArrayList<>(required);
        all.addAll(optional);
        String nearest = all.isEmpty() ? "" : all.get(0);
        for (String candidate : all) {
            if (distance(key, candidate) < distance(key, nearest)) {
                nearest = candidate;
            }
        }
        return nearest;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
