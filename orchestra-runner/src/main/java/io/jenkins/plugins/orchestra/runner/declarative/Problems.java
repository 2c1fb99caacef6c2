package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ASTNode;

/** The errors found so far, each where Jenkins would point. */
final class Problems {
    private final List<DeclarativeError> errors = new ArrayList<>();

    void at(Position position, String message) {
        errors.add(DeclarativeError.at(position, message));
    }

    void at(ASTNode node, String message) {
        at(Position.of(node), message);
    }

    List<DeclarativeError> list() {
        return List.copyOf(errors);
    }
}
