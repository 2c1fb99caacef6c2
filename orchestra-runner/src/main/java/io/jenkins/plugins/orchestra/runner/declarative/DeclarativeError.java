package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a Jenkinsfile, found before anything runs: where Jenkins would point and what it would say.
 *
 * @param line the line, 1-based, or 0 when Groovy could not place it
 * @param column the column, 1-based, or 0 when unknown
 * @param message Jenkins' own text for the problem, or Groovy's for a syntax error
 */
public record DeclarativeError(int line, int column, String message) {
    /** Top to bottom, left to right; a stable sort keeps errors at one place in the order they were found. */
    public static final Comparator<DeclarativeError> BY_POSITION =
            Comparator.comparingInt(DeclarativeError::line).thenComparingInt(DeclarativeError::column);

    public DeclarativeError {
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative, was " + line);
        }
        if (column < 0) {
            throw new IllegalArgumentException("column must not be negative, was " + column);
        }
    }

    static DeclarativeError at(Position position, String message) {
        return new DeclarativeError(position.line(), position.column(), message);
    }

    /** {@code line 12, column 5: Duplicate stage name: "build"}. */
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
