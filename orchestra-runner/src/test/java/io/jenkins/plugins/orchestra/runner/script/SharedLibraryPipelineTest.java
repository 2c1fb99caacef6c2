package io.jenkins.plugins.orchestra.runner.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.runner.library.LocalLibrary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Shared libraries from the folders under {@code src/test/resources/libraries}, loaded as Jenkins loads them. */
@Timeout(60)
class SharedLibraryPipelineTest {
    private static final Path LIBRARIES =
            Path.of("src/test/resources/libraries").toAbsolutePath().normalize();
    private static final LocalLibrary ACME = library("acme");
    private static final LocalLibrary TOOLS = library("tools");

    @TempDir
    Path workspace;

    private static LocalLibrary library(String folder) {
        return new LocalLibrary(folder, LIBRARIES.resolve(folder));
    }

    private Runs.Run run(String jenkinsfile, LocalLibrary... libraries) {
        return Runs.run(workspace, jenkinsfile, List.of(libraries));
    }

    @Test
    void aVariableIsCalledThroughItsCallMethodAndOffersItsOtherMethods() {
        Runs.Run run = run(
                """
                @Library('acme') _
                greet 'Ada'
                greet()
                greet.loudly('Bob')
                """,
                ACME);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .startsWith("Loading library acme from " + LIBRARIES.resolve("acme") + "\n")
                .containsSubsequence("Hello, Ada!", "Hello, world!", "HELLO, BOB!", "Finished: SUCCESS");
    }

    @Test
    void aVariablesPropertyKeepsItsValueForTheRestOfTheRun() {
        Runs.Run run = run(
                """
                @Library('acme') _
                echo "before: ${greet.salutation}"
                greet.salutation = 'Howdy'
                greet 'Ada'
                echo "after: ${greet.salutation}"
                """,
                ACME);
        assertThat(run.log()).containsSubsequence("before: Hello", "Howdy, Ada!", "after: Howdy");
    }

    @Test
    void aVariableCallsStepsOtherVariablesAndLibraryClasses() {
        Runs.Run run = run(
                """
                @Library('acme') _
                node {
                    def version = deploy target: 'production'
                    echo "returned ${version.tag()}"
                }
                """,
                ACME);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .containsSubsequence(
                        "+ echo deploying v1.2.0 to production",
                        "deploying v1.2.0 to production",
                        "deployed 1.2.0 to production as build 7",
                        "HELLO, PRODUCTION!",
                        "returned v1.2.0");
    }

    @Test
    void aVariableTakesABlock() {
        Runs.Run run = run(
                "@Library('acme') _\ndef answer = withBanner { echo 'inside'; 42 }\necho \"got ${answer}\"\n", ACME);
        assertThat(run.log()).containsSubsequence("== ACME ==", "inside", "== ACME ==", "got 42");
    }

    @Test
    void aVariableMayHideAStepAndStillCallItThroughSteps() {
        Runs.Run run = run(
                "@Library('team') _\necho 'hello'\nsteps.echo 'plain'\n",
                new LocalLibrary("team", LIBRARIES.resolve("variable-hiding-a-step")));
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("[team] hello\n").contains("\nplain\n");
    }

    @Test
    void theJenkinsfileAndTheVariablesShareTheLibrarysClasses() {
        Runs.Run run = run(
                """
                @Library('acme') import com.acme.Version
                Version fromVariable = greet.version()
                Version own = new Version('2.0.0')
                echo "${fromVariable.tag()} then ${own.tag()}, one class: ${fromVariable.getClass().is(Version)}"
                """,
                ACME);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("v1.2.0 then v2.0.0, one class: true");
    }

    @Test
    void aLibraryClassRunsStepsOnTheScriptItIsGiven() {
        Runs.Run run = run(
                """
                @Library('acme') _
                import com.acme.Notifier
                new Notifier(this).announce('release ready')
                """,
                ACME);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).containsSubsequence("[acme] release ready", "+ echo announced by ");
    }

    @Test
    void aVersionIsNotedAndIgnored() {
        Runs.Run run = run("@Library('acme@1.4') _\ngreet 'Ada'\n", ACME);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .startsWith("Loading library acme@1.4 from " + LIBRARIES.resolve("acme")
                        + " (version 1.4 ignored: a local library is used as it is)\n");
    }

    @Test
    void jenkinsOwnLibraryAnnotationMayBeImportedOrNamedInFull() {
        Runs.Run run = run(
                """
                import org.jenkinsci.plugins.workflow.libs.Library
                @Library('acme') _
                @org.jenkinsci.plugins.workflow.libs.Library('tools') import com.acme.Version
                stamp new Version('1.0.0').tag()
                """,
                ACME,
                TOOLS);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("stamped v1.0.0 with tools");
    }

    @Test
    void oneAnnotationLoadsSeveralLibraries() {
        Runs.Run run = run("@Library(['acme', 'tools@main']) _\ngreet 'Ada'\nstamp 'the release'\n", ACME, TOOLS);
        assertThat(run.log())
                .containsSubsequence(
                        "Loading library acme from ",
                        "Loading library tools@main from ",
                        "Hello, Ada!",
                        "stamped the release with tools");
    }

    @Test
    void libraryResourceReadsTheLibrarysResourcesFolder() {
        Runs.Run run = run(
                """
                @Library('acme') _
                echo libraryResource('banner.txt').trim()
                echo libraryResource(resource: 'banner.txt', encoding: 'Base64')
                """,
                ACME);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("== ACME ==\n", "PT0gQUNNRSA9PQo=\n");
    }

    @Test
    void aDeclarativePipelineUsesVariablesAndClassesInItsSteps() {
        Runs.Run run = run(
                """
                @Library('acme') _
                pipeline {
                    agent any
                    environment {
                        RELEASE = "${new com.acme.Version('3.0.0').tag()}"
                    }
                    stages {
                        stage('Deploy') {
                            steps {
                                greet 'Ada'
                                deploy target: 'staging'
                                script {
                                    new com.acme.Notifier(this).announce("released ${env.RELEASE}")
                                }
                            }
                        }
                    }
                    post {
                        always { greet.loudly('done') }
                    }
                }
                """,
                ACME);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .containsSubsequence(
                        "Hello, Ada!",
                        "deployed 1.2.0 to staging",
                        "[acme] released v3.0.0",
                        "HELLO, DONE!",
                        "Finished: SUCCESS");
    }

    @Test
    void theLibraryStepLoadsVariablesWhileTheJenkinsfileRuns() {
        Runs.Run run = run(
                """
                node {
                    def acme = library 'acme'
                    greet 'Ada'
                    echo acme.com.acme.Version.new('4.1.0').tag()
                    echo "${acme.com.acme.Version.SCHEME} ${acme.com.acme.Version.parse(' 5.0.0 ').tag()}"
                    library identifier: 'acme@main'
                }
                """,
                ACME);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .containsSubsequence(
                        "[Pipeline] library",
                        "Loading library acme from " + LIBRARIES.resolve("acme"),
                        "Hello, Ada!",
                        "v4.1.0",
                        "semver v5.0.0",
                        "[Pipeline] library",
                        "Only using first definition of library acme");
    }

    @Test
    void theStepsGlobalCallsAStepByName() {
        Runs.Run run = run("steps.echo 'through steps'\n");
        assertThat(run.log()).contains("through steps");
    }

    @Test
    void anUnknownStepListsTheLibraryVariablesAmongTheGlobals() {
        Runs.Run run = run("@Library('acme') _\n\ngreat 'Ada'\n", ACME);
        assertThat(run.log())
                .containsPattern("ERROR: No such DSL method 'great' found among steps \\[.*\\] or globals"
                        + " \\[currentBuild, deploy, env, greet, params, scm, withBanner\\] @ line 3");
    }

    @Test
    void aVariableCalledWithArgumentsItsCallDoesNotTakeFailsWithGroovysMessage() {
        Runs.Run run = run("@Library('acme') _\ngreet 1, 2\n", ACME);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("groovy.lang.MissingMethodException: No signature of method: greet.call() is applicable"
                        + " for argument types: (java.lang.Integer, java.lang.Integer) values: [1, 2]");
    }

    // Failures: each one line, with the Jenkinsfile's line where it has one.

    @Test
    void anAnnotationNamingALibraryNotGivenIsACompileError() {
        assertThatThrownBy(() -> JenkinsfileRunner.compile(
                        "echo 'first'\n@Library(['acme', 'nope', 'other@2']) _\n", List.of(ACME)))
                .isInstanceOf(JenkinsfileException.class)
                .hasMessage("WorkflowScript: 2: Could not find any definition of libraries [nope, other]; run with"
                        + " --library nope=PATH --library other=PATH @ line 2, column 1.\n1 error");
    }

    @Test
    void aLibraryWhoseFolderIsMissingIsACompileError() {
        Path missing = workspace.resolve("missing");
        assertThatThrownBy(() ->
                        JenkinsfileRunner.compile("@Library('acme') _\n", List.of(new LocalLibrary("acme", missing))))
                .isInstanceOf(JenkinsfileException.class)
                .hasMessage(
                        "WorkflowScript: 1: Library acme: no such folder " + missing + " @ line 1, column 1.\n1 error");
    }

    @Test
    void aFolderWithNeitherVarsNorSrcIsNoLibrary() {
        assertThatThrownBy(() -> JenkinsfileRunner.compile(
                        "\n  @Library('docs') _\n",
                        List.of(new LocalLibrary("docs", LIBRARIES.resolve("neither-vars-nor-src")))))
                .isInstanceOf(JenkinsfileException.class)
                .hasMessage(
                        "WorkflowScript: 2: Library docs expected to contain at least one of src or vars directories,"
                                + " in " + LIBRARIES.resolve("neither-vars-nor-src") + " @ line 2, column 3.\n1 error");
    }

    @Test
    void anAnnotationValueMustBeAConstantString() {
        assertThatThrownBy(() -> JenkinsfileRunner.compile("def name = 'acme'\n@Library(name) _\n", List.of(ACME)))
                .isInstanceOf(JenkinsfileException.class)
                .hasMessage("WorkflowScript: 2: @Library value ‘name’ was not a constant; did you mean to use the"
                        + " ‘library’ step instead? @ line 2, column 1.\n1 error");
    }

    @Test
    void aVariableThatDoesNotCompileIsOneLineAtItsFileLineAndColumn() {
        LocalLibrary broken = library("var-with-syntax-error");
        assertThatThrownBy(() ->
                        JenkinsfileRunner.compile("@Library('var-with-syntax-error') _\nfine()\n", List.of(broken)))
                .isInstanceOf(JenkinsfileException.class)
                .hasMessage(broken.folder().resolve("vars/broken.groovy") + ":3:2: expecting EOF, found '}'");
    }

    @Test
    void aClassThatDoesNotCompileIsOneLineAtItsFileLineAndColumn() {
        LocalLibrary broken = library("class-with-syntax-error");
        assertThatThrownBy(() -> JenkinsfileRunner.compile(
                        "@Library('class-with-syntax-error') import com.broken.Widget\nnew Widget()\n",
                        List.of(broken)))
                .isInstanceOf(JenkinsfileException.class)
                .hasMessage(broken.folder().resolve("src/com/broken/Widget.groovy") + ":5:1: unexpected token: }");
    }

    @Test
    void theLibraryStepNamingALibraryNotGivenFailsTheBuildAtItsLine() {
        Runs.Run run = run("echo 'first'\nlibrary 'nope@1.0'\necho 'never'\n", ACME);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("ERROR: No library named nope found; run with --library nope=PATH @ line 2")
                .doesNotContain("never");
    }

    @Test
    void theLibraryStepReportsAVariableThatDoesNotCompile() {
        LocalLibrary broken = library("var-with-syntax-error");
        Runs.Run run = run("library 'var-with-syntax-error'\n", broken);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains(
                        "ERROR: " + broken.folder().resolve("vars/broken.groovy") + ":3:2: expecting EOF, found '}'\n");
    }

    @Test
    void libraryResourceFailsWithJenkinsMessages() {
        assertThat(run("@Library('acme') _\n\necho libraryResource('missing.txt')\n", ACME)
                        .log())
                .contains("ERROR: No such library resource missing.txt could be found. @ line 3");
        assertThat(run("@Library('acme') _\necho libraryResource('../vars/greet.groovy')\n", ACME)
                        .log())
                .contains("ERROR: ../vars/greet.groovy references a file that is not contained within the library:"
                        + " acme @ line 2");
        assertThat(run("@Library(['acme', 'tools']) _\necho libraryResource('banner.txt')\n", ACME, TOOLS)
                        .log())
                .contains("ERROR: Library resource banner.txt ambiguous among libraries [acme, tools] @ line 2");
    }
}
