package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.stmt.Statement;

/** What the section parsers share while reading one Jenkinsfile. */
final class ParseContext {
    final Problems problems = new Problems();
    final List<Note> notes = new ArrayList<>();
    final Values values;
    private final SourceText source;

    ParseContext(SourceText source) {
        this.source = source;
        this.values = new Values(source);
    }

    /**
     * Where {@code node}'s code is. Groovy ends a closure that closes a statement where the next token starts, past
     * the spaces and comments after its brace; the block ends at its brace.
     */
    CodeBlock code(String path, ASTNode node) {
        Position start = Position.startOfText(node);
        Position end = Position.endOfText(node);
        if (node instanceof ClosureExpression closure) {
            List<Statement> statements = Call.statements(closure);
            Position from = statements.isEmpty()
                    ? new Position(start.line(), start.column() + 1)
                    : Position.endOfText(statements.get(statements.size() - 1));
            end = source.closingBrace(from).orElse(end);
        }
        return new CodeBlock(path, start, end);
    }

    void note(Position at, String message) {
        notes.add(new Note(message, at));
    }
}
