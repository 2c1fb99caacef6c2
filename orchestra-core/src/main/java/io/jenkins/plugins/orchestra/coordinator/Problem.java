package io.jenkins.plugins.orchestra.coordinator;

import java.util.Objects;

/**
 * One thing wrong with a plan: where it is and what is wrong, written for the user.
 *
 * @param stage the stage's name, or {@code null} for a problem of the plan as a whole
 * @param field the field as the user writes it ({@code retry.count}, {@code needs}), or {@code null}
 * @param message what is wrong and, where it helps, what to write instead
 * @param line the Jenkinsfile line the stage is declared on, or 0 if unknown
 */
public record Problem(String stage, String field, String message, int line) {
    public Problem {
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative, was " + line);
        }
    }

    public Problem(String stage, String field, String message) {
        this(stage, field, message, 0);
    }

    public static Problem ofField(String field, String message) {
        return new Problem(null, field, message, 0);
    }

    /** The same problem, placed in {@code stageName}. */
    public Problem inStage(String stageName) {
        return new Problem(stageName, field, message, line);
    }

    /** The same problem, placed on a Jenkinsfile line. */
    public Problem atLine(int jenkinsfileLine) {
        return new Problem(stage, field, message, jenkinsfileLine);
    }

    /** One line: {@code line 12: stage 'deploy': retry.count must be at least 1, was -1}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        if (stage != null) {
            sb.append("stage '").append(stage).append("': ");
        }
        if (field != null) {
            sb.append(field).append(' ');
        }
        return sb.append(message).toString();
    }
}
