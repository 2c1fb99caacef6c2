package io.jenkins.plugins.orchestra.runner.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rest of Jenkins' messages, each at the line and column Jenkins reports it. */
class DeclarativeValidatorMessagesTest {
    @Test
    void reportsRepeatedRenamedAndInvalidSections() {
        String source =
                """
                pipeline {
                    agent any
                    agent none
                    properties { }
                    def x = 1
                    stages { stage('a') { steps { echo 'a' } } }
                }
                """;

        assertThat(DeclarativeValidator.validate(source))
                .containsExactly(
                        error(3, 5, "Multiple occurrences of the agent section"),
                        error(
                                4,
                                5,
                                "The \u2018properties\u2019 section has been renamed as of version 0.8. Use \u2018options\u2019 instead."),
                        error(
                                5,
                                5,
                                "Not a valid section definition: \"def x = 1\". Some extra configuration is required."));
    }

    @Test
    void reportsEnvironmentNamesAndValuesJenkinsRefuses() {
        String source =
                """
                pipeline {
                    agent any
                    environment {
                        A = 'a'
                        A = 'b'
                        $FOO = 'x'
                        B = C
                        D = 'd' - 'e'
                        E = 'e' + env.F
                        G = credentials(H)
                    }
                    stages {
                        stage('a') {
                            environment { }
                            steps { echo 'a' }
                        }
                    }
                }
                """;

        assertThat(DeclarativeValidator.validate(source))
                .containsExactly(
                        error(5, 9, "Duplicate environment variable name: \"A\""),
                        error(
                                6,
                                9,
                                "\"$FOO\" is not a valid identifier and cannot be used for an environment variable. Identifiers must start with a letter or underscore and can contain only letters, numbers or underscores."),
                        error(
                                7,
                                13,
                                "Environment variable values must either be single quoted, double quoted, or function calls."),
                        error(8, 17, "Environment variable values can only be joined together with \u2018+\u2019s."),
                        error(
                                9,
                                19,
                                "Environment variable values to be concatenated together must be single or double quoted."),
                        error(10, 13, "Internal function call parameters must be strings."),
                        error(14, 13, "No variables specified for environment"));
    }

    @Test
    void reportsWhatIsNoStepAndNoStage() {
        String source =
                """
                pipeline {
                    agent any
                    stages {
                        stage('a') {
                            steps {
                                x = 1
                                script 'x'
                                foo.bar()
                                dir('sub') { properties([]) }
                            }
                        }
                        echo 'not a stage'
                        stage("b ${x}") { steps { echo 'b' } }
                    }
                }
                """;

        assertThat(DeclarativeValidator.validate(source))
                .containsExactly(
                        error(6, 17, "Expected a step"),
                        error(7, 17, "Script step without a block"),
                        error(8, 17, "Method calls on objects not allowed outside \"script\" blocks."),
                        error(
                                9,
                                30,
                                "Invalid step \"properties\" used - not allowed in this context - The properties step cannot be used in Declarative Pipelines"),
                        error(12, 9, "Expected a stage"),
                        error(13, 15, "Expected string literal"));
    }

    @Test
    void reportsWhenConditionsOfTheWrongShape() {
        String source =
                """
                pipeline {
                    agent any
                    stages {
                        stage('a') {
                            when {
                                beforeAgent 'yes'
                                not { branch 'a'; branch 'b' }
                                allOf { }
                                anyOf('x') { branch 'c' }
                                branch('d') { branch 'e' }
                                environment 'X'
                                branch tag: 'x'
                                expression()
                            }
                            steps { echo 'a' }
                        }
                    }
                }
                """;

        assertThat(DeclarativeValidator.validate(source))
                .containsExactly(
                        error(6, 17, "Expected a boolean with beforeAgent"),
                        error(7, 17, "Nested when condition \"not\" requires exactly 1 child condition(s)."),
                        error(8, 17, "Nested when condition \"allOf\" requires at least one child condition."),
                        error(9, 17, "No additional arguments are allowed for children when condition \"anyOf\"."),
                        error(10, 17, "No children when conditions are allowed for when condition \"branch\"."),
                        error(11, 17, "Step does not take a single required parameter - use named parameters instead"),
                        error(12, 17, "Invalid parameter \"tag\", did you mean \"pattern\"?"),
                        error(13, 17, "When step without a block"));
    }

    @Test
    void reportsOptionsParametersInputAndPostJenkinsRefuses() {
        String source =
                """
                pipeline {
                    agent any
                    options {
                        retry()
                        timeout(tme: 5)
                        retry(3)
                    }
                    parameters {
                        file(name: 'upload')
                    }
                    stages {
                        stage('a') {
                            options { buildDiscarder(logRotator(numToKeepStr: '1')) }
                            input {
                                ok 'yes'
                                color 'red'
                            }
                            steps { echo 'a' }
                        }
                        stage('b') {
                            options { }
                            steps { echo 'b' }
                            post { }
                        }
                    }
                    post {
                        always { echo 'x' }
                        always { echo 'y' }
                    }
                }
                """;

        assertThat(DeclarativeValidator.validate(source))
                .containsExactly(
                        error(3, 5, "Duplicate option name: \"retry\""),
                        error(4, 9, "\"retry\" should have 1 arguments but has 0 arguments instead."),
                        error(5, 9, "Invalid parameter \"tme\", did you mean \"time\"?"),
                        error(
                                9,
                                9,
                                "Invalid parameter type \"file\". Valid parameter types: [booleanParam, choice, password, string, text]"),
                        error(
                                13,
                                23,
                                "Invalid option type \"buildDiscarder\". Valid option types: [retry, skipDefaultCheckout, timeout, timestamps]"),
                        error(14, 13, "No message specified for input"),
                        error(16, 17, "Not a valid field for input: \"color\""),
                        error(21, 13, "options can not be empty"),
                        error(23, 13, "post can not be empty"),
                        error(26, 5, "Duplicate build condition name: \"always\""));
    }

    @Test
    void reportsParallelWithinParallelAndMatricesWithoutAxes() {
        String source =
                """
                pipeline {
                    agent any
                    stages {
                        stage('outer') {
                            parallel {
                                stage('inner') {
                                    parallel {
                                        stage('deepest') { steps { echo 'x' } }
                                    }
                                }
                                stage('cells') {
                                    matrix {
                                        stages { stage('s') { steps { echo 's' } } }
                                    }
                                }
                            }
                        }
                        stage('m') {
                            matrix {
                                axes {
                                    axis { values 'a' }
                                    axis { name 'X'; values 'a' }
                                    axis { name 'X'; values 'b' }
                                }
                            }
                        }
                    }
                }
                """;

        assertThat(DeclarativeValidator.validate(source))
                .containsExactly(
                        error(7, 21, "Parallel stages or branches can only be included in a top-level stage."),
                        error(12, 21, "Parallel stages or branches can only be included in a top-level stage."),
                        error(12, 21, "Missing required section \"axes\""),
                        error(19, 13, "Missing required section \"stages\""),
                        error(21, 21, "Missing required parameter: \"name\""),
                        error(23, 21, "Duplicate axis name: \"X\""));
    }

    private static DeclarativeError error(int line, int column, String message) {
        return new DeclarativeError(line, column, message);
    }
}
