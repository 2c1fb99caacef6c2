package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a run writes that may hold secrets (the {@code sh} step's raw output, {@code withCredentials}' copies of
 * file credentials) live in the run's own owner-only {@code tmp} directory, not the machine's temporary directory, and
 * are gone when the run ends, and when a run killed with SIGKILL is resumed.
 */
class RunTemporaryFilesTest {
    private static final String TOKEN = "tmp-token-8d1f07";
    private static final String FILE_SECRET = "file-secret-55a2c9";

    @TempDir
    Path project;

    @Test
    @Timeout(60)
    void keepsSecretFilesInTheRunsOwnDirectoryAndRemovesThemOnResumeAfterAKill() throws Exception {
        Path machineTemp = Files.createDirectory(project.resolve("machine-tmp"));
        Files.writeString(
                project.resolve("credentials.json"),
                """
                {"credentials": {
                  "token": {"type": "string", "secret": "%s"},
                  "npmrc": {"type": "file", "fileName": ".npmrc", "content": "%s"}}}
                """
                        .formatted(TOKEN, FILE_SECRET));
        Files.setPosixFilePermissions(
                project.resolve("credentials.json"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                node {
                    stage('hold') {
                        withCredentials([string(credentialsId: 'token', variable: 'TOKEN'),
                                         file(credentialsId: 'npmrc', variable: 'NPMRC')]) {
                            sh 'echo "token $TOKEN"; echo "$NPMRC" > where; if [ ! -e started ]; then touch started; sleep 60; fi'
                        }
                    }
                }
                """);
        Process runner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djava.io.tmpdir=" + machineTemp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "run",
                        "Jenkinsfile",
                        "--no-ui",
                        "--credentials",
                        project.resolve("credentials.json").toString())
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(project.resolve("runner.out").toFile())
                .start();
        List<ProcessHandle> tree;
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (runner.descendants()
                    .noneMatch(p -> p.info().command().orElse("").endsWith("/sleep"))) {
                assertThat(Instant.now()).as("the runner reaches the sleep").isBefore(deadline);
                Thread.sleep(50);
            }
            tree = runner.descendants().toList();
        } finally {
            runner.destroyForcibly();
            runner.waitFor();
        }
        tree.forEach(ProcessHandle::destroyForcibly);

        Path runTemp = project.resolve(".orchestra/runs/1/tmp").toRealPath();
        assertThat(Files.getPosixFilePermissions(runTemp)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Path.of(Files.readString(project.resolve("where")).strip())).startsWith(runTemp);
        assertThat(filesHolding(runTemp, TOKEN)).as("the sh step's raw output").isNotEmpty();
        assertThat(filesHolding(runTemp, FILE_SECRET))
                .as("the file credential's copy")
                .isNotEmpty();
        try (Stream<Path> left = Files.list(machineTemp)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("orchestra-sh") || n.startsWith("orchestra-credentials"));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"resume", "1", "--workspace", project.toString()}, print, print))
                .as(out.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(runTemp).doesNotExist();
    }

    private static List<Path> filesHolding(Path dir, String secret) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains(secret);
                        } catch (Exception e) {
                            return false;
                        }
                    })
                    .toList();
        }
    }
}
