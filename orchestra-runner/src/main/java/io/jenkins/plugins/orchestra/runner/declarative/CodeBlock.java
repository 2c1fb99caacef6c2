package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Objects;

/**
 * Groovy code that the runtime executes: a {@code steps} or {@code script} closure, a post condition's closure, a
 * {@code when} expression, an environment value. It says where the code is, so that the runtime can find the same
 * closure or expression in the compiled script, and where it sits in the pipeline.
 *
 * @param path its place in the pipeline, made of section names and indexes: {@code stages[1].parallel[0].steps},
 *     {@code stages[0].steps.script[0]}, {@code post.failure}, {@code stages[2].when.expression[0]}, {@code
 *     environment.IMAGE}
 * @param start where it starts: a closure's opening brace, an expression's first character
 * @param end just past its last character
 */
public record CodeBlock(String path, Position start, Position end) {
    public CodeBlock {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The code's text in {@code source}, the Jenkinsfile it was parsed from; a closure keeps its braces. */
    public String text(String source) {
        return new SourceText(source).between(start, end);
    }
}
