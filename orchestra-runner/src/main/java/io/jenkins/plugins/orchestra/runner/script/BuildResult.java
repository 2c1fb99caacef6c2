package io.jenkins.plugins.orchestra.runner.script;

import java.util.Locale;

/** Jenkins' build results, from best to worst; a result only ever gets worse. */
public enum BuildResult {
    SUCCESS,
    UNSTABLE,
    FAILURE,
    NOT_BUILT,
    ABORTED;

    public BuildResult combine(BuildResult other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public boolean isWorseThan(BuildResult other) {
        return ordinal() > other.ordinal();
    }

    /** Reads a result as Jenkinsfiles write it ({@code 'UNSTABLE'}); throws a step error naming {@code field}. */
    static BuildResult parse(String field, Object value) {
        if (value == null) {
            throw new StepException(field + " is required; use one of SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED");
        }
        try {
            return valueOf(value.toString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StepException(
                    field + " must be one of SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED, was '" + value + "'");
        }
    }
}
