package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeError;
import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeReport;
import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeValidator;
import io.jenkins.plugins.orchestra.runner.library.LocalLibrary;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileException;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import io.jenkins.plugins.orchestra.runner.script.PipelineScript;
import java.util.List;

/** Checks a Jenkinsfile before anything runs: Groovy syntax and, for a Declarative one, its structure. */
final class Jenkinsfiles {
    private Jenkinsfiles() {}

    /**
     * Validates and compiles {@code source} with the shared libraries it may load, or throws one {@link
     * JenkinsfileException} listing every error.
     */
    static PipelineScript check(String source, List<LocalLibrary> libraries) {
        List<DeclarativeError> errors = DeclarativeValidator.validate(source);
        if (!errors.isEmpty()) {
            throw new JenkinsfileException(
                    DeclarativeReport.render(source, errors).strip());
        }
        return JenkinsfileRunner.compile(source, libraries);
    }
}
