package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The examples the README points to run green on a machine with no service installed. */
@Timeout(120)
class ExamplesTest {
    @TempDir
    Path copy;

    private String run(String example, String... more) throws IOException {
        Path source = Path.of("..", "examples", example).toAbsolutePath().normalize();
        copyTree(source, copy.resolve(example));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = Stream.concat(
                        Stream.of(
                                "run",
                                copy.resolve(example).resolve("Jenkinsfile").toString()),
                        Stream.of(more))
                .toArray(String[]::new);
        int code = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        return printed;
    }

    @Test
    void theDeclarativeDeliveryExampleDeploysAReleaseAndSwitchesCurrent() throws IOException {
        String printed = run("delivery");
        assertThat(printed).contains("Delivered greet 1.0.1", "Finished: SUCCESS");
        Path current = copy.resolve("delivery/target/deploy/current");
        assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("releases/1.0.1"));
        assertThat(current.resolve("greet.sh")).exists();
    }

    @Test
    void theScriptedExampleWritesATranslationPerParallelBranch() throws IOException {
        String printed = run("scripted", "--param", "NAME=Ada");
        assertThat(printed).contains("all 3 translations written", "Finished: SUCCESS");
        assertThat(Files.readString(copy.resolve("scripted/target/scripted/fr.txt")))
                .isEqualTo("Bonjour, Ada!\n");
    }

    @Test
    void theDiamondExampleRetriesAndSkipsByCondition() throws IOException {
        String printed = run("diamond");
        assertThat(printed)
                .contains("'integration tests' attempt 1 failed (error: script returned exit code 1); retrying in 1.0s")
                .contains("Stage \"publish\" skipped: its condition is false: the when condition on line 23")
                .contains("Bottleneck: ")
                .contains("Finished: SUCCESS");
    }

    @Test
    void theNotifyExampleWritesAMessageOnSuccessAndTheFailingStageOnFailure() throws IOException {
        String first = run("notify");
        assertThat(first).contains("notify: sent to 'releases' (outbox): ✅ notify #1 succeeded", "Finished: SUCCESS");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"run", copy.resolve("notify/Jenkinsfile").toString(), "--param", "BREAK_TESTS=true"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(1);

        Path outbox = copy.resolve("notify/target/outbox");
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("0001-team.json", "0002-releases.json", "0003-team.json", "0004-oncall.json");
        }
        assertThat(Files.readString(outbox.resolve("0002-releases.json"))).contains("\"message\" : \"Built 1.0.1 in ");
        assertThat(Files.readString(outbox.resolve("0003-team.json")))
                .contains("\"message\" : \"notify #2 is now FAILURE (it was SUCCESS)\"");
        assertThat(Files.readString(outbox.resolve("0004-oncall.json")))
                .contains("\"title\" : \"❌ notify #2 failed in stage Test\"")
                .contains("CartTest > total FAILED: expected 3 but was 4");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
