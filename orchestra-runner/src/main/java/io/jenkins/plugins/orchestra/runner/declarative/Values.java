package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;

/** Turns argument expressions into the text the model keeps. */
final class Values {
    private final SourceText source;

    Values(SourceText source) {
        this.source = source;
    }

    /** A string constant's value or a bare word ({@code any}); {@code null} for anything else. */
    static String stringLiteral(Expression expression) {
        if (expression instanceof ConstantExpression constant && constant.getValue() instanceof String value) {
            return value;
        }
        if (expression instanceof VariableExpression variable) {
            return variable.getName();
        }
        return null;
    }

    /**
     * A constant as its value, an interpolated string as its text between the quotes, a list of constants as one
     * item a line, anything else as its source.
     */
    String text(Expression expression) {
        if (expression instanceof ConstantExpression constant) {
            return String.valueOf(constant.getValue());
        }
        if (expression instanceof VariableExpression variable) {
            return variable.getName();
        }
        if (expression instanceof GStringExpression) {
            return unquote(source.of(expression));
        }
        if (expression instanceof ListExpression list
                && list.getExpressions().stream().allMatch(e -> e instanceof ConstantExpression)) {
            List<String> items = new ArrayList<>();
            list.getExpressions().forEach(e -> items.add(text(e)));
            return String.join("\n", items);
        }
        return source.of(expression);
    }

    String source(ASTNode node) {
        return source.of(node);
    }

    Arguments arguments(Call call) {
        Map<String, String> named = new LinkedHashMap<>();
        call.named().forEach((key, value) -> named.put(key, text(value)));
        List<String> positional = new ArrayList<>();
        call.positional().forEach(value -> positional.add(text(value)));
        return new Arguments(named, positional);
    }

    static String unquote(String text) {
        for (String quote : List.of("\"\"\"", "'''", "\"", "'", "/")) {
            if (text.length() >= 2 * quote.length() && text.startsWith(quote) && text.endsWith(quote)) {
                return text.substring(quote.length(), text.length() - quote.length());
            }
        }
        return text;
    }
}
