package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.stmt.Statement;

/** Reads a stage's {@code when} block. */
final class WhenParser {
    private static final Set<String> DIRECTIVES = Set.of("beforeAgent", "beforeInput", "beforeOptions");

    private final ParseContext context;
    private int expressions;

    WhenParser(ParseContext context) {
        this.context = context;
    }

    /** The {@code when} block {@code when}; {@code path} is its place, e.g. {@code stages[0].when}. */
    Optional<WhenModel> parse(Call when, String path) {
        Problems problems = context.problems;
        if (!when.hasBlock()) {
            problems.at(when.at(), JenkinsMessages.expectedBlockFor("when"));
            return Optional.empty();
        }
        expressions = 0;
        List<WhenCondition> conditions = new ArrayList<>();
        boolean beforeAgent = false;
        boolean beforeInput = false;
        boolean beforeOptions = false;
        for (Statement statement : Call.statements(when.block())) {
            Call call = Call.read(statement, problems);
            if (call == null) {
                problems.at(when.at(), JenkinsMessages.expectedWhen());
            } else if (call.name() != null && DIRECTIVES.contains(call.name())) {
                boolean value = bool(call);
                beforeAgent |= call.name().equals("beforeAgent") && value;
                beforeInput |= call.name().equals("beforeInput") && value;
                beforeOptions |= call.name().equals("beforeOptions") && value;
            } else if (call.name() != null) {
                conditions.add(condition(call, path));
            }
        }
        return Optional.of(new WhenModel(conditions, beforeAgent, beforeInput, beforeOptions, when.at()));
    }

    private boolean bool(Call call) {
        List<Expression> arguments = call.arguments();
        if (arguments.size() == 1
                && arguments.get(0) instanceof ConstantExpression constant
                && constant.getValue() instanceof Boolean value) {
            return value;
        }
        context.problems.at(call.method(), JenkinsMessages.expectedBoolean(call.name()));
        return false;
    }

    private WhenCondition condition(Call call, String path) {
        if (call.name().equals("expression")) {
            if (!call.hasBlock()) {
                context.problems.at(call.at(), JenkinsMessages.stepWithoutBlock("When"));
                return new WhenCondition("expression", Arguments.NONE, List.of(), Optional.empty(), call.at());
            }
            CodeBlock code = context.code(path + ".expression[" + expressions++ + "]", call.block());
            return new WhenCondition("expression", Arguments.NONE, List.of(), Optional.of(code), call.at());
        }
        List<WhenCondition> children = new ArrayList<>();
        for (Statement statement : Call.statements(call.block())) {
            Call child = Call.read(statement, context.problems);
            if (child == null) {
                context.problems.at(statement, JenkinsMessages.expectedWhen());
            } else if (child.name() != null) {
                children.add(condition(child, path));
            }
        }
        return new WhenCondition(call.name(), context.values.arguments(call), children, Optional.empty(), call.at());
    }
}
