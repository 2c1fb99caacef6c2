package io.jenkins.plugins.orchestra.runner.declarative;

import groovyjarjarantlr.RecognitionException;
import groovyjarjarantlr.TokenStreamRecognitionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.GroovyBugError;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.ErrorCollector;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/** Groovy 2.4's parser, run as far as the AST (phase CONVERSION): nothing is compiled to classes, nothing runs. */
final class GroovyAst {
    /** The name Jenkins compiles a Jenkinsfile under, and so names it in its errors. */
    static final String SCRIPT_NAME = "WorkflowScript";

    private static final Pattern PLACE = Pattern.compile("\\s*line:? ?(\\d{1,9}),? col(?:umn)?:? ?(\\d{1,9})\\.?$");

    private GroovyAst() {}

    /** The AST of {@code source}, or Groovy's first error. */
    static Result parse(String source) {
        CompilationUnit unit = new CompilationUnit();
        SourceUnit sourceUnit = unit.addSource(SCRIPT_NAME, source);
        try {
            unit.compile(Phases.CONVERSION);
            return new Result(sourceUnit, null);
        } catch (MultipleCompilationErrorsException e) {
            return new Result(null, firstError(e.getErrorCollector()));
        } catch (CompilationFailedException | GroovyBugError e) {
            // Groovy's parser failing on its own rather than reporting the source: still an error in the file.
            return new Result(null, new DeclarativeError(0, 0, String.valueOf(e.getMessage())));
        }
    }

    private static DeclarativeError firstError(ErrorCollector errors) {
        Message first = errors.getErrorCount() > 0 ? errors.getError(0) : null;
        if (first instanceof SyntaxErrorMessage syntax) {
            SyntaxException cause = syntax.getCause();
            return new DeclarativeError(
                    Math.max(0, cause.getStartLine()),
                    Math.max(0, cause.getStartColumn()),
                    String.valueOf(cause.getOriginalMessage()).strip());
        }
        if (first instanceof ExceptionMessage exception) {
            return placed(exception.getCause());
        }
        if (first instanceof SimpleMessage simple) {
            return new DeclarativeError(0, 0, simple.getMessage());
        }
        return new DeclarativeError(0, 0, "Groovy could not parse the Jenkinsfile");
    }

    /**
     * An error Groovy's lexer threw rather than reported, such as a bad unicode escape: its message carries the
     * place ({@code … line: 6 col:35}), or its cause does.
     */
    private static DeclarativeError placed(Exception exception) {
        if (exception instanceof TokenStreamRecognitionException recognition) {
            RecognitionException cause = recognition.recog;
            return new DeclarativeError(
                    Math.max(0, cause.getLine()),
                    Math.max(0, cause.getColumn()),
                    cause.getMessage().strip());
        }
        String message = String.valueOf(exception.getMessage()).strip();
        Matcher place = PLACE.matcher(message);
        if (place.find()) {
            String text = message.substring(0, place.start()).strip();
            return new DeclarativeError(
                    Integer.parseInt(place.group(1)),
                    Integer.parseInt(place.group(2)),
                    text.isEmpty() ? message : text);
        }
        return new DeclarativeError(0, 0, message);
    }

    /** Either the parsed source or its error. */
    record Result(SourceUnit unit, DeclarativeError error) {}
}
