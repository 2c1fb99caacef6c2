package io.jenkins.plugins.orchestra.runner.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.ErrorCollector;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.junit.jupiter.api.Test;

class DeclarativeReportTest {
    @Test
    void rendersErrorsTheWayJenkinsPrintsThem() {
        String source = DeclarativeFixtures.read("duplicate-stage-names");

        assertThat(DeclarativeReport.render(source, DeclarativeValidator.validate(source)))
                .isEqualTo(
                        """
                        WorkflowScript: 3: Duplicate stage name: "build" @ line 3, column 5.
                               stages {
                               ^

                        1 error
                        """);
    }

    @Test
    void rendersEveryErrorAndCountsThem() {
        String source = DeclarativeFixtures.read("many-errors");
        List<DeclarativeError> errors = DeclarativeValidator.validate(source);

        String report = DeclarativeReport.render(source, errors);

        assertThat(report).startsWith("WorkflowScript: 1: Missing required section \"agent\" @ line 1, column 1.\n");
        assertThat(report).endsWith("\n\n7 errors\n");
        assertThat(report).isEqualTo(groovysReport(source, errors));
    }

    @Test
    void rendersASyntaxErrorPastTheLastLineWithoutASample() {
        String source = DeclarativeFixtures.read("unclosed-brace-syntax-error");

        assertThat(DeclarativeReport.render(source, DeclarativeValidator.validate(source)))
                .isEqualTo("WorkflowScript: 10: expecting '}', found '' @ line 10, column 1.\n1 error\n");
    }

    @Test
    void showsAWindowOfALongLineAsGroovyDoes() {
        String source = "pipeline {\n    agent any\n    stages { stage('a') { steps { echo 'a' } } }"
                + " /* a comment long enough to move the column */ foo { }\n}\n";
        List<DeclarativeError> errors =
                List.of(new DeclarativeError(3, 99, "Undefined section \"foo\""), new DeclarativeError(2, 0, "x"));

        assertThat(DeclarativeReport.render(source, errors)).isEqualTo(groovysReport(source, errors));
    }

    @Test
    void rendersNothingWithoutErrors() {
        assertThat(DeclarativeReport.render("pipeline { }", List.of())).isEmpty();
    }

    /** What Groovy's own ErrorCollector prints for the same errors, as Jenkins shows it after "startup failed:". */
    private static String groovysReport(String source, List<DeclarativeError> errors) {
        CompilerConfiguration configuration = new CompilerConfiguration();
        ErrorCollector collector = new ErrorCollector(configuration);
        SourceUnit unit = new SourceUnit("WorkflowScript", source, configuration, null, collector);
        for (DeclarativeError error : errors) {
            collector.addErrorAndContinue(
                    new SyntaxErrorMessage(new SyntaxException(error.message(), error.line(), error.column()), unit));
        }
        String message = new MultipleCompilationErrorsException(collector).getMessage();
        return message.substring("startup failed:\n".length());
    }
}
