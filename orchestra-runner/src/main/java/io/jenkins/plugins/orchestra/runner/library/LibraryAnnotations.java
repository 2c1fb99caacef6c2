package io.jenkins.plugins.orchestra.runner.library;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Reads the Jenkinsfile's {@code @Library} annotations as soon as it is parsed and loads the libraries they name,
 * before Groovy resolves the Jenkinsfile's imports, which may be the libraries' classes: Jenkins'
 * {@code LibraryDecorator}. A library that cannot be loaded is a compile error at its annotation.
 */
final class LibraryAnnotations extends CompilationCustomizer {
    /** The name the Jenkinsfile is compiled under; libraries' own files are not read for {@code @Library}. */
    private static final String JENKINSFILE = "WorkflowScript";

    private static final Set<String> NAMES =
            Set.of("Library", Library.class.getName(), "org.jenkinsci.plugins.workflow.libs.Library");

    private final SharedLibraries libraries;
    private final Set<SourceUnit> read = Collections.newSetFromMap(new IdentityHashMap<>());

    LibraryAnnotations(SharedLibraries libraries) {
        super(CompilePhase.CONVERSION);
        this.libraries = libraries;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        // called once per class of the file; the annotations of the whole file are read at the first
        if (!JENKINSFILE.equals(source.getName()) || !read.add(source)) {
            return;
        }
        for (AnnotationNode annotation : annotations(source)) {
            List<String> identifiers = new ArrayList<>();
            Expression value = annotation.getMember("value");
            if (value == null) {
                error(source, annotation, "@Library was missing a value");
            } else {
                identifiers(source, annotation, value, identifiers);
            }
            load(source, annotation, identifiers);
        }
    }

    private void load(SourceUnit source, AnnotationNode annotation, List<String> identifiers) {
        Set<String> undefined = new LinkedHashSet<>();
        for (String identifier : identifiers) {
            String name = SharedLibraries.nameOf(identifier);
            if (!libraries.isDefined(name)) {
                undefined.add(name);
                continue;
            }
            try {
                libraries.load(identifier);
            } catch (LibraryException e) {
                error(source, annotation, e.getMessage());
            }
        }
        if (!undefined.isEmpty()) {
            error(source, annotation, LibraryException.notDefined(undefined).getMessage());
        }
    }

    private static Set<AnnotationNode> annotations(SourceUnit source) {
        Set<AnnotationNode> found = new LinkedHashSet<>(); // AnnotationNode is equal to itself only
        ClassCodeVisitorSupport visitor = new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitAnnotations(AnnotatedNode node) {
                super.visitAnnotations(node);
                for (AnnotationNode annotation : node.getAnnotations()) {
                    if (NAMES.contains(annotation.getClassNode().getName())) {
                        found.add(annotation);
                    }
                }
            }
        };
        ModuleNode module = source.getAST();
        for (ClassNode type : module.getClasses()) {
            visitor.visitClass(type);
        }
        visitor.visitImports(module); // also when the file has no class: only imports and annotations
        return found;
    }

    /** Jenkins' rules, and its messages: a string, or a list of strings, each a constant. */
    private static void identifiers(SourceUnit source, AnnotationNode at, Expression value, List<String> into) {
        if (value instanceof ConstantExpression constant) {
            if (constant.getValue() instanceof String identifier) {
                into.add(identifier);
            } else {
                error(source, at, "@Library value ‘" + constant.getValue() + "’ was not a string");
            }
        } else if (value instanceof ListExpression list) {
            list.getExpressions().forEach(element -> identifiers(source, at, element, into));
        } else {
            error(
                    source,
                    at,
                    "@Library value ‘" + value.getText()
                            + "’ was not a constant; did you mean to use the ‘library’ step instead?");
        }
    }

    private static void error(SourceUnit source, AnnotationNode at, String message) {
        source.getErrorCollector()
                .addErrorAndContinue(new SyntaxErrorMessage(
                        new SyntaxException(message, at.getLineNumber(), at.getColumnNumber()), source));
    }
}
