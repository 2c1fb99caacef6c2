package io.jenkins.plugins.orchestra.runner.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclarativeParserTest {
    private static final String DELIVERY = DeclarativeFixtures.read("delivery-pipeline");

    private static PipelineModel delivery() {
        ParsedJenkinsfile parsed = DeclarativeParser.parse(DELIVERY);
        assertThat(parsed.kind()).isEqualTo(ParsedJenkinsfile.Kind.DECLARATIVE);
        assertThat(parsed.errors()).isEmpty();
        return parsed.pipeline().orElseThrow();
    }

    @Test
    void validDeliveryPipelineHasNoErrors() {
        assertThat(DeclarativeValidator.validate(DELIVERY)).isEmpty();
    }

    @Test
    void readsAgentEnvironmentAndCredentials() {
        PipelineModel pipeline = delivery();

        assertThat(pipeline.at()).isEqualTo(new Position(2, 1));
        assertThat(pipeline.agent()).contains(new Agent(Agent.Kind.LABEL, "label", Map.of("label", "linux"), at(3, 5)));
        assertThat(pipeline.environment())
                .extracting(EnvironmentEntry::name, EnvironmentEntry::kind, EnvironmentEntry::value)
                .containsExactly(
                        tuple("APP", EnvironmentEntry.Kind.LITERAL, "shop"),
                        tuple("IMAGE", EnvironmentEntry.Kind.INTERPOLATED, "registry.example.com/${APP}"),
                        tuple("DEPLOY_TOKEN", EnvironmentEntry.Kind.CREDENTIALS, "deploy-token"),
                        tuple("RELEASE", EnvironmentEntry.Kind.LITERAL, "v1.2"));
        EnvironmentEntry image = pipeline.environment().get(1);
        assertThat(image.at()).isEqualTo(at(6, 9));
        assertThat(image.code().path()).isEqualTo("environment.IMAGE");
        assertThat(image.code().text(DELIVERY)).isEqualTo("\"registry.example.com/${APP}\"");
        assertThat(pipeline.environment().get(3).code().text(DELIVERY)).isEqualTo("'v' + '1.2'");
    }

    @Test
    void readsParametersWithNamesAndDefaults() {
        List<ParameterSpec> parameters = delivery().parameters();

        assertThat(parameters)
                .extracting(ParameterSpec::type, p -> p.name().orElseThrow(), p -> p.defaultValue()
                        .orElse(null))
                .containsExactly(
                        tuple("string", "TARGET", "staging"),
                        tuple("booleanParam", "SMOKE", "true"),
                        tuple("choice", "REGION", "eu-west"),
                        tuple("text", "NOTES", ""),
                        tuple("password", "DB_PASSWORD", "changeme"));
        assertThat(parameters.get(2).choices()).containsExactly("eu-west", "us-east");
        assertThat(parameters.get(0).arguments().named()).containsEntry("description", "Where to deploy");
        assertThat(parameters.get(0).at()).isEqualTo(at(11, 9));
    }

    @Test
    void readsOptionsAndNotesTools() {
        PipelineModel pipeline = delivery();

        assertThat(pipeline.options())
                .extracting(OptionSpec::name)
                .containsExactly(
                        "timeout",
                        "retry",
                        "skipDefaultCheckout",
                        "disableConcurrentBuilds",
                        "timestamps",
                        "buildDiscarder");
        assertThat(pipeline.options().get(0).arguments().named())
                .containsExactly(entry("time", "1"), entry("unit", "HOURS"));
        assertThat(pipeline.options().get(1).arguments().value("count")).contains("2");
        assertThat(pipeline.options().get(5).arguments().positional())
                .containsExactly("logRotator(numToKeepStr: '10')");
        assertThat(pipeline.notes()).extracting(Note::at).containsExactly(at(25, 5));
    }

    @Test
    void readsTheStageTreeWithPaths() {
        PipelineModel pipeline = delivery();

        assertThat(pipeline.allStages())
                .extracting(StageModel::name, StageModel::path, StageModel::at)
                .containsExactly(
                        tuple("Checkout", "stages[0]", at(27, 9)),
                        tuple("Build", "stages[1]", at(32, 9)),
                        tuple("Test", "stages[2]", at(41, 9)),
                        tuple("Unit", "stages[2].parallel[0]", at(44, 17)),
                        tuple("Integration", "stages[2].parallel[1]", at(47, 17)),
                        tuple("Browsers", "stages[3]", at(54, 9)),
                        tuple("UI tests", "stages[3].matrix.stages[0]", at(67, 21)),
                        tuple("Deploy", "stages[4]", at(73, 9)),
                        tuple("Staging", "stages[4].stages[0]", at(90, 17)),
                        tuple("Production", "stages[4].stages[1]", at(93, 17)));
    }

    @Test
    void keepsWhereEachStepsAndScriptBlockIs() {
        StageModel build = delivery().allStages().get(1);

        StepsBlock steps = build.steps().orElseThrow();
        assertThat(steps.code()).isEqualTo(new CodeBlock("stages[1].steps", at(34, 19), at(39, 14)));
        assertThat(steps.steps()).extracting(StepCall::name).containsExactly("sh", "script");
        CodeBlock script = steps.steps().get(1).script().orElseThrow();
        assertThat(script.path()).isEqualTo("stages[1].steps.script[0]");
        assertThat(script.start()).isEqualTo(at(36, 24));
        assertThat(script.text(DELIVERY))
                .isEqualTo("{\n                    currentBuild.description = \"${IMAGE}\"\n                }");
        assertThat(build.environment()).extracting(EnvironmentEntry::name).containsExactly("MAVEN_OPTS");
        assertThat(build.environment().get(0).code().path()).isEqualTo("stages[1].environment.MAVEN_OPTS");
    }

    @Test
    void readsParallelStagesWithTheirOwnAgentAndPost() {
        StageModel test = delivery().allStages().get(2);

        assertThat(test.failFast()).isTrue();
        assertThat(test.steps()).isEmpty();
        StageModel integration = test.parallel().orElseThrow().stages().get(1);
        assertThat(integration.agent().orElseThrow().kind()).isEqualTo(Agent.Kind.NODE);
        assertThat(integration.agent().orElseThrow().settings())
                .containsExactly(entry("label", "docker"), entry("customWorkspace", "it"));
        PostCondition always =
                integration.post().orElseThrow().condition("always").orElseThrow();
        assertThat(always.code().path()).isEqualTo("stages[2].parallel[1].post.always");
        assertThat(always.code().text(DELIVERY)).isEqualTo("{ junit 'target/failsafe-reports/*.xml' }");
    }

    @Test
    void readsMatrixAxesAndExcludes() {
        MatrixModel matrix = delivery().allStages().get(5).matrix().orElseThrow();

        assertThat(matrix.at()).isEqualTo(at(55, 13));
        assertThat(matrix.axes())
                .extracting(MatrixAxis::name, MatrixAxis::values)
                .containsExactly(
                        tuple("OS", List.of("linux", "windows")),
                        tuple("BROWSER", List.of("firefox", "chrome", "safari")));
        assertThat(matrix.excludes()).hasSize(1);
        assertThat(matrix.excludes().get(0).axes())
                .extracting(MatrixAxis::name, MatrixAxis::values, MatrixAxis::notValues)
                .containsExactly(tuple("OS", List.of("linux"), false), tuple("BROWSER", List.of("safari"), false));
        assertThat(matrix.cells()).hasSize(5);
    }

    @Test
    void readsWhenInputOptionsAndNestedStagesOfAStage() {
        StageModel deploy = delivery().allStages().get(7);

        WhenModel when = deploy.when().orElseThrow();
        assertThat(when.beforeAgent()).isTrue();
        assertThat(when.beforeInput()).isFalse();
        WhenCondition allOf = when.conditions().get(0);
        assertThat(allOf.name()).isEqualTo("allOf");
        assertThat(allOf.children()).extracting(WhenCondition::name).containsExactly("branch", "not", "expression");
        assertThat(allOf.children().get(0).arguments().value("pattern")).contains("main");
        WhenCondition environment = allOf.children().get(1).children().get(0);
        assertThat(environment.arguments().named()).containsExactly(entry("name", "TARGET"), entry("value", "none"));
        CodeBlock expression = allOf.children().get(2).expression().orElseThrow();
        assertThat(expression.path()).isEqualTo("stages[4].when.expression[0]");
        assertThat(expression.text(DELIVERY)).isEqualTo("{ return params.SMOKE }");

        InputModel input = deploy.input().orElseThrow();
        assertThat(input.message()).contains("Deploy to production?");
        assertThat(input.ok()).contains("Deploy");
        assertThat(input.submitter()).contains("ops,release-managers");
        assertThat(input.parameters()).extracting(p -> p.name().orElseThrow()).containsExactly("CHANGE");
        assertThat(deploy.options()).extracting(OptionSpec::name).containsExactly("timeout");
        assertThat(deploy.stages().orElseThrow().stages())
                .extracting(StageModel::name)
                .containsExactly("Staging", "Production");
    }

    @Test
    void readsEveryPostConditionOfThePipeline() {
        PostModel post = delivery().post().orElseThrow();

        assertThat(post.at()).isEqualTo(at(99, 5));
        assertThat(post.conditions())
                .extracting(PostCondition::condition)
                .containsExactly(
                        "always",
                        "success",
                        "failure",
                        "unstable",
                        "changed",
                        "fixed",
                        "regression",
                        "aborted",
                        "unsuccessful",
                        "cleanup");
        PostCondition cleanup = post.condition("cleanup").orElseThrow();
        assertThat(cleanup.code()).isEqualTo(new CodeBlock("post.cleanup", at(109, 17), at(109, 32)));
        assertThat(cleanup.steps()).extracting(StepCall::name).containsExactly("deleteDir");
    }

    @Test
    void modelCannotBeChanged() {
        PipelineModel pipeline = delivery();

        assertThatThrownBy(() -> pipeline.stages().orElseThrow().stages().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> pipeline.environment().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> pipeline.agent().orElseThrow().settings().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void saysAFileWithoutPipelineBlockIsScriptedWithoutErrors() {
        ParsedJenkinsfile parsed = DeclarativeParser.parse(DeclarativeFixtures.read("scripted-pipeline"));

        assertThat(parsed.kind()).isEqualTo(ParsedJenkinsfile.Kind.SCRIPTED);
        assertThat(parsed.pipeline()).isEmpty();
        assertThat(DeclarativeValidator.validate(parsed)).isEmpty();
    }

    @Test
    void turnsAGroovySyntaxErrorIntoOneErrorAtGroovysPosition() {
        ParsedJenkinsfile parsed = DeclarativeParser.parse(DeclarativeFixtures.read("unclosed-brace-syntax-error"));

        assertThat(parsed.kind()).isEqualTo(ParsedJenkinsfile.Kind.SYNTAX_ERROR);
        assertThat(parsed.errors()).containsExactly(new DeclarativeError(10, 1, "expecting '}', found ''"));
    }

    @Test
    void turnsAnUnexpectedTokenIntoOneErrorWithItsColumn() {
        List<DeclarativeError> errors =
                DeclarativeValidator.validate("pipeline {\n    agent any\n    stages = = 3\n}\n");

        assertThat(errors).containsExactly(new DeclarativeError(3, 14, "unexpected token: ="));
    }

    @Test
    void acceptsTheLegacyParallelStepAsAStagesOnlyStep() {
        String source =
                """
                pipeline {
                    agent any
                    stages {
                        stage('test') {
                            steps {
                                parallel(failFast: true, unit: { sh 'make unit' }, it: { script { run() } })
                            }
                        }
                    }
                }
                """;

        ParsedJenkinsfile parsed = DeclarativeParser.parse(source);

        assertThat(DeclarativeValidator.validate(parsed)).isEmpty();
        StepCall parallel = parsed.pipeline()
                .orElseThrow()
                .allStages()
                .get(0)
                .steps()
                .orElseThrow()
                .steps()
                .get(0);
        assertThat(parallel.branches()).containsOnlyKeys("unit", "it");
        assertThat(parallel.branches().get("it").get(0).script().orElseThrow().path())
                .isEqualTo("stages[0].steps.script[0]");
    }

    @Test
    void readsAgentAnyNoneAndOtherKinds() {
        String source =
                """
                pipeline {
                    agent none
                    stages {
                        stage('a') { agent any
                            steps { echo 'a' } }
                        stage('b') { agent { docker { image 'maven:3'; args '-v /tmp:/tmp' } }
                            steps { echo 'b' } }
                        stage('c') { agent { ecs 'small' }
                            steps { echo 'c' } }
                    }
                }
                """;

        PipelineModel pipeline = DeclarativeParser.parse(source).pipeline().orElseThrow();

        assertThat(pipeline.agent().orElseThrow().kind()).isEqualTo(Agent.Kind.NONE);
        assertThat(pipeline.allStages())
                .extracting(stage -> stage.agent().orElseThrow().kind())
                .containsExactly(Agent.Kind.ANY, Agent.Kind.DOCKER, Agent.Kind.OTHER);
        assertThat(pipeline.allStages().get(1).agent().orElseThrow().settings())
                .containsExactly(entry("image", "maven:3"), entry("args", "-v /tmp:/tmp"));
        assertThat(pipeline.allStages().get(2).agent().orElseThrow().settings()).containsExactly(entry("ecs", "small"));
        assertThat(pipeline.notes())
                .extracting(Note::message)
                .containsExactly(
                        "agent type \"docker\" is recorded but is not any, none, label or node",
                        "agent type \"ecs\" is recorded but is not any, none, label or node");
    }

    @Test
    void endsABlockAtItsBraceThoughGroovyEndsItAtTheNextToken() {
        String source =
                """
                pipeline {
                    agent any
                    stages {
                        stage('a') { steps { echo 'a' } /* why */ }
                    }
                    post { always { echo 'x' } } // done
                }
                """;

        PipelineModel pipeline = DeclarativeParser.parse(source).pipeline().orElseThrow();

        assertThat(pipeline.allStages().get(0).steps().orElseThrow().code().text(source))
                .isEqualTo("{ echo 'a' }");
        assertThat(pipeline.post().orElseThrow().conditions().get(0).code().text(source))
                .isEqualTo("{ echo 'x' }");
    }

    private static Position at(int line, int column) {
        return new Position(line, column);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static <K, V> Map.Entry<K, V> entry(K key, V value) {
        return Map.entry(key, value);
    }
}
