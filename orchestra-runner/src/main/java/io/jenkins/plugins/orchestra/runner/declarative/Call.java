package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;

/**
 * A statement that Declarative reads as a call: {@code name(arguments) { block }} or {@code name arguments}. As in
 * Jenkins, a bare {@code name} is no call.
 *
 * @param name the method's name
 * @param statement the statement
 * @param method the method name's expression, where Jenkins points at a key
 * @param arguments the arguments but a trailing closure, as Groovy parsed them
 * @param block the trailing closure, or {@code null}
 */
record Call(String name, Statement statement, Expression method, List<Expression> arguments, ClosureExpression block) {
    Position at() {
        return Position.of(statement);
    }

    boolean hasBlock() {
        return block != null;
    }

    /** The named arguments ({@code a: 1}) in order; keys that are not constants keep their source's text. */
    Map<String, Expression> named() {
        Map<String, Expression> named = new LinkedHashMap<>();
        for (Expression argument : arguments) {
            if (argument instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    named.put(entry.getKeyExpression().getText(), entry.getValueExpression());
                }
            }
        }
        return named;
    }

    List<Expression> positional() {
        List<Expression> positional = new ArrayList<>();
        for (Expression argument : arguments) {
            if (!(argument instanceof MapExpression)) {
                positional.add(argument);
            }
        }
        return positional;
    }

    /** The statements of a block, in order. */
    static List<Statement> statements(ClosureExpression block) {
        if (block == null || block.getCode() == null) {
            return List.of();
        }
        Statement code = block.getCode();
        return code instanceof BlockStatement statements ? statements.getStatements() : List.of(code);
    }

    /**
     * Reads {@code statement} as a call: {@code null} when it is no method call at all. A method call on an object
     * or with a computed name is reported, and read as a call whose name is {@code null}.
     */
    static Call read(Statement statement, Problems problems) {
        if (!(statement instanceof ExpressionStatement expressionStatement)) {
            return null;
        }
        if (!(expressionStatement.getExpression() instanceof MethodCallExpression call)) {
            return null;
        }
        List<Expression> arguments = new ArrayList<>();
        if (call.getArguments() instanceof TupleExpression tuple) {
            arguments.addAll(tuple.getExpressions());
        } else {
            arguments.add(call.getArguments());
        }
        ClosureExpression block = null;
        if (!arguments.isEmpty() && arguments.get(arguments.size() - 1) instanceof ClosureExpression closure) {
            block = closure;
            arguments.remove(arguments.size() - 1);
        }
        return new Call(methodName(call, problems), statement, call.getMethod(), arguments, block);
    }

    private static String methodName(MethodCallExpression call, Problems problems) {
        if (call.isImplicitThis()
                && call.getMethod() instanceof ConstantExpression constant
                && constant.getValue() instanceof String name) {
            return name;
        }
        if (call.getObjectExpression() instanceof VariableExpression object && !object.isThisExpression()) {
            problems.at(call, JenkinsMessages.objectMethodCall());
        } else {
            problems.at(call, JenkinsMessages.expectedSymbol());
        }
        return null;
    }
}
