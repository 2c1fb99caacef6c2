package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        if (!Files.exists(copy.resolve(example))) {
            copyTree(source, copy.resolve(example));
        }
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
    void theDeployExampleRollsOutToLocalHostsAndRollsBack() throws IOException {
        String first = run("deploy-local");
        assertThat(first)
                .contains("Batch 1/2: web1, web2", "Batch 2/2: web3", "[web3] healthy: ./bin/hello.sh --check")
                .contains("Deployed 1.0.1 (before: nothing)", "Hello from hello 1.0.1", "Finished: SUCCESS");
        Path web2 = copy.resolve("deploy-local/target/hosts/web2");
        assertThat(Files.readSymbolicLink(web2.resolve("current"))).isEqualTo(Path.of("releases/1.0.1"));
        assertThat(web2.resolve("shared/logs/deploys.log")).hasContent("1.0.1 on web2");
        assertThat(Files.isSymbolicLink(web2.resolve("current/config/app.conf")))
                .isTrue();

        assertThat(run("deploy-local")).contains("Deployed 1.0.2 (before: 1.0.1)", "Hello from hello 1.0.2");
        assertThat(run("deploy-local", "--param", "ROLLBACK=true"))
                .contains("[web2] current -> 1.0.1 (was 1.0.2)", "Hello from hello 1.0.1", "Finished: SUCCESS");
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
    void theProvisionExampleBuildsAnEnvironmentWithAnsibleThatASecondRunLeavesAlone() throws IOException {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH (apt-get install ansible)");
        String printed = run("provision");
        assertThat(printed).contains("changed: [localhost] => (item=shared/log)");
        assertThat(printed)
                .contains("Provisioning would change 2 task result(s) on 1 host(s)")
                .contains("Provisioned: 2 change(s), 2 ok, 0 failed")
                .contains("A second run changed nothing")
                .contains("Finished: SUCCESS");
        assertThat(copy.resolve("provision/target/env/shared/greet.conf"))
                .content()
                .startsWith("app=greet\nlog_dir=");
        assertThat(copy.resolve("provision/target/env/releases")).isDirectory();
    }

    @Test
    void theTerraformExampleIsAJenkinsfileTheRunnerAccepts() {
        Path jenkinsfile = Path.of("..", "examples", "terraform", "Jenkinsfile");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"lint", jenkinsfile.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
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
