package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ResumeTest {
    private static final String PIPELINE =
            """
            pipeline {
                agent any
                parameters { string(name: 'GREETING', defaultValue: 'hello') }
                stages {
                    stage('One') { steps { sh "echo ${params.GREETING} >> count1" } }
                    stage('Two') { steps { sh 'echo two >> count2'; writeFile file: 'done', text: "branch ${env.BRANCH_NAME}" } }
                }
            }
            """;

    @TempDir
    Path project;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int orchestra(String... args) {
        out.reset();
        err.reset();
        return Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path run1() {
        return project.resolve(".orchestra/runs/1");
    }

    /** Runs {@link #PIPELINE} to its end, then makes run 1 look as if it had died after its first step. */
    private void runThatDiedAfterStageOne() throws Exception {
        Files.writeString(project.resolve("Jenkinsfile"), PIPELINE);
        assertThat(orchestra(
                        "run", project.resolve("Jenkinsfile").toString(), "--param", "GREETING=hi", "--branch", "rel"))
                .isZero();
        List<String> journal = Files.readAllLines(run1().resolve("steps.jsonl"));
        Files.write(run1().resolve("steps.jsonl"), journal.subList(0, 1));
        Files.delete(run1().resolve("summary.json"));
        Files.delete(project.resolve("done"));
    }

    @Test
    void runJsonIsWholeBeforeTheFirstStepActs() throws Exception {
        Files.writeString(
                project.resolve("Jenkinsfile"),
                "node { sh 'cp .orchestra/runs/1/run.json seen.json && test ! -e .orchestra/runs/1/run.json.partial' }");

        assertThat(orchestra("run", project.resolve("Jenkinsfile").toString()))
                .as(printed())
                .isZero();

        assertThat(project.resolve("seen.json")).content().contains("\"jenkinsfile\"");
    }

    @Test
    void aRunKilledBeforeItsFirstStepIsToBeStartedAgain() throws Exception {
        Files.createDirectories(run1());
        Files.writeString(project.resolve("Jenkinsfile"), PIPELINE);

        assertThat(orchestra("resume", "1", "--workspace", project.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8) + printed())
                .contains("it stopped before its first step ran")
                .contains("start it again with orchestra run");
    }

    @Test
    void savesWhatResumeNeedsWhenARunStarts() throws Exception {
        Files.writeString(project.resolve("Jenkinsfile"), PIPELINE);
        assertThat(orchestra("run", project.resolve("Jenkinsfile").toString(), "--param", "GREETING=hi"))
                .isZero();
        assertThat(Files.readString(run1().resolve("Jenkinsfile"))).isEqualTo(PIPELINE);
        assertThat(Files.readString(run1().resolve("run.json")))
                .contains("\"run\" : 1", "\"jenkinsfile\" : \"Jenkinsfile\"", "\"GREETING\" : \"hi\"")
                .contains("\"jenkinsfileSha256\" : \"" + RunInfo.sha256(PIPELINE) + "\"");
        assertThat(Files.readAllLines(run1().resolve("steps.jsonl")))
                .containsExactly(
                        "{\"key\":\"main#1\",\"step\":\"sh\",\"value\":null}",
                        "{\"key\":\"main#2\",\"step\":\"sh\",\"value\":null}",
                        "{\"key\":\"main#3\",\"step\":\"writeFile\",\"value\":null}");
    }

    @Test
    void resumesAnUnfinishedRunInItsDirectoryWithoutRunningCompletedStepsAgain() throws Exception {
        runThatDiedAfterStageOne();

        assertThat(orchestra("resume", "1", "--workspace", project.toString())).isZero();

        assertThat(Files.readAllLines(project.resolve("count1"))).containsExactly("hi");
        assertThat(Files.readAllLines(project.resolve("count2"))).containsExactly("two", "two");
        assertThat(project.resolve("done")).hasContent("branch rel");
        assertThat(printed())
                .contains("Resuming run #1 of Jenkinsfile in " + project
                        + ": 1 completed step call(s) in steps.jsonl are given back, not run again")
                .containsSubsequence(
                        "[resume] skipped sh (completed before the run stopped)",
                        "[resume] running sh: it had not completed when the run stopped",
                        "+ echo two",
                        "Finished: SUCCESS",
                        "Resumed: skipped 1 step call(s) that had completed before the run stopped");
        String log = Files.readString(run1().resolve("log.txt"));
        assertThat(log).containsSubsequence("Running Jenkinsfile", "+ echo hi", "Resuming run #1", "[resume] skipped");
        assertThat(Files.readString(run1().resolve("summary.json")))
                .contains("\"result\" : \"SUCCESS\"", "\"resumed\" : true");
        assertThat(project.resolve(".orchestra/runs/2")).doesNotExist();
    }

    @Test
    void refusesARunThatFinished() throws Exception {
        Files.writeString(project.resolve("Jenkinsfile"), "node { sh 'exit 3' }\n");
        assertThat(orchestra("run", project.resolve("Jenkinsfile").toString())).isEqualTo(1);

        assertThat(orchestra("resume", "1", "--workspace", project.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("orchestra: run 1 finished: FAILURE; nothing to resume\n");
    }

    @Test
    void refusesARunThatIsStillRunningOrDoesNotExist() throws Exception {
        runThatDiedAfterStageOne();
        try (FileChannel lock = FileChannel.open(run1().resolve("run.lock"), StandardOpenOption.WRITE);
                var held = lock.lock()) {
            assertThat(orchestra("resume", "1", "--workspace", project.toString()))
                    .isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .startsWith("orchestra: run 1 is still running (another orchestra holds ");
        }
        assertThat(orchestra("resume", "7", "--workspace", project.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("orchestra: no run 7 in " + project.resolve(".orchestra/runs") + "\n");
    }

    @Test
    void resumesWithTheJenkinsfileSavedWhenTheRunStartedAndSaysSoWhenTheFileChanged() throws Exception {
        runThatDiedAfterStageOne();
        Files.writeString(project.resolve("Jenkinsfile"), "node { sh 'touch changed' }\n");

        assertThat(orchestra("resume", "1", "--workspace", project.toString())).isZero();

        assertThat(printed())
                .contains("Note: Jenkinsfile changed since the run started; resuming with the copy saved then,"
                        + " .orchestra/runs/1/Jenkinsfile (start a new run to use your changes)");
        assertThat(project.resolve("changed")).doesNotExist();
        assertThat(project.resolve("done")).exists();
    }

    @Test
    void listsTheRunsOfTheWorkspace() throws Exception {
        runThatDiedAfterStageOne();
        assertThat(orchestra("run", project.resolve("Jenkinsfile").toString())).isZero();

        assertThat(orchestra("runs", "--workspace", project.toString())).isZero();
        List<String> lines = printed().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("RUN +RESULT +STARTED +DURATION +JENKINSFILE");
        assertThat(lines.get(1)).matches("1 +unfinished +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +- +Jenkinsfile");
        assertThat(lines.get(2)).matches("2 +SUCCESS +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\S+ +Jenkinsfile");

        assertThat(orchestra("resume", "1", "--workspace", project.toString())).isZero();
        assertThat(orchestra("runs", "--workspace", project.toString())).isZero();
        assertThat(printed().lines().toList().get(1)).startsWith("1    SUCCESS (resumed)  ");
    }

    @Test
    void saysSoWhenTheWorkspaceHasNoRuns() {
        assertThat(orchestra("runs", "--workspace", project.toString())).isZero();
        assertThat(printed()).isEqualTo("No runs in " + project.resolve(".orchestra/runs") + "\n");
    }

    @Test
    void resumesAnOrchestrateBlockWithANewCoordinatorReplayingTheStepsOfItsStages() throws Exception {
        Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                orchestrate {
                    stage('a') { sh 'echo a >> count-a' }
                    stage('b', needs: 'a') { sh 'echo b >> count-b' }
                }
                """);
        assertThat(orchestra("run", project.resolve("Jenkinsfile").toString())).isZero();
        Files.delete(run1().resolve("summary.json"));
        Files.delete(project.resolve("count-b"));
        List<String> journal = Files.readAllLines(run1().resolve("steps.jsonl"));
        List<String> stageA = journal.stream()
                .filter(l -> l.contains("\"sh\"") && l.contains("\"a"))
                .toList();
        Files.write(run1().resolve("steps.jsonl"), stageA);

        assertThat(orchestra("resume", "1", "--workspace", project.toString())).isZero();
        assertThat(Files.readAllLines(project.resolve("count-a"))).containsExactly("a");
        assertThat(Files.readAllLines(project.resolve("count-b"))).containsExactly("b");
        assertThat(printed()).contains("[resume] skipped sh");
    }
}
