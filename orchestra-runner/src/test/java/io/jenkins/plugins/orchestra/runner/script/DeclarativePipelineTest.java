package io.jenkins.plugins.orchestra.runner.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DeclarativePipelineTest {
    @TempDir
    Path workspace;

    @Test
    void runsStagesWithEnvironmentWhenAndPost() {
        Runs.Run run = Runs.run(
                workspace,
                """
                pipeline {
                    agent any
                    environment {
                        APP = 'shop'
                        TAG = "${APP}-${env.BUILD_NUMBER}"
                    }
                    stages {
                        stage('Build') {
                            steps {
                                echo "building ${TAG}"
                            }
                        }
                        stage('Deploy') {
                            when { branch 'release-*' }
                            steps { echo 'deploying' }
                        }
                        stage('Publish') {
                            when { expression { params.PUBLISH } }
                            steps { echo 'publishing' }
                        }
                        stage('Report') {
                            when {
                                allOf {
                                    branch 'main'
                                    expression { return env.APP == 'shop' }
                                }
                            }
                            environment { WHERE = 'local' }
                            steps { echo "report from ${WHERE}" }
                        }
                    }
                    post {
                        always { echo 'post always' }
                        success { echo 'post success' }
                        failure { echo 'post failure' }
                    }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .containsSubsequence(
                        "building shop-7",
                        "Stage \"Deploy\" skipped due to when conditional",
                        "Stage \"Publish\" skipped due to when conditional",
                        "report from local",
                        "post always",
                        "post success",
                        "Finished: SUCCESS")
                .doesNotContain("deploying", "publishing", "post failure");
    }

    @Test
    void skipsTheStagesAfterAFailureAndRunsPostFailure() {
        Runs.Run run = Runs.run(
                workspace,
                """
                pipeline {
                    agent any
                    stages {
                        stage('Test') {
                            steps { sh 'exit 2' }
                            post { failure { echo 'stage post failure' } }
                        }
                        stage('Package') { steps { echo 'packaging' } }
                    }
                    post { failure { echo 'pipeline post failure' } }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .containsSubsequence(
                        "stage post failure",
                        "Stage \"Package\" skipped due to earlier failure(s)",
                        "pipeline post failure",
                        "ERROR: script returned exit code 2",
                        "Finished: FAILURE")
                .doesNotContain("packaging");
    }

    @Test
    void runsParallelStagesConcurrently() {
        Runs.Run run = Runs.run(
                workspace,
                """
                def latch = new java.util.concurrent.CountDownLatch(2)
                pipeline {
                    agent any
                    stages {
                        stage('Checks') {
                            parallel {
                                stage('Unit') { steps { script { latch.countDown(); latch.await() }; echo 'unit ok' } }
                                stage('Lint') { steps { script { latch.countDown(); latch.await() }; echo 'lint ok' } }
                            }
                        }
                    }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("[Unit] unit ok", "[Lint] lint ok");
    }

    @Test
    void expandsAMatrixIntoCellsWithTheirAxisValues() {
        Runs.Run run = Runs.run(
                workspace,
                """
                pipeline {
                    agent any
                    stages {
                        stage('Matrix') {
                            matrix {
                                axes {
                                    axis { name 'OS'; values 'linux', 'mac' }
                                    axis { name 'JDK'; values '17', '21' }
                                }
                                excludes {
                                    exclude {
                                        axis { name 'OS'; values 'mac' }
                                        axis { name 'JDK'; values '17' }
                                    }
                                }
                                stages {
                                    stage('Build') { steps { echo "cell ${OS}/${JDK}" } }
                                }
                            }
                        }
                    }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .contains("cell linux/17", "cell linux/21", "cell mac/21")
                .doesNotContain("cell mac/17");
    }

    @Test
    void parametersHaveTheirDefaultsUnlessGiven() {
        String jenkinsfile =
                """
                pipeline {
                    agent any
                    parameters {
                        string(name: 'TARGET', defaultValue: 'staging')
                        booleanParam(name: 'DRY', defaultValue: true)
                    }
                    stages { stage('Show') { steps { echo "target=${params.TARGET} dry=${params.DRY}" } } }
                }
                """;
        assertThat(Runs.run(workspace, jenkinsfile).log()).contains("target=staging dry=true");
        assertThat(Runs.run(workspace, jenkinsfile, Map.of("TARGET", "prod")).log())
                .contains("target=prod dry=true");
    }

    @Test
    void aStageInputWaitsForAnAllowedSubmitter() {
        List<String> asked = new CopyOnWriteArrayList<>();
        InputProvider alice = (message, ok, submitters, parameters) -> {
            asked.add(message + "|" + ok + "|" + submitters);
            return new InputProvider.Answer(true, "alice", Map.of());
        };
        Runs.Run run = Runs.run(
                workspace,
                """
                pipeline {
                    agent any
                    stages {
                        stage('Prod') {
                            input { message 'Ship it?'; ok 'Ship'; submitter 'alice,bob' }
                            steps { echo 'shipping' }
                        }
                    }
                }
                """,
                Map.of(),
                alice);
        assertThat(asked).containsExactly("Ship it?|Ship|[alice, bob]");
        assertThat(run.log()).contains("Approved by alice", "shipping");
    }

    @Test
    void anInputAnsweredBySomeoneElseAbortsTheBuild() {
        InputProvider mallory =
                (message, ok, submitters, parameters) -> new InputProvider.Answer(true, "mallory", Map.of());
        Runs.Run run =
                Runs.run(workspace, "input message: 'Ship?', submitter: 'alice'\necho 'shipped'", Map.of(), mallory);
        assertThat(run.result()).isEqualTo(BuildResult.ABORTED);
        assertThat(run.log())
                .contains("'mallory' may not answer this input; submitters are alice")
                .doesNotContain("shipped");
    }

    @Test
    void stageOptionsRetryAndTimeoutApply() {
        Runs.Run run = Runs.run(
                workspace,
                """
                pipeline {
                    agent any
                    stages {
                        stage('Flaky') {
                            options { retry(2) }
                            steps { sh 'test -f marker || { touch marker; exit 1; }' }
                        }
                        stage('Slow') {
                            options { timeout(time: 1, unit: 'SECONDS') }
                            steps { sh 'sleep 30' }
                        }
                    }
                }
                """);
        assertThat(run.log()).contains("Retrying", "Timeout has been exceeded");
        assertThat(run.result()).isEqualTo(BuildResult.ABORTED);
    }

    @Test
    void eachFailedParallelBranchKeepsItsOwnErrorAndTheOthersNone() {
        Runs.Run run = Runs.run(
                workspace,
                """
                pipeline {
                    agent any
                    stages {
                        stage('smoke') {
                            parallel {
                                stage('print') {
                                    steps { sh 'exit 3' }
                                }
                                stage('refuse') {
                                    steps { sleep 2; error 'refused by the branch' }
                                }
                                stage('quiet') {
                                    steps { echo 'fine' }
                                }
                            }
                        }
                    }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        Map<String, String> errors = new java.util.HashMap<>();
        for (StageRecord s : run.outcome().stages()) {
            errors.put(s.name(), String.valueOf(s.error()));
        }
        assertThat(errors.get("refuse")).as(run.outcome().stages().toString()).isEqualTo("refused by the branch");
        assertThat(errors.get("print")).doesNotContain("refused").contains("3");
        // a branch that starts after another failed is skipped; either way no other branch's error is its own
        assertThat(errors.get("quiet")).isIn("null", "skipped due to earlier failure(s)");
        assertThat(errors.get("smoke")).doesNotContain("refused");
        assertThat(errors.get("quiet")).doesNotContain("exit code");
    }
}
