package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
     * The sections of {@code block} ({@code pipeline}, {@code matrix}), each statement read as a call; a statement
     * that is none and a section written twice are reported with Jenkins' messages.
     */
    List<Call> sections(Call block) {
        List<Call> sections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Statement statement : Call.statements(block.block())) {
            Call section = Call.read(statement, problems);
            if (section == null) {
                problems.at(statement, JenkinsMessages.invalidSectionDefinition(values.source(statement)));
                continue;
            }
            if (section.name() == null) {
                continue;
            }
            if (!seen.add(section.name())) {
                problems.at(section.at(), JenkinsMessages.multipleOfSection(section.name()));
            }
            sections.add(section);
        }
        return sections;
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
