package io.jenkins.plugins.orchestra.runner.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ScriptedPipelineTest {
    @TempDir
    Path workspace;

    @Test
    void runsStagesInOrderAndEndsWithFinishedSuccess() {
        Runs.Run run = Runs.run(
                workspace,
                """
                node {
                    stage('Build') {
                        echo "building #${env.BUILD_NUMBER}"
                    }
                    stage('Test') {
                        echo 'testing'
                    }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .contains("[Pipeline] { (Build)\n[Pipeline] echo\nbuilding #7\n")
                .containsSubsequence("building #7", "testing", "Finished: SUCCESS");
        assertThat(run.outcome().stages()).extracting(StageRecord::name).containsExactly("Build", "Test");
    }

    @Test
    void runsParallelBranchesAtTheSameTime() {
        Runs.Run run = Runs.run(
                workspace,
                """
                def latch = new java.util.concurrent.CountDownLatch(2)
                parallel(
                    a: { latch.countDown(); if (!latch.await(10, java.util.concurrent.TimeUnit.SECONDS)) { error 'a alone' } ; echo 'a done' },
                    b: { latch.countDown(); if (!latch.await(10, java.util.concurrent.TimeUnit.SECONDS)) { error 'b alone' } ; echo 'b done' }
                )
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("[a] a done", "[b] b done");
    }

    @Test
    void failsTheBuildWithTheFirstFailingBranchAfterAllBranchesEnded() {
        Runs.Run run = Runs.run(
                workspace,
                """
                parallel(
                    fast: { error 'fast broke' },
                    slow: { sleep(time: 300, unit: 'MILLISECONDS'); echo 'slow finished' }
                )
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log()).contains("[slow] slow finished", "Failed in branch fast", "ERROR: fast broke");
    }

    @Test
    void failFastAbortsTheOtherBranches() {
        Runs.Run run = Runs.run(
                workspace,
                """
                parallel(
                    fast: { error 'fast broke' },
                    slow: { sleep 30; echo 'slow finished' },
                    failFast: true
                )
                """);
        assertThat(run.log()).doesNotContain("slow finished").contains("ERROR: fast broke");
        assertThat(run.outcome().duration()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void tryCatchFinallyWorksAroundFailingSteps() {
        Runs.Run run = Runs.run(
                workspace,
                """
                try {
                    sh 'exit 3'
                } catch (e) {
                    echo "caught: ${e.message}"
                } finally {
                    echo 'cleanup'
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("caught: script returned exit code 3", "cleanup");
    }

    @Test
    void shReturnsStdoutAndStatusAndSeesTheEnvironment() {
        Runs.Run run = Runs.run(
                workspace,
                """
                def out = sh(script: 'echo "hello $GREETING"', returnStdout: true).trim()
                def status = sh(script: 'exit 4', returnStatus: true)
                withEnv(['GREETING=world']) {
                    echo sh(script: 'echo "hello $GREETING"', returnStdout: true).trim()
                }
                echo "out=${out} status=${status}"
                """);
        assertThat(run.log()).contains("hello world", "out=hello status=4");
    }

    @Test
    void timeoutKillsALongShAndAbortsTheBuild() {
        Runs.Run run = Runs.run(
                workspace,
                """
                timeout(time: 1, unit: 'SECONDS') {
                    sh 'sleep 60'
                }
                echo 'not reached'
                """);
        assertThat(run.result()).isEqualTo(BuildResult.ABORTED);
        assertThat(run.log()).contains("Timeout has been exceeded").doesNotContain("not reached");
        assertThat(run.outcome().duration()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void retryRunsTheBlockAgainUntilItPasses() throws Exception {
        Runs.Run run = Runs.run(
                workspace,
                """
                retry(3) {
                    sh 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; [ $n -ge 3 ]'
                }
                echo "after ${readFile('count').trim()} attempts"
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("Retrying", "after 3 attempts");
    }

    @Test
    void catchErrorAndWarnErrorSetTheBuildResultAndGoOn() {
        Runs.Run run = Runs.run(
                workspace,
                """
                stage('a') { warnError('flaky') { error 'boom' } }
                echo "now ${currentBuild.currentResult}"
                catchError(buildResult: 'FAILURE', stageResult: 'FAILURE') { error 'worse' }
                echo 'still running'
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log()).contains("ERROR: flaky", "now UNSTABLE", "ERROR: worse", "still running");
        assertThat(run.outcome().stages().get(0).result()).isEqualTo(BuildResult.UNSTABLE);
    }

    @Test
    void unstableMarksTheStageAndTheBuild() {
        Runs.Run run = Runs.run(workspace, "stage('t') { unstable 'flaky tests' }");
        assertThat(run.result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(run.log()).contains("WARNING: flaky tests");
    }

    @Test
    void filesAreReadAndWrittenRelativeToDir() throws Exception {
        Runs.Run run = Runs.run(
                workspace,
                """
                dir('out') {
                    writeFile file: 'a.txt', text: 'alpha'
                    echo "exists=${fileExists('a.txt')} in ${pwd()}"
                }
                echo readFile('out/a.txt')
                """);
        assertThat(Files.readString(workspace.resolve("out/a.txt"))).isEqualTo("alpha");
        assertThat(run.log()).contains("exists=true in " + workspace.resolve("out"), "alpha");
    }

    @Test
    void envWritesLastForTheRestOfTheBuildAndParamsAreReadable() {
        Runs.Run run = Runs.run(
                workspace,
                """
                env.TARGET = 'staging'
                echo "target=${env.TARGET} param=${params.VERSION}"
                """,
                Map.of("VERSION", "1.2"));
        assertThat(run.log()).contains("target=staging param=1.2");
    }

    @Test
    void anUnknownStepFailsLikeJenkinsWithItsLine() {
        Runs.Run run = Runs.run(workspace, "echo 'a'\nbuidl 'x'\n");
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .containsPattern("ERROR: No such DSL method 'buidl' found among steps \\[archiveArtifacts, "
                        + ".*\\] or globals \\[currentBuild, env, params, scm\\] @ line 2");
    }

    @Test
    void anUndefinedVariableNamesItsLine() {
        Runs.Run run = Runs.run(workspace, "echo 'a'\n\necho nope\n");
        assertThat(run.log())
                .contains("groovy.lang.MissingPropertyException: No such property: nope for class: WorkflowScript"
                        + " @ line 3");
    }

    @Test
    void sleepIsTheStepInSecondsEvenInsideBlocks() {
        Runs.Run run = Runs.run(workspace, "stage('s') { sleep 1 }\nprintln 'printed to the log'");
        assertThat(run.log()).contains("Sleeping for 1 seconds", "printed to the log");
        assertThat(run.outcome().stages().get(0).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void nonCpsMethodsAreAccepted() {
        Runs.Run run = Runs.run(
                workspace,
                """
                @NonCPS
                def sorted(list) { list.sort() }
                echo sorted([3, 1, 2]).toString()
                """);
        assertThat(run.log()).contains("[1, 2, 3]");
    }

    @Test
    void jenkinsOwnNonCpsAnnotationMayBeImportedOrNamedInFull() {
        Runs.Run run = Runs.run(
                workspace,
                """
                import com.cloudbees.groovy.cps.NonCPS
                @NonCPS
                def sorted(list) { list.sort() }
                @com.cloudbees.groovy.cps.NonCPS
                def reversed(list) { list.reverse() }
                echo "${sorted([3, 1, 2])} ${reversed([1, 2])}"
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("[1, 2, 3] [2, 1]");
    }

    @Test
    void aSyntaxErrorIsOneErrorWithItsLineAndColumn() {
        assertThatThrownBy(() -> JenkinsfileRunner.compile("node {\n  echo 'a'\n}}\n"))
                .isInstanceOf(JenkinsfileException.class)
                .hasMessageStartingWith("WorkflowScript: 3: expecting EOF, found '}' @ line 3, column 2.")
                .hasMessageEndingWith("1 error");
    }

    @Test
    void archivesArtifactsAndStashesFilesBetweenStages() throws Exception {
        Runs.Run run = Runs.run(
                workspace,
                """
                stage('build') {
                    writeFile file: 'out/app.jar', text: 'jar'
                    writeFile file: 'out/notes.txt', text: 'notes'
                    writeFile file: 'app.jar', text: 'top'
                    archiveArtifacts artifacts: '**/*.jar'
                    stash name: 'bin', includes: 'out/**', excludes: '**/*.txt'
                }
                stage('test') {
                    dir('elsewhere') {
                        unstash 'bin'
                        echo "unstashed: ${fileExists('out/app.jar')} ${fileExists('out/notes.txt')}"
                    }
                }
                archiveArtifacts artifacts: 'missing/*.zip'
                """);
        Path archive = workspace.resolve(".orchestra/runs/7/archive");
        assertThat(archive.resolve("out/app.jar")).hasContent("jar");
        assertThat(archive.resolve("app.jar")).hasContent("top");
        assertThat(run.log()).contains("unstashed: true false");
        assertThat(run.log())
                .contains(
                        "ERROR: No artifacts found that match the file pattern \"missing/*.zip\". Configuration error?");
    }
}
