package io.jenkins.plugins.orchestra.runner.script;

import java.util.Set;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Makes a bare {@code sleep 5} call the {@code sleep} step everywhere, also inside blocks, as in Jenkins: without it a
 * call inside a closure would reach Groovy's {@code Object.sleep(milliseconds)}. Rewrites such calls to {@code
 * this.sleep(…)}; in a closure, {@code this} is the script.
 */
final class StepCallsCustomizer extends CompilationCustomizer {
    private static final Set<String> SHADOWED_BY_GROOVY = Set.of("sleep");

    StepCallsCustomizer() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new Rewriter(source).visitClass(classNode);
    }

    private static final class Rewriter extends org.codehaus.groovy.ast.ClassCodeExpressionTransformer {
        private final SourceUnit source;

        Rewriter(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public Expression transform(Expression expression) {
            if (expression instanceof ClosureExpression closure) {
                closure.getCode().visit(this);
                return closure;
            }
            Expression transformed = expression == null ? null : super.transform(expression);
            if (transformed instanceof MethodCallExpression call
                    && call.isImplicitThis()
                    && SHADOWED_BY_GROOVY.contains(call.getMethodAsString())) {
                MethodCallExpression explicit =
                        new MethodCallExpression(new VariableExpression("this"), call.getMethod(), call.getArguments());
                explicit.setImplicitThis(false);
                explicit.setSourcePosition(call);
                return explicit;
            }
            return transformed;
        }
    }
}
