package io.jenkins.plugins.orchestra.runner.script;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Groovy's compile errors as one line each: the Jenkinsfile's as Jenkins prints them ({@code WorkflowScript: 3:
 * expecting EOF, found '}' @ line 3, column 2.}, then {@code 1 error}), a library file's as compilers do, which
 * terminals and editors link to the file ({@code /libs/acme/vars/greet.groovy:3:5: unexpected token: }}).
 */
public final class CompileErrors {
    private CompileErrors() {}

    public static String describe(MultipleCompilationErrorsException e) {
        List<?> errors = e.getErrorCollector().getErrors();
        String lines = errors.stream().map(CompileErrors::describe).collect(Collectors.joining("\n"));
        if (errors.stream().noneMatch(CompileErrors::inJenkinsfile)) {
            return lines;
        }
        return lines + "\n" + errors.size() + (errors.size() == 1 ? " error" : " errors");
    }

    private static boolean inJenkinsfile(Object message) {
        return !(message instanceof SyntaxErrorMessage syntax)
                || PipelineRuntime.SCRIPT_NAME.equals(syntax.getCause().getSourceLocator());
    }

    private static String describe(Object message) {
        if (message instanceof SyntaxErrorMessage syntax) {
            SyntaxException cause = syntax.getCause();
            if (inJenkinsfile(message)) {
                return PipelineRuntime.SCRIPT_NAME + ": " + cause.getLine() + ": " + cause.getOriginalMessage()
                        + " @ line " + cause.getLine() + ", column " + cause.getStartColumn() + ".";
            }
            return file(cause.getSourceLocator()) + ":" + cause.getLine() + ":" + cause.getStartColumn() + ": "
                    + cause.getOriginalMessage();
        }
        if (message instanceof org.codehaus.groovy.control.messages.ExceptionMessage e) {
            // Groovy writes these with their stack trace; the first line of the cause is what a user can act on
            String cause = String.valueOf(e.getCause().getMessage());
            return PipelineRuntime.SCRIPT_NAME + ": general error during compilation: "
                    + cause.lines().findFirst().orElse(cause).strip();
        }
        if (message instanceof Message m) {
            StringWriter text = new StringWriter();
            m.write(new PrintWriter(text));
            return text.toString().strip();
        }
        return String.valueOf(message);
    }

    /** Groovy names a file it found on the class path by its URL, one it was given by its path. */
    private static String file(String sourceLocator) {
        if (sourceLocator != null && sourceLocator.startsWith("file:")) {
            return Path.of(URI.create(sourceLocator)).toString();
        }
        return String.valueOf(sourceLocator);
    }
}
