package io.jenkins.plugins.orchestra.runner.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class StepJournalTest {
    @TempDir
    Path workspace;

    private List<String> count() throws Exception {
        Path count = workspace.resolve("count");
        return Files.exists(count) ? Files.readAllLines(count) : List.of();
    }

    @Test
    void recordsEachCompletedLeafCallUnderItsBranchAndNumberButNoBlocks() throws Exception {
        JournaledRun run = new JournaledRun(workspace);
        JournaledRun.Result result = run.run(
                """
                node {
                    stage('Build') {
                        echo 'building'
                        def version = sh(script: 'echo 4.2', returnStdout: true)
                        writeFile file: 'version', text: version
                    }
                    parallel one: { echo 'a'; fileExists 'version' }, two: { dir('sub') { pwd() } }
                    echo 'done'
                }
                """);
        assertThat(result.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.lines())
                .containsExactlyInAnyOrder(
                        "{\"key\":\"main#1\",\"step\":\"echo\",\"value\":null}",
                        "{\"key\":\"main#2\",\"step\":\"sh\",\"value\":\"4.2\\n\"}",
                        "{\"key\":\"main#3\",\"step\":\"writeFile\",\"value\":null}",
                        "{\"key\":\"one#1\",\"step\":\"echo\",\"value\":null}",
                        "{\"key\":\"one#2\",\"step\":\"fileExists\",\"value\":true}",
                        "{\"key\":\"two#1\",\"step\":\"pwd\",\"value\":\""
                                + workspace.resolve("sub").toString().replace("\\", "\\\\") + "\"}",
                        "{\"key\":\"main#4\",\"step\":\"echo\",\"value\":null}");
        assertThat(run.lines().get(0)).startsWith("{\"key\":\"main#1\"");
        assertThat(run.lines().get(run.lines().size() - 1)).startsWith("{\"key\":\"main#4\"");
    }

    @Test
    void givesBackWhatCompletedCallsReturnedWithoutRunningThemAgain() throws Exception {
        String jenkinsfile =
                """
                def v = sh(script: 'echo one >> count; echo 1.0', returnStdout: true).trim()
                def status = sh(script: 'echo two >> count; exit 3', returnStatus: true)
                sh 'echo three >> count'
                echo "version ${v}, status ${status}"
                """;
        JournaledRun run = new JournaledRun(workspace);
        run.run(jenkinsfile);
        assertThat(count()).containsExactly("one", "two", "three");
        run.crashAfter(2);

        JournaledRun.Result resumed = run.resume(jenkinsfile);

        assertThat(resumed.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(count()).containsExactly("one", "two", "three", "three");
        assertThat(resumed.skipped()).isEqualTo(2);
        assertThat(resumed.log())
                .containsSubsequence(
                        "[resume] skipped sh (completed before the run stopped)",
                        "[resume] skipped sh (completed before the run stopped)",
                        "[resume] running sh: it had not completed when the run stopped",
                        "version 1.0, status 3");
        assertThat(run.lines()).hasSize(4);
    }

    @Test
    void throwsARecordedStepErrorAgainSoTheJenkinsfileTakesTheSamePath() throws Exception {
        String jenkinsfile =
                """
                try {
                    sh 'echo tried >> count; exit 4'
                } catch (e) {
                    println "caught: ${e.message}"
                }
                catchError(buildResult: 'UNSTABLE') {
                    timeout(time: 50, unit: 'MILLISECONDS') { sh 'echo waited >> count; sleep 5' }
                }
                sh 'echo after >> count'
                """;
        JournaledRun run = new JournaledRun(workspace);
        assertThat(run.run(jenkinsfile).result()).isEqualTo(BuildResult.ABORTED);
        assertThat(run.lines().get(1))
                .isEqualTo(
                        "{\"key\":\"main#2\",\"step\":\"sh\",\"error\":{\"message\":\"script was aborted: interrupted\","
                                + "\"interrupted\":true,\"result\":\"ABORTED\"}}");
        run.crashAfter(2);

        JournaledRun.Result resumed = run.resume(jenkinsfile);

        assertThat(count()).containsExactly("tried", "waited", "after", "after");
        assertThat(resumed.result()).isEqualTo(BuildResult.ABORTED);
        assertThat(resumed.log())
                .contains("[resume] skipped sh (failed before the run stopped: script returned exit code 4)")
                .contains("caught: script returned exit code 4");
    }

    @Test
    void keepsTheCallsOfParallelBranchesApart() throws Exception {
        String jenkinsfile =
                """
                parallel(
                    a: { sh 'echo a1 >> count-a'; sh 'echo a2 >> count-a'; sh 'echo a3 >> count-a' },
                    b: { sh 'echo b1 >> count-b'; parallel(x: { sh 'echo bx >> count-b' }) }
                )
                """;
        JournaledRun run = new JournaledRun(workspace);
        run.run(jenkinsfile);
        List<String> all = run.lines();
        Files.write(
                run.journal(),
                all.stream()
                        .filter(l -> l.contains("\"a#1\"") || l.contains("\"b#1\""))
                        .toList());

        JournaledRun.Result resumed = run.resume(jenkinsfile);

        assertThat(resumed.skipped()).isEqualTo(2);
        assertThat(Files.readAllLines(workspace.resolve("count-a"))).containsExactly("a1", "a2", "a3", "a2", "a3");
        assertThat(Files.readAllLines(workspace.resolve("count-b"))).containsExactly("b1", "bx", "bx");
        assertThat(resumed.log())
                .contains("[a] [resume] skipped sh", "[b] [resume] skipped sh")
                .contains("[a] [resume] running sh: it had not completed when the run stopped")
                .doesNotContain("[b/x] [resume]");
    }

    @Test
    void givesBackAnInputAnswerWithoutAskingAgain() throws Exception {
        String jenkinsfile =
                """
                def target = input message: 'Where to?', parameters: [string(name: 'TARGET', defaultValue: 'x')]
                sh "echo ${target} >> count"
                """;
        AtomicInteger asked = new AtomicInteger();
        InputProvider answers = (message, ok, submitters, parameters) -> {
            asked.incrementAndGet();
            return new InputProvider.Answer(true, "alice", Map.of("TARGET", "staging"));
        };
        JournaledRun run = new JournaledRun(workspace).input(answers);
        run.run(jenkinsfile);
        assertThat(run.lines().get(1)).isEqualTo("{\"key\":\"main#2\",\"step\":\"input\",\"value\":\"staging\"}");
        run.crashAfter(2);

        JournaledRun.Result resumed = run.input(InputProvider.unattended()).resume(jenkinsfile);

        assertThat(resumed.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(asked).hasValue(1);
        assertThat(count()).containsExactly("staging", "staging");
        assertThat(resumed.log()).contains("[resume] skipped input (completed before the run stopped)");
    }

    @Test
    void neverWritesASecretToTheJournalAndRunsSuchCallsAgain() throws Exception {
        String jenkinsfile =
                """
                withCredentials([string(credentialsId: 'token', variable: 'TOKEN')]) {
                    def echoed = sh(script: 'echo once >> count; echo "$TOKEN"', returnStdout: true)
                    sh 'echo twice >> count'
                }
                """;
        JournaledRun run =
                new JournaledRun(workspace).credentials(id -> new StringCredential(id, Secret.of("s3cr3t-t0ken")));
        run.run(jenkinsfile);
        assertThat(Files.readString(run.journal(), StandardCharsets.UTF_8)).doesNotContain("s3cr3t-t0ken");
        assertThat(run.lines()).anySatisfy(l -> assertThat(l).contains("\"rerun\":\"its result holds a secret\""));
        run.crashAfter(run.lines().size() - 1);

        JournaledRun.Result resumed = run.resume(jenkinsfile);

        assertThat(count()).containsExactly("once", "twice", "once", "twice");
        assertThat(resumed.log()).contains("[resume] running sh again: its result holds a secret");
    }

    @Test
    void runsUnstableAgainSoTheResumedBuildIsStillUnstable() throws Exception {
        String jenkinsfile = "unstable 'flaky'\nsh 'echo after >> count'\n";
        JournaledRun run = new JournaledRun(workspace);
        run.run(jenkinsfile);
        run.crashAfter(1);

        JournaledRun.Result resumed = run.resume(jenkinsfile);

        assertThat(resumed.result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(resumed.log()).contains("WARNING: flaky");
    }

    @Test
    void stopsReplayingWhereTheJenkinsfileTakesAnotherPathAndDropsTheRecordsItDidNotUse() throws Exception {
        String jenkinsfile =
                """
                sh 'echo first >> count'
                if (new File("${env.WORKSPACE}/other-path").exists()) {
                    echo 'the other path'
                }
                sh 'echo second >> count'
                sh 'echo third >> count'
                """;
        JournaledRun run = new JournaledRun(workspace);
        run.run(jenkinsfile);
        run.crashAfter(2);
        Files.writeString(workspace.resolve("other-path"), "");

        JournaledRun.Result resumed = run.resume(jenkinsfile);

        assertThat(resumed.log())
                .contains("[resume] WARNING: call main#2 is echo, but was sh before the run stopped: the Jenkinsfile"
                        + " took another path, so from here on every step runs again");
        assertThat(count()).containsExactly("first", "second", "third", "second", "third");
        assertThat(run.lines())
                .extracting(l -> l.substring(0, l.indexOf(",\"value\"")))
                .containsExactly(
                        "{\"key\":\"main#1\",\"step\":\"sh\"",
                        "{\"key\":\"main#2\",\"step\":\"echo\"",
                        "{\"key\":\"main#3\",\"step\":\"sh\"",
                        "{\"key\":\"main#4\",\"step\":\"sh\"");
    }

    @Test
    void toleratesATornLastLineAndCutsItOffBeforeAppending() throws Exception {
        String jenkinsfile = "sh 'echo one >> count'\nsh 'echo two >> count'\n";
        JournaledRun run = new JournaledRun(workspace);
        run.run(jenkinsfile);
        String first = run.lines().get(0);
        Files.writeString(run.journal(), first + "\n{\"key\":\"main#2\",\"st");

        JournaledRun.Result resumed = run.resume(jenkinsfile);

        assertThat(resumed.skipped()).isEqualTo(1);
        assertThat(count()).containsExactly("one", "two", "two");
        assertThat(run.lines()).hasSize(2).allSatisfy(l -> assertThat(l).endsWith("}"));
    }

    @Test
    void refusesAJournalWithAnUnreadableLineBeforeTheLast() throws Exception {
        JournaledRun run = new JournaledRun(workspace);
        run.run("sh 'true'\nsh 'true'\n");
        Files.write(run.journal(), List.of("{\"key\":\"main\"}", run.lines().get(1)));

        assertThatThrownBy(() -> run.resume("sh 'true'\n"))
                .isInstanceOf(ResumeException.class)
                .hasMessageEndingWith(
                        "steps.jsonl line 1 is not a step record: key must be <branch>#<number>, was 'main'");
    }

    @Test
    void givesBackOnlyResultsThatReadBackAsTheyWere() throws Exception {
        String jenkinsfile =
                """
                def list = readFile('list').readLines()
                def when = sh(script: 'echo 1 >> count', returnStatus: true)
                echo "${list} ${when}"
                """;
        Files.writeString(workspace.resolve("list"), "a\nb\n");
        JournaledRun run = new JournaledRun(workspace);
        run.run(jenkinsfile);
        assertThat(run.lines().get(0)).isEqualTo("{\"key\":\"main#1\",\"step\":\"readFile\",\"value\":\"a\\nb\\n\"}");
        assertThat(run.lines().get(1)).isEqualTo("{\"key\":\"main#2\",\"step\":\"sh\",\"value\":0}");
        run.crashAfter(2);

        assertThat(run.resume(jenkinsfile).log()).contains("[a, b] 0");
        assertThat(count()).containsExactly("1");
    }
}
