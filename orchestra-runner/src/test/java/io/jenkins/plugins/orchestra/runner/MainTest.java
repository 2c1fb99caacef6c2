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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
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
    void warmUpRunsTheBundledJenkinsfileQuietly() {
        assertThat(run("warm-up")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void usageDoesNotListTheWarmUpCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("run", "lint").doesNotContain("warm-up");
    }

    @Test
    void refusesAJenkinsfileThatIsNotUtf8NamingTheLineOfTheFirstBadByte(@TempDir Path project) throws Exception {
        Path jenkinsfile = project.resolve("Jenkinsfile");
        Files.write(
                jenkinsfile,
                "node {\n    echo 'caf\u00e9'\n}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (String command : new String[] {"lint", "run"}) {
            out.reset();
            err.reset();
            assertThat(run(command, jenkinsfile.toString())).as(command).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo("orchestra: WorkflowScript: 2: the Jenkinsfile is not UTF-8 text: byte 0xE9; save it as"
                            + " UTF-8 @ line 2, column 14.\n");
        }
        assertThat(project.resolve(".orchestra")).doesNotExist();
    }

    @Test
    void refusesNestingTooDeepForTheParserWithoutAStackTrace(@TempDir Path project) throws Exception {
        Path jenkinsfile = project.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, "node {\n    def x = " + "[".repeat(20_000) + "]".repeat(20_000) + "\n}\n");
        assertThat(run("lint", jenkinsfile.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("orchestra: WorkflowScript: 2: nested too deeply to be parsed (20001 brackets, braces and"
                        + " parentheses open at once) @ line 2, column 20012.\n");
    }

    @Test
    void anErrorQuotingAValueOfAMegabyteNamesItByItsStartAndLength(@TempDir Path project) throws Exception {
        Path jenkinsfile = project.resolve("Jenkinsfile");
        Files.writeString(
                jenkinsfile,
                "node {\n    deploy target: [kind: 'local', hosts: ['web1'], base: 'hosts/{host}'], artifact: 'a.txt',"
                        + " version: 'v' * (1 << 20)\n}\n");
        assertThat(run("run", "--no-ui", "--plain", jenkinsfile.toString())).isEqualTo(1);
        String error = out.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("ERROR: "))
                .findFirst()
                .orElseThrow();
        assertThat(error)
                .startsWith("ERROR: deploy: version")
                .contains("vvvv… (1048578 characters)")
                .hasSizeLessThan(400);
    }

    @Test
    void aJenkinsfileTooLargeForOneMethodIsRefusedInOneLine(@TempDir Path project) throws Exception {
        Path jenkinsfile = project.resolve("Jenkinsfile");
        Files.writeString(jenkinsfile, "node {\n" + "    echo 'x'\n".repeat(12_000) + "}\n");
        assertThat(run("lint", jenkinsfile.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("orchestra: WorkflowScript: general error during compilation: Method too large: ")
                .doesNotContain("\tat ")
                .hasLineCount(2);
    }

    @Test
    void rejectsAnUnknownCommandWithUsage() {
        assertThat(run("deploy")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched argument at index 0: 'deploy'");
    }

    @Test
    void runsAJenkinsfileAndKeepsItsLogSummaryAndJunitReport(@TempDir Path project) throws Exception {
        Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                pipeline {
                    agent any
                    stages {
                        stage('Build') { steps { echo "build #${env.BUILD_NUMBER} of ${env.JOB_NAME}" } }
                        stage('Skip') { when { expression { false } }; steps { echo 'never' } }
                    }
                }
                """);
        assertThat(run("run", project.resolve("Jenkinsfile").toString())).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("build #1 of " + project.getFileName(), "Finished: SUCCESS", "Result: SUCCESS");
        Path runDir = project.resolve(".orchestra/runs/1");
        assertThat(Files.readString(runDir.resolve("log.txt"))).contains("Finished: SUCCESS");
        assertThat(Files.readString(runDir.resolve("summary.json"))).contains("\"result\" : \"SUCCESS\"");
        assertThat(Files.readString(runDir.resolve("junit.xml")))
                .contains("<testcase classname=\"stages\" name=\"Build\"")
                .contains("<skipped message=\"skipped due to when conditional\"/>");
        assertThat(run("run", project.resolve("Jenkinsfile").toString())).isZero();
        assertThat(project.resolve(".orchestra/runs/2/log.txt")).exists();
    }

    @Test
    void exitsWithOneWhenTheRunFailsAndTwoWhenTheJenkinsfileIsInvalid(@TempDir Path project) throws Exception {
        Path failing = Files.writeString(project.resolve("failing.jenkinsfile"), "node { sh 'exit 5' }\n");
        assertThat(run("run", failing.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ERROR: script returned exit code 5");

        Path broken = Files.writeString(project.resolve("broken.jenkinsfile"), "node {\n  echo 'x'\n");
        assertThat(run("run", broken.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("orchestra: WorkflowScript: 3: ");

        assertThat(run("run", project.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("orchestra: no Jenkinsfile at ");
    }

    @Test
    void lintReportsASyntaxErrorWithoutRunningAnything(@TempDir Path project) throws Exception {
        Path broken = Files.writeString(project.resolve("Jenkinsfile"), "node {\n  sh 'touch ran'\n}}\n");
        assertThat(run("lint", broken.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("WorkflowScript: 3: expecting EOF, found '}' @ line 3, column 2.");
        assertThat(project.resolve("ran")).doesNotExist();
    }

    @Test
    void lintAndRunRefuseAnInvalidDeclarativePipelineWithJenkinsMessagesBeforeRunningAnything(@TempDir Path project)
            throws Exception {
        Path jenkinsfile = Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                pipeline {
                    agent any
                    stages {
                        stage('Build') {
                            steps {
                                sh 'touch ran'
                                stage('inner') { echo 'x' }
                            }
                        }
                        stage('Build') { steps { echo 'again' } }
                    }
                }
                """);
        assertThat(run("lint", jenkinsfile.toString())).isEqualTo(2);
        assertThat(run("run", jenkinsfile.toString())).isEqualTo(2);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains(
                        "WorkflowScript: 7: Invalid step \"stage\" used - not allowed in this context - The stage step"
                                + " cannot be used in Declarative Pipelines @ line 7, column 17.")
                .contains("Duplicate stage name: \"Build\"")
                .contains("2 errors");
        assertThat(project.resolve("ran")).doesNotExist();
        assertThat(project.resolve(".orchestra")).doesNotExist();
    }

    @Test
    void runAndLintLoadTheLibrariesGivenWithTheLibraryOption(@TempDir Path project) throws Exception {
        Path acme = Path.of("src/test/resources/libraries/acme").toAbsolutePath();
        Path jenkinsfile = Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                @Library('acme@2.0') _
                pipeline {
                    agent any
                    stages {
                        stage('Greet') { steps { greet 'Ada' } }
                    }
                }
                """);
        assertThat(run("lint", "--library", "acme=" + acme, jenkinsfile.toString()))
                .isZero();
        assertThat(run("run", "--library", "acme=" + acme, jenkinsfile.toString()))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(jenkinsfile + ": no problems found")
                .contains("Loading library acme@2.0 from " + acme.normalize(), "Hello, Ada!", "Finished: SUCCESS");
    }

    @Test
    void aLibraryNotGivenIsAnInvalidJenkinsfileThatSaysWhichOptionGivesIt(@TempDir Path project) throws Exception {
        Path jenkinsfile = Files.writeString(project.resolve("Jenkinsfile"), "@Library('acme') _\ngreet 'Ada'\n");
        assertThat(run("lint", jenkinsfile.toString())).isEqualTo(2);
        assertThat(run("run", jenkinsfile.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        """
                        orchestra: WorkflowScript: 1: Could not find any definition of libraries [acme]; run with \
                        --library acme=PATH @ line 1, column 1.
                        1 error
                        """
                                .repeat(2));
        assertThat(project.resolve(".orchestra")).doesNotExist();
    }

    @Test
    void aLibraryOptionThatIsNoNameAndFolderIsAUsageError(@TempDir Path project) throws Exception {
        Path jenkinsfile = Files.writeString(project.resolve("Jenkinsfile"), "echo 'x'\n");
        assertThat(run("lint", "--library", "acme@1.0=" + project, jenkinsfile.toString()))
                .isEqualTo(2);
        assertThat(run("run", "--library", "acme", jenkinsfile.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("library name must be a word without '@' or spaces, was 'acme@1.0'")
                .contains("should be in KEY=VALUE format but was acme");
    }

    @Test
    void runWithDryRunPlansTheDeployAndChangesNothingOnTheTarget(@TempDir Path project) throws Exception {
        Files.writeString(
                project.resolve("orchestra.yaml"),
                """
                targets:
                  web:
                    kind: local
                    hosts: [a, b]
                    base: out/{host}
                """);
        for (String v : new String[] {"1", "2"}) {
            Files.createDirectories(project.resolve("build/" + v));
            Files.writeString(project.resolve("build/" + v + "/index.html"), v + "\n");
            Files.writeString(
                    project.resolve("deploy-" + v + ".jenkinsfile"),
                    "node {\n  def r = deploy target: 'web', artifact: 'build/" + v + "', version: '" + v + "'\n"
                            + "  echo \"result ${r.result}\"\n}\n");
        }
        assertThat(run("run", "--no-ui", project.resolve("deploy-1.jenkinsfile").toString()))
                .isZero();
        Map<String, String> before = tree(project.resolve("out"));
        assertThat(before).containsEntry("a/current", "-> releases/1");

        out.reset();
        assertThat(run(
                        "run",
                        "--no-ui",
                        "--dry-run",
                        project.resolve("deploy-2.jenkinsfile").toString()))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Dry run: deploy 2")
                .contains("1 -> 2: upload")
                .contains("Dry run: nothing was changed")
                .contains("result DRY_RUN");
        assertThat(tree(project.resolve("out"))).isEqualTo(before);
    }

    /** Every path under {@code root}: a symlink's target, a file's content, or "dir". */
    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    tree.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    tree.put(key, "dir");
                } else {
                    tree.put(key, Files.readString(p, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return tree;
    }
}
