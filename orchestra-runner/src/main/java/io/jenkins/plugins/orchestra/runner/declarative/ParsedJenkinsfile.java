package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DeclarativeParser} made of a Jenkinsfile.
 *
 * @param kind Declarative, Scripted, or not Groovy at all
 * @param pipeline the model of the {@code pipeline} block, for a Declarative Jenkinsfile
 * @param errors what the parser found wrong with the file's shape, or Groovy's syntax error; {@link
 *     DeclarativeValidator} adds the rest
 */
public record ParsedJenkinsfile(Kind kind, Optional<PipelineModel> pipeline, List<DeclarativeError> errors) {
    /** What kind of Jenkinsfile it is. */
    public enum Kind {
        /** It has a top-level {@code pipeline { }} block. */
        DECLARATIVE,
        /** It has none: a Scripted Pipeline, which Declarative does not check. */
        SCRIPTED,
        /** Groovy cannot parse it: {@link #errors()} holds the syntax error. */
        SYNTAX_ERROR
    }

    public ParsedJenkinsfile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pipeline, "pipeline");
        errors = List.copyOf(errors);
        if (pipeline.isPresent() != (kind == Kind.DECLARATIVE)) {
            throw new IllegalArgumentException("a pipeline model comes with kind DECLARATIVE only, kind was " + kind);
        }
    }

    public boolean isDeclarative() {
        return kind == Kind.DECLARATIVE;
    }
}
