package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a Declarative Pipeline before anything runs, the way Jenkins checks it when it compiles a Jenkinsfile, and
 * returns every error, not the first, each with Jenkins' own text and at the line and column Jenkins points at. A
 * Scripted Jenkinsfile has nothing to check; a Jenkinsfile Groovy cannot parse has its one syntax error.
 *
 * <p>The errors are sorted top to bottom; {@link DeclarativeReport#render} prints them as Jenkins does.
 */
public final class DeclarativeValidator {
    private static final Pattern ENV_IDENTIFIER = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Problems problems = new Problems();

    private DeclarativeValidator() {}

    /** Parses and checks {@code source}, the text of a Jenkinsfile. */
    public static List<DeclarativeError> validate(String source) {
        return validate(DeclarativeParser.parse(source));
    }

    /** The errors of a parsed Jenkinsfile: those the parser found and those in its model. */
    public static List<DeclarativeError> validate(ParsedJenkinsfile parsed) {
        Objects.requireNonNull(parsed, "parsed");
        List<DeclarativeError> errors = new ArrayList<>(parsed.errors());
        parsed.pipeline().ifPresent(pipeline -> {
            DeclarativeValidator validator = new DeclarativeValidator();
            validator.pipeline(pipeline);
            errors.addAll(validator.problems.list());
        });
        errors.sort(DeclarativeError.BY_POSITION);
        return List.copyOf(errors);
    }

    private void pipeline(PipelineModel pipeline) {
        if (pipeline.stages().isEmpty()) {
            problems.at(pipeline.at(), JenkinsMessages.requiredSection("stages"));
        }
        if (pipeline.agent().isEmpty()) {
            problems.at(pipeline.at(), JenkinsMessages.requiredSection("agent"));
        }
        environment(pipeline.environment());
        parameters(pipeline.parameters());
        options(pipeline.options(), Signatures.PIPELINE_OPTIONS);
        pipeline.stages().ifPresent(stages -> new StageValidator(this).stages(stages, false));
        pipeline.post().ifPresent(this::post);
    }

    Problems problems() {
        return problems;
    }

    void environment(List<EnvironmentEntry> environment) {
        for (EnvironmentEntry entry : environment) {
            if (!ENV_IDENTIFIER.matcher(entry.name()).matches()) {
                problems.at(entry.at(), JenkinsMessages.invalidIdentifierInEnv(entry.name()));
            }
        }
    }

    void parameters(List<ParameterSpec> parameters) {
        for (ParameterSpec parameter : parameters) {
            Signature signature = Signatures.PARAMETERS.get(parameter.type());
            if (signature == null) {
                problems.at(
                        parameter.at(),
                        JenkinsMessages.invalidSectionType(
                                "parameter", parameter.type(), Signatures.PARAMETERS.keySet()));
            } else {
                signature.checkCall(parameter.arguments()).forEach(message -> problems.at(parameter.at(), message));
            }
        }
    }

    void options(List<OptionSpec> options, Map<String, Signature> allowed) {
        for (OptionSpec option : options) {
            Signature signature = allowed.get(option.name());
            if (signature == null) {
                problems.at(option.at(), JenkinsMessages.invalidSectionType("option", option.name(), allowed.keySet()));
            } else {
                signature.checkCall(option.arguments()).forEach(message -> problems.at(option.at(), message));
            }
        }
    }

    void post(PostModel post) {
        for (PostCondition condition : post.conditions()) {
            if (!JenkinsMessages.POST_CONDITIONS.contains(condition.condition())) {
                problems.at(condition.at(), JenkinsMessages.invalidBuildCondition(condition.condition()));
            }
            steps(condition.steps(), false);
        }
    }

    /** Reports the steps Declarative forbids; {@code soleParallelAllowed} for a stage's own {@code steps}. */
    void steps(List<StepCall> steps, boolean soleParallelAllowed) {
        for (StepCall step : steps) {
            boolean legacyParallel =
                    soleParallelAllowed && steps.size() == 1 && !step.branches().isEmpty();
            String reason =
                    switch (step.name()) {
                        case "stage" -> JenkinsMessages.BLOCKED_STAGE;
                        case "properties" -> JenkinsMessages.BLOCKED_PROPERTIES;
                        case "parallel" -> legacyParallel ? null : JenkinsMessages.BLOCKED_PARALLEL;
                        default -> null;
                    };
            if (reason != null) {
                problems.at(step.at(), JenkinsMessages.blockedStep(step.name(), reason));
            }
            steps(step.children(), false);
            step.branches().values().forEach(branch -> steps(branch, false));
        }
    }
}
