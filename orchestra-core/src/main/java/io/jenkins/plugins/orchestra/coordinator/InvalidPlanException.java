package io.jenkins.plugins.orchestra.coordinator;

import io.jenkins.plugins.orchestra.OrchestraException;
import java.util.List;
import java.util.stream.Collectors;

/** A plan that cannot run, with every problem found in it, each on its own line naming the stage and field. */
public final class InvalidPlanException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidPlanException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public static InvalidPlanException of(Problem problem) {
        return new InvalidPlanException(List.of(problem));
    }

    public static InvalidPlanException ofField(String field, String message) {
        return of(Problem.ofField(field, message));
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    private static String describe(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid plan has at least one problem");
        }
        if (problems.size() == 1) {
            return "Invalid plan: " + problems.get(0);
        }
        return problems.stream()
                .map(p -> "  - " + p)
                .collect(Collectors.joining("\n", "Invalid plan: " + problems.size() + " problems:\n", ""));
    }
}
