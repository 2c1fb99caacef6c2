package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.syntax.Types;

/** Reads an {@code environment} block: {@code NAME = value} lines, as Jenkins' ModelParser accepts them. */
final class EnvironmentParser {
    private final ParseContext context;

    EnvironmentParser(ParseContext context) {
        this.context = context;
    }

    /** The entries of {@code environment}; {@code path} is the block's place, e.g. {@code stages[0].environment}. */
    List<EnvironmentEntry> parse(Call environment, String path) {
        Problems problems = context.problems;
        if (!environment.hasBlock()) {
            problems.at(environment.at(), JenkinsMessages.expectedBlockFor("environment"));
            return List.of();
        }
        List<EnvironmentEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean notAssignments = false;
        for (Statement statement : Call.statements(environment.block())) {
            if (!(statement instanceof ExpressionStatement expressionStatement)) {
                notAssignments = true;
                continue;
            }
            Expression expression = expressionStatement.getExpression();
            if (!(expression instanceof BinaryExpression assignment)
                    || assignment.getOperation().getType() != Types.EQUAL) {
                reportNotAssignment(expression);
                notAssignments = true;
                continue;
            }
            String name = Values.stringLiteral(assignment.getLeftExpression());
            if (name == null) {
                problems.at(assignment.getLeftExpression(), JenkinsMessages.expectedStringLiteral());
                continue;
            }
            if (!names.add(name)) {
                problems.at(assignment.getLeftExpression(), JenkinsMessages.duplicateEnvVar(name));
                continue;
            }
            EnvironmentEntry entry = entry(name, assignment, path + "." + name);
            if (entry != null) {
                entries.add(entry);
            }
        }
        if (notAssignments) {
            problems.at(environment.at(), JenkinsMessages.expectedNameValuePairs());
        }
        if (entries.isEmpty()) {
            problems.at(environment.at(), JenkinsMessages.noEnvVars());
        }
        return entries;
    }

    private void reportNotAssignment(Expression expression) {
        String source = context.values.source(expression);
        if (source.contains("=")) {
            String key = source.substring(0, source.indexOf('=')).trim();
            context.problems.at(expression, JenkinsMessages.invalidIdentifierInEnv(key));
        } else {
            context.problems.at(expression, JenkinsMessages.invalidEnvironmentIdentifier(source));
        }
    }

    private EnvironmentEntry entry(String name, BinaryExpression assignment, String path) {
        Expression value = assignment.getRightExpression();
        Position at = Position.of(assignment.getLeftExpression());
        CodeBlock code = context.code(path, value);
        if (value instanceof ConstantExpression || value instanceof GStringExpression) {
            EnvironmentEntry.Kind kind = value instanceof GStringExpression
                    ? EnvironmentEntry.Kind.INTERPOLATED
                    : EnvironmentEntry.Kind.LITERAL;
            return new EnvironmentEntry(name, kind, context.values.text(value), code, at);
        }
        if (value instanceof MethodCallExpression call) {
            return functionCall(name, call, code, at);
        }
        if (value instanceof BinaryExpression binary && binary.getOperation().getType() == Types.PLUS) {
            StringBuilder joined = new StringBuilder();
            boolean[] interpolated = {false};
            if (!join(binary, joined, interpolated)) {
                return null;
            }
            EnvironmentEntry.Kind kind =
                    interpolated[0] ? EnvironmentEntry.Kind.INTERPOLATED : EnvironmentEntry.Kind.LITERAL;
            return new EnvironmentEntry(name, kind, joined.toString(), code, at);
        }
        if (value instanceof BinaryExpression) {
            context.problems.at(value, JenkinsMessages.invalidEnvironmentOperation());
        } else {
            context.problems.at(value, JenkinsMessages.invalidEnvironmentValue());
        }
        return null;
    }

    private EnvironmentEntry functionCall(String name, MethodCallExpression call, CodeBlock code, Position at) {
        if (!"credentials".equals(call.getMethodAsString()) || !call.isImplicitThis()) {
            return new EnvironmentEntry(name, EnvironmentEntry.Kind.EXPRESSION, context.values.source(call), code, at);
        }
        List<Expression> arguments = call.getArguments() instanceof TupleExpression tuple
                ? tuple.getExpressions()
                : List.of(call.getArguments());
        List<String> ids = new ArrayList<>();
        for (Expression argument : arguments) {
            if (argument instanceof ConstantExpression || argument instanceof GStringExpression) {
                ids.add(context.values.text(argument));
            } else {
                context.problems.at(call, JenkinsMessages.invalidInternalFunctionArg());
                return null;
            }
        }
        return new EnvironmentEntry(name, EnvironmentEntry.Kind.CREDENTIALS, String.join(",", ids), code, at);
    }

    /** Joins {@code "a" + "b" + …}; false, with the error reported, if a part is not a string. */
    private boolean join(BinaryExpression plus, StringBuilder joined, boolean[] interpolated) {
        Expression left = plus.getLeftExpression();
        if (left instanceof BinaryExpression nested) {
            if (nested.getOperation().getType() != Types.PLUS) {
                context.problems.at(left, JenkinsMessages.invalidEnvironmentOperation());
                return false;
            }
            if (!join(nested, joined, interpolated)) {
                return false;
            }
        } else if (!append(left, joined, interpolated)) {
            return false;
        }
        return append(plus.getRightExpression(), joined, interpolated);
    }

    private boolean append(Expression part, StringBuilder joined, boolean[] interpolated) {
        if (part instanceof ConstantExpression || part instanceof GStringExpression) {
            interpolated[0] |= part instanceof GStringExpression;
            joined.append(context.values.text(part));
            return true;
        }
        context.problems.at(part, JenkinsMessages.invalidEnvironmentConcatValue());
        return false;
    }
}
