package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run waits for an input; {@code orchestra approve}, run as another command, answers it. */
@Timeout(60)
class ApproveCommandTest {
    @TempDir
    Path project;

    private final ByteArrayOutputStream runOut = new ByteArrayOutputStream();

    private CompletableFuture<Integer> startRun(String jenkinsfile) throws Exception {
        Path file = Files.writeString(project.resolve("Jenkinsfile"), jenkinsfile);
        PrintStream out = new PrintStream(runOut, true, StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> Main.run(new String[] {"run", file.toString()}, out, out));
    }

    private void waitFor(String text) throws InterruptedException {
        for (int i = 0; i < 200 && !runOut.toString(StandardCharsets.UTF_8).contains(text); i++) {
            Thread.sleep(50);
        }
        assertThat(runOut.toString(StandardCharsets.UTF_8)).contains(text);
    }

    private int approve(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 3];
        all[0] = "approve";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--workspace";
        all[args.length + 2] = project.toString();
        return Main.run(all, p, p);
    }

    @Test
    void anOrchestrateApprovalIsAnsweredFromAnotherCommand() throws Exception {
        CompletableFuture<Integer> run = startRun(
                """
                orchestrate {
                    stage('build') { echo 'built' }
                    stage('prod', needs: 'build', approval: [approvers: ['alice'], message: 'Ship to prod?']) {
                        echo 'shipped'
                    }
                }
                """);
        waitFor("Waiting for an answer to 'prod': orchestra approve 1 'prod'");
        assertThat(approve("1", "prod", "--user", "alice")).isZero();
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(runOut.toString(StandardCharsets.UTF_8)).contains("Approved by alice", "shipped");
    }

    @Test
    void aRejectedStageInputAbortsTheRun() throws Exception {
        CompletableFuture<Integer> run = startRun(
                """
                pipeline {
                    agent any
                    stages {
                        stage('Deploy') {
                            input { message 'Deploy?'; submitter 'bob' }
                            steps { echo 'deployed' }
                        }
                    }
                }
                """);
        waitFor("Waiting for an answer to 'Deploy'");
        assertThat(approve("1", "Deploy", "--reject", "--user", "bob")).isZero();
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(runOut.toString(StandardCharsets.UTF_8))
                .contains("Rejected by bob")
                .doesNotContain("deployed");
        assertThat(approve("1", "Deploy")).isEqualTo(2);
    }
}
