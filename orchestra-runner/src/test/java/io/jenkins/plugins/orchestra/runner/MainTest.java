package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.journal.Journal;
import io.jenkins.plugins.orchestra.coordinator.journal.JournalReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void demoRunsTheExamplePlanAndPrintsItsSummaryWithTheCriticalPath(@TempDir Path work) throws Exception {
        assertThat(run("demo", work.toString())).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("[integration-tests] attempt 1 failed (infrastructure: IOException: connection reset")
                .contains("[lint] succeeded with a warning")
                .contains("Run 'delivery-demo' SUCCESS in")
                .contains("Critical path (")
                .contains("Bottleneck: ");
        assertThat(Files.list(work.resolve("staging/releases"))).hasSize(1);
        Journal journal = JournalReader.read(work.resolve("journal.jsonl"));
        assertThat(journal.header().plan()).isEqualTo("delivery-demo");
        assertThat(journal.events()).last().isInstanceOf(CoordinatorEvent.RunFinished.class);
    }

    @Test
    void rejectsAnUnknownCommandWithUsage() {
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("orchestra: unknown command 'deploy'")
                .contains("Usage: orchestra demo");
    }
}
