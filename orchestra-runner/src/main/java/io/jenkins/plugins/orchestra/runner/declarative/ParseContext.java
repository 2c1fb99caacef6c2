package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ASTNode;

/** What the section parsers share while reading one Jenkinsfile. */
final class ParseContext {
    final Problems problems = new Problems();
    final List<Note> notes = new ArrayList<>();
    final Values values;

    ParseContext(SourceText source) {
        this.values = new Values(source);
    }

    static CodeBlock code(String path, ASTNode node) {
        return new CodeBlock(path, Position.of(node), Position.endOf(node));
    }

    void note(Position at, String message) {
        notes.add(new Note(message, at));
    }
}
