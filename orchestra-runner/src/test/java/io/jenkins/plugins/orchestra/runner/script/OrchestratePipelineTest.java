package io.jenkins.plugins.orchestra.runner.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class OrchestratePipelineTest {
    @TempDir
    Path workspace;

    @Test
    void runsADiamondStartingEachStageWhenItsNeedsAreDoneAndPassesOutputs() {
        Runs.Run run = Runs.run(
                workspace,
                """
                def latch = new java.util.concurrent.CountDownLatch(2)
                orchestrate {
                    stage('a') { echo 'a runs'; [version: '1.2'] }
                    stage('b', needs: ['a']) { inputs ->
                        latch.countDown(); latch.await()
                        echo "b sees ${inputs.a.version}"
                        [b: 'done']
                    }
                    stage('c', needs: ['a']) { latch.countDown(); latch.await(); echo 'c runs' }
                    stage('d', needs: ['b', 'c']) { inputs -> echo "d sees ${inputs.b.b}" }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .containsSubsequence("a runs", "d sees done")
                .contains("[b] b sees 1.2", "[c] c runs", "[orchestrate] 4 stages")
                .contains("Critical path (");
        assertThat(run.outcome().stages()).extracting(StageRecord::name).contains("a", "b", "c", "d");
    }

    @Test
    void retriesAFlakyStageAndHaltsBranchOnlyWhereAsked() {
        Runs.Run run = Runs.run(
                workspace,
                """
                orchestrate(maxParallel: 2) {
                    stage('flaky', retry: [count: 2, backoff: '10ms']) {
                        sh 'n=$(cat n 2>/dev/null || echo 0); echo $((n+1)) > n; [ $(cat n) -ge 2 ]'
                    }
                    stage('eu', failurePolicy: 'haltBranch') { error 'eu is down' }
                    stage('verify-eu', needs: 'eu') { echo 'never' }
                    stage('us') { echo 'us deployed' }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("'flaky' attempt 1 failed (error: script returned exit code 1); retrying in 10ms")
                .contains("us deployed")
                .contains("Stage \"verify-eu\" skipped: needs 'eu', which failed")
                .contains("ERROR: orchestrate failed: 'eu' (error: eu is down)")
                .doesNotContain("never");
    }

    @Test
    void evaluatesConditionsAsksApproversAndRollsBackOnFailure() {
        List<String> asked = new CopyOnWriteArrayList<>();
        InputProvider approvers = (message, ok, submitters, parameters) -> {
            asked.add(message + " " + submitters);
            return new InputProvider.Answer(true, submitters.get(asked.size() - 1), Map.of());
        };
        Runs.Run run = Runs.run(
                workspace,
                """
                orchestrate {
                    stage('db', rollback: { echo 'restoring db' }) { [snapshot: 's-1'] }
                    stage('docs', needs: 'db', when: [trigger: 'always', condition: { params.DOCS == 'yes' }]) { echo 'docs' }
                    stage('prod', needs: 'db', rollback: { outputs -> echo 'undeploying' },
                          approval: [approvers: ['alice', 'bob'], quorum: 2, message: 'Ship?']) { echo 'shipped' }
                    stage('smoke', needs: 'prod') { error 'smoke failed' }
                    stage('notify', finally: true) { echo 'notified' }
                }
                """,
                Map.of("DOCS", "no"),
                approvers);
        assertThat(asked).containsExactly("Ship? [alice, bob]", "Ship? [alice, bob]");
        assertThat(run.log())
                .contains("Stage \"docs\" skipped: its condition is false: the when condition on line 3")
                .containsSubsequence("shipped", "undeploying", "restoring db", "notified")
                .contains("'prod' waits for approval by alice, bob");
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void worksInsideADeclarativeScriptBlock() {
        Runs.Run run = Runs.run(
                workspace,
                """
                pipeline {
                    agent any
                    stages {
                        stage('Deliver') {
                            steps {
                                script {
                                    orchestrate(failFast: true) {
                                        stage('build') { echo 'built' }
                                        stage('test', needs: 'build') { echo 'tested' }
                                    }
                                }
                            }
                        }
                    }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).containsSubsequence("built", "tested", "Finished: SUCCESS");
    }

    @Test
    void refusesAnInvalidGraphNamingEveryProblemAndItsLine() {
        Runs.Run run = Runs.run(
                workspace,
                """
                orchestrate {
                    stage('a', needs: 'c') { echo 'a' }
                    stage('b', needs: 'a') { echo 'b' }
                    stage('c', needs: 'b') { echo 'c' }
                    stage('d', neds: 'a') { echo 'd' }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("line 5: stage 'd': neds is not a stage argument (did you mean 'needs'?)")
                .contains("closes a cycle: a → b → c → a")
                .doesNotContain("[Pipeline] { (a)");
    }

    @Test
    void refusesAStageWhoseNameIsNotTextNamingItsLineInsteadOfDroppingIt() {
        Runs.Run run = Runs.run(
                workspace,
                """
                orchestrate {
                    stage('a') { echo 'a ran' }
                    stage(42) { echo '42 ran' }
                }
                """);
        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("line 3: name must be text in quotes, was 42 (Integer)")
                .doesNotContain("a ran")
                .doesNotContain("42 ran");
    }

    @Test
    void aStageTimeoutAbortsItsBodyAndCountsAsATimeout() {
        Runs.Run run = Runs.run(
                workspace,
                """
                orchestrate {
                    stage('slow', timeout: '1s', failurePolicy: 'ignore') { sh 'sleep 30' }
                    stage('next', needs: 'slow') { echo 'went on' }
                }
                """);
        assertThat(run.log()).contains("failed, ignored because its failurePolicy is ignore", "went on");
        assertThat(run.result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(run.outcome().duration()).isLessThan(Duration.ofSeconds(25));
    }
}
