package io.jenkins.plugins.orchestra.runner.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each fixture reproduces one error; the message is Jenkins' own text, at the line and column Jenkins reports. */
class DeclarativeValidatorTest {
    private static final String VALID_CONDITIONALS = "allOf, anyOf, branch, environment, expression, not";
    private static final String VALID_POST =
            "[always, changed, fixed, regression, aborted, success, unsuccessful, unstable, failure, notBuilt, cleanup]";
    private static final String VALID_OPTIONS =
            "[buildDiscarder, disableConcurrentBuilds, retry, skipDefaultCheckout, timeout, timestamps]";

    static Stream<Arguments> fixtures() {
        return Stream.of(
                fixture("missing-stages-section", error(1, 1, "Missing required section \"stages\"")),
                fixture("missing-agent-section", error(1, 1, "Missing required section \"agent\"")),
                fixture("undefined-section", error(3, 5, "Undefined section \"foo\"")),
                fixture("duplicate-stage-names", error(3, 5, "Duplicate stage name: \"build\"")),
                fixture("no-stages-specified", error(3, 5, "No stages specified")),
                fixture(
                        "stage-without-steps",
                        error(
                                4,
                                9,
                                "Expected one of \"steps\", \"stages\", \"parallel\", or \"matrix\" for stage \"deploy\"")),
                fixture(
                        "stage-with-steps-and-stages",
                        error(
                                4,
                                9,
                                "Only one of \"matrix\", \"parallel\", \"stages\", or \"steps\" allowed for stage \"release\"")),
                fixture(
                        "unknown-stage-section",
                        error(
                                4,
                                9,
                                "Unknown stage section \"sh\". Starting with version 0.5, steps in a stage must be in a"
                                        + " \u2018steps\u2019 block."),
                        error(
                                4,
                                9,
                                "Expected one of \"steps\", \"stages\", \"parallel\", or \"matrix\" for stage \"build\"")),
                fixture(
                        "stage-step-inside-steps",
                        error(
                                6,
                                17,
                                "Invalid step \"stage\" used - not allowed in this context - The stage step cannot be used"
                                        + " in Declarative Pipelines")),
                fixture(
                        "parallel-step-mixed-into-steps",
                        error(
                                7,
                                17,
                                "Invalid step \"parallel\" used - not allowed in this context - The parallel step can only"
                                        + " be used as the only top-level step in a stage's step block")),
                fixture(
                        "when-without-condition",
                        error(5, 13, "Expected a when condition"),
                        error(5, 13, "Empty when closure, remove the property or add some content.")),
                fixture(
                        "unknown-when-condition",
                        error(6, 17, "Unknown conditional branches. Valid conditionals are: " + VALID_CONDITIONALS)),
                fixture(
                        "invalid-option-type",
                        error(5, 9, "Invalid option type \"ansiColor\". Valid option types: " + VALID_OPTIONS)),
                fixture(
                        "missing-required-parameter",
                        error(4, 9, "Missing required parameter: \"name\""),
                        error(9, 17, "Missing required parameter: \"value\"")),
                fixture(
                        "invalid-post-condition",
                        error(10, 9, "Invalid condition \"failed\" - valid conditions are " + VALID_POST)),
                fixture("unclosed-brace-syntax-error", error(10, 1, "expecting '}', found ''")),
                fixture("bad-unicode-escape-syntax-error", error(6, 24, "Did not find four digit hex character code.")),
                fixture(
                        "pipeline-inside-node",
                        error(2, 5, "pipeline block must be at the top-level, not within another block.")),
                fixture("scripted-pipeline"),
                fixture("library-annotations-before-pipeline", error(8, 5, "Duplicate stage name: \"Greet\"")),
                fixture("delivery-pipeline"),
                fixture(
                        "many-errors",
                        error(1, 1, "Missing required section \"agent\""),
                        error(3, 9, "Invalid option type \"ansiColor\". Valid option types: " + VALID_OPTIONS),
                        error(5, 5, "Duplicate stage name: \"build\""),
                        error(
                                8,
                                17,
                                "Invalid step \"stage\" used - not allowed in this context - The stage step cannot be used"
                                        + " in Declarative Pipelines"),
                        error(
                                11,
                                9,
                                "Expected one of \"steps\", \"stages\", \"parallel\", or \"matrix\" for stage \"build\""),
                        error(12, 20, "Unknown conditional branche. Valid conditionals are: " + VALID_CONDITIONALS),
                        error(16, 9, "Invalid condition \"failed\" - valid conditions are " + VALID_POST)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsJenkinsMessagesAtJenkinsPositions(String fixture, List<DeclarativeError> expected) {
        assertThat(DeclarativeValidator.validate(DeclarativeFixtures.read(fixture)))
                .containsExactlyElementsOf(expected);
    }

    private static Arguments fixture(String name, DeclarativeError... errors) {
        return Arguments.of(name, List.of(errors));
    }

    private static DeclarativeError error(int line, int column, String message) {
        return new DeclarativeError(line, column, message);
    }
}
