package io.jenkins.plugins.orchestra.notify;

import java.util.Locale;

/** A run's result as Jenkins names it, best to worst; what {@code when} and the templates look at. */
public enum Outcome {
    SUCCESS,
    UNSTABLE,
    FAILURE,
    NOT_BUILT,
    ABORTED;

    /**
     * Reads a result as hosts and Jenkinsfiles write it ({@code FAILURE}, {@code failure}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Outcome parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(
                    "a result must be one of SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED, was '" + text + "'");
        }
    }

    public boolean isWorseThan(Outcome other) {
        return ordinal() > other.ordinal();
    }
}
