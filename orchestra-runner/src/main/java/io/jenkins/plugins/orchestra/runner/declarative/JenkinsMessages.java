package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.Collection;
import java.util.List;

/**
 * Jenkins' own texts for Declarative errors, as its pipeline-model-definition plugin formats them (its {@code
 * Messages.properties} run through {@code MessageFormat}), so that a Jenkinsfile fails here with the words it fails
 * with in Jenkins. A few are Orchestra's, where Jenkins has none to copy; their javadoc says so.
 */
final class JenkinsMessages {
    /** Jenkins' {@code BuildCondition.getOrderedConditionNames()}. */
    static final List<String> POST_CONDITIONS = List.of(
            "always",
            "changed",
            "fixed",
            "regression",
            "aborted",
            "success",
            "unsuccessful",
            "unstable",
            "failure",
            "notBuilt",
            "cleanup");

    static final String BLOCKED_STAGE = "The stage step cannot be used in Declarative Pipelines";
    static final String BLOCKED_PROPERTIES = "The properties step cannot be used in Declarative Pipelines";
    static final String BLOCKED_PARALLEL =
            "The parallel step can only be used as the only top-level step in a stage's step block";

    private JenkinsMessages() {}

    static String undefinedSection(String name) {
        return "Undefined section \"" + name + "\"";
    }

    static String multipleOfSection(String name) {
        return "Multiple occurrences of the " + name + " section";
    }

    static String requiredSection(String name) {
        return "Missing required section \"" + name + "\"";
    }

    static String noStages() {
        return "No stages specified";
    }

    static String duplicateStageName(String name) {
        return "Duplicate stage name: \"" + name + "\"";
    }

    static String nothingForStage(String name) {
        return "Expected one of \"steps\", \"stages\", \"parallel\", or \"matrix\" for stage \"" + name + "\"";
    }

    static String moreThanOneForStage(String name) {
        return "Only one of \"matrix\", \"parallel\", \"stages\", or \"steps\" allowed for stage \"" + name + "\"";
    }

    static String noNestedWithinNestedStages() {
        return "Parallel stages or branches can only be included in a top-level stage.";
    }

    static String unknownStageSection(String name) {
        return "Unknown stage section \"" + name
                + "\". Starting with version 0.5, steps in a stage must be in a \u2018steps\u2019 block.";
    }

    static String invalidSectionDefinition(String source) {
        return "Not a valid section definition: \"" + source + "\". Some extra configuration is required.";
    }

    static String invalidStageSectionDefinition(String source) {
        return "Not a valid stage section definition: \"" + source + "\". Some extra configuration is required.";
    }

    static String expectedStage() {
        return "Expected a stage";
    }

    static String expectedStageName() {
        return "Expected a stage name but did not find any";
    }

    static String stageWithoutBlock() {
        return "Stage does not have a block";
    }

    static String expectedBlock() {
        return "Expected a block";
    }

    static String expectedBlockFor(String section) {
        return "Expected a block for " + section;
    }

    static String expectedStep() {
        return "Expected a step";
    }

    static String stepWithoutBlock(String pronoun) {
        return pronoun + " step without a block";
    }

    static String blockedStep(String step, String reason) {
        return "Invalid step \"" + step + "\" used - not allowed in this context - " + reason;
    }

    static String expectedStringLiteral() {
        return "Expected string literal";
    }

    static String expectedBoolean(String name) {
        return "Expected a boolean with " + name;
    }

    static String objectMethodCall() {
        return "Method calls on objects not allowed outside \"script\" blocks.";
    }

    static String expectedSymbol() {
        return "Expected a symbol";
    }

    static String pipelineBlockNotAtTop(String name) {
        return name + " block must be at the top-level, not within another block.";
    }

    static String pipelineStepWithoutBlock(String name) {
        return "Expected a block with the \"" + name + "\" step";
    }

    static String renamedProperties() {
        return "The \u2018properties\u2019 section has been renamed as of version 0.8. Use \u2018options\u2019 instead.";
    }

    static String renamedJobProperties() {
        return "The \u2018jobProperties\u2019 section has been renamed as of version 0.7. Use \u2018properties\u2019"
                + " instead.";
    }

    static String renamedNotifications() {
        return "The \u2018notifications\u2019 section has been removed as of version 0.6. Use \u2018post\u2019 for all"
                + " post-build actions.";
    }

    static String renamedPostBuild() {
        return "The \u2018postBuild\u2019 section has been renamed as of version 0.6. Use \u2018post\u2019 for all"
                + " post-build actions.";
    }

    /** Jenkins' ModelParser says this one in its own code rather than in Messages.properties. */
    static String removedWrappers() {
        return "The 'wrappers' section has been removed as of version 0.8. Use 'options' instead.";
    }

    // agent

    static String expectedAgent() {
        return "Expected an agent";
    }

    static String noArgForAgent() {
        return "No argument for agent";
    }

    static String invalidAgent() {
        return "Only \"agent none\", \"agent any\" or \"agent {...}\" are allowed.";
    }

    static String oneAgentMax() {
        return "Only one agent type is allowed per agent section";
    }

    static String expectedMapMethod() {
        return "Expected to find \u2018someKey \"someValue\"\u2019";
    }

    static String noArgForMapMethodKey(String key) {
        return "No argument for map key \"" + key + "\"";
    }

    static String tooManyArgsForMapMethodKey(String key) {
        return "Too many arguments for map key \"" + key + "\"";
    }

    // environment

    static String noEnvVars() {
        return "No variables specified for environment";
    }

    static String expectedNameValuePairs() {
        return "Expected name=value pairs";
    }

    static String duplicateEnvVar(String name) {
        return "Duplicate environment variable name: \"" + name + "\"";
    }

    static String invalidIdentifierInEnv(String name) {
        return "\"" + name + "\" is not a valid identifier and cannot be used for an environment variable."
                + " Identifiers must start with a letter or underscore and can contain only letters, numbers or"
                + " underscores.";
    }

    static String invalidEnvironmentIdentifier(String source) {
        return "\"" + source + "\" is not a valid environment expression. Use \"key = value\" pairs with valid"
                + " Java/shell keys.";
    }

    static String invalidEnvironmentValue() {
        return "Environment variable values must either be single quoted, double quoted, or function calls.";
    }

    static String invalidEnvironmentOperation() {
        return "Environment variable values can only be joined together with \u2018+\u2019s.";
    }

    static String invalidEnvironmentConcatValue() {
        return "Environment variable values to be concatenated together must be single or double quoted.";
    }

    static String invalidInternalFunctionArg() {
        return "Internal function call parameters must be strings.";
    }

    // options, parameters, when conditions: Jenkins checks these against the describable's model

    static String emptySection(String name) {
        return name + " can not be empty";
    }

    static String expectedOption() {
        return "Expected an option";
    }

    static String expectedBuildParameter() {
        return "Expected a build parameter definition";
    }

    static String cannotHaveBlocks(String what) {
        return what + " definitions cannot have blocks";
    }

    static String mapNotAllowed(String what) {
        return what + " cannot be defined as maps";
    }

    static String duplicateOptionName(String name) {
        return "Duplicate option name: \"" + name + "\"";
    }

    static String invalidSectionType(String section, String name, Collection<String> valid) {
        return "Invalid " + section + " type \"" + name + "\". Valid " + section + " types: " + valid;
    }

    static String missingRequiredParameter(String name) {
        return "Missing required parameter: \"" + name + "\"";
    }

    static String invalidParameter(String name, String nearest) {
        return "Invalid parameter \"" + name + "\", did you mean \"" + nearest + "\"?";
    }

    static String wrongNumberOfParameters(String name, int expected, int actual) {
        return "\"" + name + "\" should have " + expected + " arguments but has " + actual + " arguments instead.";
    }

    static String notSingleRequiredParameter() {
        return "Step does not take a single required parameter - use named parameters instead";
    }

    static String mixedNamedAndUnnamedParameters() {
        return "Cannot mix named and unnamed arguments";
    }

    // when

    static String expectedWhen() {
        return "Expected a when condition";
    }

    static String emptyWhen() {
        return "Empty when closure, remove the property or add some content.";
    }

    static String unknownWhenConditional(String name, Collection<String> valid) {
        return "Unknown conditional " + name + ". Valid conditionals are: " + String.join(", ", valid);
    }

    static String nestedWhenNoArgs(String name) {
        return "No additional arguments are allowed for children when condition \"" + name + "\".";
    }

    static String noNestedWhenAllowed(String name) {
        return "No children when conditions are allowed for when condition \"" + name + "\".";
    }

    static String nestedWhenWithoutChildren(String name) {
        return "Nested when condition \"" + name + "\" requires at least one child condition.";
    }

    static String nestedWhenWrongChildrenCount(String name, int count) {
        return "Nested when condition \"" + name + "\" requires exactly " + count + " child condition(s).";
    }

    // input

    static String missingInputMessage() {
        return "No message specified for input";
    }

    static String invalidInputField(String name) {
        return "Not a valid field for input: \"" + name + "\"";
    }

    static String noArgForField(String name) {
        return "No argument for field \"" + name + "\"";
    }

    static String tooManyArgsForField(String name) {
        return "Too many arguments for field \"" + name + "\"";
    }

    // post

    static String postOnlyConditions() {
        return "The \u2018post\u2019 section can only contain build condition names with code blocks. Valid condition"
                + " names are " + POST_CONDITIONS;
    }

    static String invalidBuildCondition(String name) {
        return "Invalid condition \"" + name + "\" - valid conditions are " + POST_CONDITIONS;
    }

    static String duplicateBuildCondition(String name) {
        return "Duplicate build condition name: \"" + name + "\"";
    }

    // matrix: Jenkins' templates, used where Orchestra checks a matrix

    /** Orchestra's: two axes of one name would make a cell hold one of their values only. */
    static String duplicateAxisName(String name) {
        return "Duplicate axis name: \"" + name + "\"";
    }
}
