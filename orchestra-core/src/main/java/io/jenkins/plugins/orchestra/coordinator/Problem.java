package io.jenkins.plugins.orchestra.coordinator;

import java.util.Objects;

/**
 * One thing wrong with a plan: the stage it is in (if any), the field, and what is wrong, written for the user.
 *
 * @param stage the stage's name, or {@code null} for a problem of the plan as a whole
 * @param field the field as the user writes it ({@code retry.count}, {@code needs}), or {@code null}
 * @param message what is wrong and, where it helps, what to write instead
 */
public record Problem(String stage, String field, String message) {
    public Problem {
        Objects.requireNonNull(message, "message");
    }

    public static Problem ofField(String field, String message) {
        return new Problem(null, field, message);
    }

    /** The same problem, placed in {@code stageName}. */
    public Problem inStage(String stageName) {
        return new Problem(stageName, field, message);
    }

    /** One line: {@code stage 'deploy': retry.count must be at least 0, was -1}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (stage != null) {
            sb.append("stage '").append(stage).append("': ");
        }
        if (field != null) {
            sb.append(field).append(' ');
        }
        return sb.append(message).toString();
    }
}
