package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.stmt.Statement;

/**
 * Reads a Jenkinsfile's top-level {@code pipeline { }} block into a {@link PipelineModel}, using Groovy 2.4's parser
 * as far as the syntax tree: nothing is compiled, nothing runs. A Jenkinsfile without that block is a Scripted
 * Pipeline and is reported as such, not as an error. The parser never throws for anything in the file: a Groovy
 * syntax error comes back as one {@link DeclarativeError} at Groovy's line and column, and a {@code pipeline} block
 * of the wrong shape as errors next to whatever of the model could be read.
 *
 * <pre>{@code
 * ParsedJenkinsfile parsed = DeclarativeParser.parse(Files.readString(jenkinsfile));
 * List<DeclarativeError> errors = DeclarativeValidator.validate(parsed);
 * }</pre>
 */
public final class DeclarativeParser {
    static final String PIPELINE = "pipeline";

    private DeclarativeParser() {}

    /** Reads {@code source}, the text of a Jenkinsfile. */
    public static ParsedJenkinsfile parse(String source) {
        Objects.requireNonNull(source, "source");
        GroovyAst.Result ast = GroovyAst.parse(source);
        if (ast.error() != null) {
            return new ParsedJenkinsfile(ParsedJenkinsfile.Kind.SYNTAX_ERROR, Optional.empty(), List.of(ast.error()));
        }
        ModuleNode module = ast.unit().getAST();
        List<Statement> statements =
                module == null ? List.of() : module.getStatementBlock().getStatements();
        ParseContext context = new ParseContext(new SourceText(source));
        for (Statement statement : statements) {
            Call call = Call.read(statement, new Problems());
            if (call != null && PIPELINE.equals(call.name())) {
                return declarative(call, context);
            }
        }
        statements.forEach(statement -> reportNested(statement, context.problems));
        return new ParsedJenkinsfile(ParsedJenkinsfile.Kind.SCRIPTED, Optional.empty(), context.problems.list());
    }

    private static ParsedJenkinsfile declarative(Call pipeline, ParseContext context) {
        if (!pipeline.hasBlock()) {
            context.problems.at(pipeline.at(), JenkinsMessages.pipelineStepWithoutBlock(PIPELINE));
        }
        PipelineModel model = new PipelineParser(context).parse(pipeline);
        return new ParsedJenkinsfile(ParsedJenkinsfile.Kind.DECLARATIVE, Optional.of(model), context.problems.list());
    }

    /** A {@code pipeline} block inside another block: Jenkins refuses to run the file. */
    private static void reportNested(Statement statement, Problems problems) {
        Call call = Call.read(statement, new Problems());
        if (call == null || !call.hasBlock()) {
            return;
        }
        if (PIPELINE.equals(call.name())) {
            problems.at(statement, JenkinsMessages.pipelineBlockNotAtTop(PIPELINE));
        }
        for (Statement nested : Call.statements(call.block())) {
            reportNested(nested, problems);
        }
    }
}
