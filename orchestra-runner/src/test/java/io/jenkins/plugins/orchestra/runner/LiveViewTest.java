package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveViewTest {
    @TempDir
    Path project;

    @Test
    void aTerminalSeesOneLinePerStageStartAndEndAndTheLogTailOnFailure() throws Exception {
        Path jenkinsfile = Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                stage('Build') { echo 'compiling' }
                stage('Test') { echo 'the details'; error 'tests failed' }
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LocalRun.run(
                new LocalRun.Options(
                        jenkinsfile, Map.of(), null, "main", Optional.empty(), true, false, java.util.List.of()),
                terminal);
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(shown)
                .containsPattern("▶ Build\n✔ Build  success  \\d+ms\n▶ Test\n✘ Test  failure  \\d+ms  tests failed")
                .contains("Last lines of the log:", "  the details", "Result: FAILURE");
        assertThat(shown.substring(0, shown.indexOf("Last lines of the log:")))
                .doesNotContain("compiling", "[Pipeline]");
        assertThat(Files.readString(project.resolve(".orchestra/runs/1/log.txt")))
                .contains("compiling", "Result: FAILURE");
    }
}
