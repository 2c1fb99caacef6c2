package io.jenkins.plugins.orchestra.runner.declarative;

import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;

/**
 * A place in a Jenkinsfile, counted the way Groovy and Jenkins count: 1-based lines and columns, a tab is one column.
 *
 * @param line the line, or 0 if unknown
 * @param column the column, or 0 if unknown
 */
public record Position(int line, int column) {
    /** The position of something Groovy could not place. */
    public static final Position UNKNOWN = new Position(0, 0);

    public Position {
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative, was " + line);
        }
        if (column < 0) {
            throw new IllegalArgumentException("column must not be negative, was " + column);
        }
    }

    static Position of(ASTNode node) {
        return new Position(Math.max(0, node.getLineNumber()), Math.max(0, node.getColumnNumber()));
    }

    static Position endOf(ASTNode node) {
        return new Position(Math.max(0, node.getLastLineNumber()), Math.max(0, node.getLastColumnNumber()));
    }

    /** Where the text of {@code node} starts: Groovy places a binary expression at its operator. */
    static Position startOfText(ASTNode node) {
        return node instanceof BinaryExpression binary ? startOfText(binary.getLeftExpression()) : of(node);
    }

    /** Just past the text of {@code node}. */
    static Position endOfText(ASTNode node) {
        return node instanceof BinaryExpression binary ? endOfText(binary.getRightExpression()) : endOf(node);
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
