package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real runner JVM, killed with SIGKILL in the middle of a run; {@code orchestra resume} then finishes the run. */
class ResumeAfterKillTest {
    @TempDir
    Path project;

    @Test
    @Timeout(40)
    void resumesARunWhoseRunnerWasKilledWithoutRunningItsFinishedStagesAgain() throws Exception {
        Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                node {
                    stage('One') {
                        sh 'echo one >> count1'
                    }
                    stage('Two') {
                        sh 'if [ ! -e started2 ]; then touch started2; sleep 60; fi'
                        writeFile file: 'done', text: 'yes'
                    }
                }
                """);
        Process runner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "run",
                        "Jenkinsfile")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(project.resolve("runner.out").toFile())
                .start();
        List<ProcessHandle> tree;
        try {
            await("the runner to be in stage Two's sleep", () -> runner.descendants()
                    .anyMatch(p -> p.info().command().orElse("").endsWith("/sleep")));
            tree = runner.descendants().toList();
        } finally {
            runner.destroyForcibly();
            runner.waitFor();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        assertThat(runner.exitValue()).isEqualTo(137); // SIGKILL: nothing of the runner ran after it
        Path runDir = project.resolve(".orchestra/runs/1");
        assertThat(runDir.resolve("summary.json")).doesNotExist();
        assertThat(project.resolve("done")).doesNotExist();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(
                new String[] {"resume", "1", "--workspace", project.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readAllLines(project.resolve("count1"))).containsExactly("one");
        assertThat(project.resolve("done")).hasContent("yes");
        assertThat(Files.readString(runDir.resolve("log.txt")))
                .containsSubsequence(
                        "Running Jenkinsfile",
                        "+ echo one",
                        "+ sleep 60",
                        "Resuming run #1 of Jenkinsfile",
                        "[resume] skipped sh (completed before the run stopped)",
                        "[resume] running sh: it had not completed when the run stopped",
                        "Finished: SUCCESS");
        assertThat(Files.readString(runDir.resolve("summary.json"))).contains("\"result\" : \"SUCCESS\"");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90)); // a cold JVM on a loaded machine
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
