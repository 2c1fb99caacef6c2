package io.jenkins.plugins.orchestra.coordinator;

import java.util.ArrayList;
import java.util.List;

/** Collects problems so that validation reports all of them at once. */
final class Problems {
    private final List<Problem> found = new ArrayList<>();

    void add(String field, String message) {
        found.add(Problem.ofField(field, message));
    }

    void add(Problem problem) {
        found.add(problem);
    }

    void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Problem> list() {
        return found;
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidPlanException(found);
        }
    }
}
