package io.jenkins.plugins.orchestra.runner.script;

import io.jenkins.plugins.orchestra.runner.library.Library;
import java.util.Map;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Lets code written for Jenkins name Jenkins' own annotations, which the runner does not have: {@code import
 * com.cloudbees.groovy.cps.NonCPS}, as shared libraries usually do, and {@code
 * org.jenkinsci.plugins.workflow.libs.Library} mean the runner's {@link NonCPS} and {@link Library}.
 */
final class JenkinsImports extends CompilationCustomizer {
    private static final Map<String, Class<?>> RUNNER_CLASSES = Map.of(
            "com.cloudbees.groovy.cps.NonCPS", NonCPS.class,
            "org.jenkinsci.plugins.workflow.libs.Library", Library.class);

    JenkinsImports() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        for (ImportNode anImport : module.getImports()) {
            redirect(anImport.getType());
        }
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitAnnotations(AnnotatedNode node) {
                super.visitAnnotations(node);
                for (AnnotationNode annotation : node.getAnnotations()) {
                    redirect(annotation.getClassNode());
                }
            }
        }.visitClass(classNode);
    }

    private static void redirect(ClassNode type) {
        Class<?> runnerClass = type == null ? null : RUNNER_CLASSES.get(type.getName());
        if (runnerClass != null) {
            type.setRedirect(ClassHelper.make(runnerClass));
        }
    }
}
