package io.jenkins.plugins.orchestra.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.reliability.badinput.Judge.Expect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed Jenkinsfiles through {@code orchestra lint} and {@code orchestra run}: a corpus of named cases
 * (src/test/resources/…/badinput/*.jenkinsfile, the first line of each saying what the error must name), Jenkinsfiles
 * built to break the parser (deep nesting, a megabyte on one line, bytes that are not UTF-8), and random mutations of
 * the project's examples. Each is refused with exit code 2 and an error naming its line, and nothing is written; a
 * mutation that is still valid is accepted, and some of those are run to the end, where nothing may crash.
 *
 * <p>{@code -Dbadinput.mutants=N} sets how many mutations (200 in {@code mvn verify}), {@code -Dbadinput.runs=N} how
 * many accepted ones are run (6), {@code -Dbadinput.seed=S} which ones.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MalformedJenkinsfileTest {
    static final String RESOURCES = "/io/jenkins/plugins/orchestra/reliability/badinput/";
    private static final Duration PARSE = Duration.ofSeconds(60);
    /** Examples whose run needs nothing but this machine and does not wait for an answer. */
    private static final Set<String> RUNNABLE = Set.of("diamond", "scripted", "notify", "deploy-local");

    @TempDir
    static Path dir;

    private static int sandboxes;

    @AfterAll
    static void report() {
        Tally.write();
    }

    @TestFactory
    Stream<DynamicTest> eachNamedMalformedJenkinsfileIsRefusedNamingItsLine() throws IOException {
        List<String> names;
        try (InputStream in = getClass().getResourceAsStream(RESOURCES + "corpus.txt")) {
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(30);
        return names.stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    String source;
                    try (InputStream in = getClass().getResourceAsStream(RESOURCES + name + ".jenkinsfile")) {
                        assertThat(in).as(name).isNotNull();
                        source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    String first = source.lines().findFirst().orElse("");
                    assertThat(first).as(name + ": first line").startsWith("// expect: ");
                    Expect expect = new Expect(
                            Judge.Shape.JENKINSFILE,
                            java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(first.substring(11))),
                            false);
                    List<String> problems = lintAndRun("corpus", name, source.getBytes(StandardCharsets.UTF_8), expect);
                    assertThat(Known.unknown(problems)).isEmpty();
                }));
    }

    @Test
    void jenkinsfilesThatStrainTheParserAreRefusedWithoutACrash() throws IOException {
        List<String> problems = new ArrayList<>();
        problems.addAll(lintAndRun(
                "parser strain",
                "deeply-nested-lists",
                ("node {\n    def x = " + "[".repeat(20_000) + "]".repeat(20_000) + "\n}\n")
                        .getBytes(StandardCharsets.UTF_8),
                Expect.jenkinsfile().orAccepted()));
        problems.addAll(lintAndRun(
                "parser strain",
                "deeply-nested-closures",
                ("node {\n" + "{ ".repeat(20_000) + "\n" + "} ".repeat(20_000) + "\n}\n")
                        .getBytes(StandardCharsets.UTF_8),
                Expect.jenkinsfile().orAccepted()));
        problems.addAll(lintAndRun(
                "parser strain",
                "a-megabyte-on-one-unterminated-line",
                ("node {\n    echo '" + "x".repeat(1 << 20) + "\n}\n").getBytes(StandardCharsets.UTF_8),
                Expect.jenkinsfile()));
        byte[] notUtf8 = "pipeline {\n    agent any\n    stages { stage('\u00e9') { steps { echo 'x' } } }\n}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        problems.addAll(lintAndRun(
                "parser strain", "latin-1-bytes", notUtf8, Expect.jenkinsfile().orAccepted()));
        problems.addAll(lintAndRun(
                "parser strain",
                "nul-bytes",
                "node {\n    echo 'a\0b'\n}\n\0\0\0".getBytes(StandardCharsets.UTF_8),
                Expect.jenkinsfile()));
        for (int i = 0; i < Seeds.count("garbage", 10); i++) {
            SplittableRandom random = Seeds.random("garbage", i);
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            problems.addAll(lintAndRun(
                    "parser strain",
                    "random-bytes #" + i + " (seed " + Seeds.of("garbage", i) + ")",
                    garbage,
                    Expect.jenkinsfile().orAccepted()));
        }
        assertThat(Known.unknown(problems)).isEmpty();
    }

    @Test
    void mutatedExamplesAreRefusedNamingTheirLineOrRunWithoutACrash() throws IOException {
        Path examples = Path.of(System.getProperty("user.dir")).getParent().resolve("examples");
        List<Path> sources;
        try (Stream<Path> s = Files.list(examples)) {
            sources = s.map(d -> d.resolve("Jenkinsfile"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(5);
        int n = Seeds.count("mutants", 200);
        int runs = Seeds.count("runs", 6);
        List<String> problems = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < n; i++) {
            SplittableRandom random = Seeds.random("mutants", i);
            Path example = sources.get(random.nextInt(sources.size()));
            String exampleName = example.getParent().getFileName().toString();
            Mutator.Mutant m = Mutator.mutate(Files.readString(example), random);
            String name = "examples/" + exampleName + " mutant #" + i + " (seed " + Seeds.of("mutants", i) + ": "
                    + String.join(", ", m.edits()) + ")";
            Sandbox box = sandbox();
            Path jenkinsfile = box.write("Jenkinsfile", m.text());
            box.snapshot();
            Cli.Outcome lint = Cli.run(PARSE, "lint", jenkinsfile.toString());
            String p = Judge.judge(
                    "mutants: lint", name, lint, Expect.jenkinsfile().orAccepted(), box.changes());
            if (p != null) {
                problems.add(p);
                continue;
            }
            if (lint.exit() != 0) {
                rejected++;
                Cli.Outcome run = Cli.run(PARSE, "run", "--no-ui", "--plain", jenkinsfile.toString());
                p = Judge.judge("mutants: run", name, run, Expect.jenkinsfile(), box.changes());
                if (p == null && !run.err().equals(lint.err())) {
                    p = name + ": run and lint disagree:\n" + Judge.tail(run.err()) + Judge.tail(lint.err());
                }
            } else if (runs > 0 && RUNNABLE.contains(exampleName)) {
                runs--;
                copyExample(example.getParent(), box.workspace());
                Files.writeString(jenkinsfile, m.text());
                Cli.Outcome run = Cli.run(Duration.ofSeconds(90), "run", "--no-ui", "--plain", jenkinsfile.toString());
                // a valid mutant may fail as its edit makes it: only a crash is wrong here
                p = Judge.judge(
                        "mutants: run accepted",
                        name,
                        run,
                        new Expect(Judge.Shape.STEP, java.util.regex.Pattern.compile(""), true),
                        List.of());
                if (p != null && !p.contains("crash")) {
                    p = null;
                }
            }
            if (p != null) {
                problems.add(p);
            }
        }
        System.out.printf("mutants: %d tried (seed %d), %d refused%n", n, Seeds.base(), rejected);
        assertThat(Known.unknown(problems)).isEmpty();
    }

    /** Lints and runs {@code source} as a workspace's Jenkinsfile; the problems of either. */
    static List<String> lintAndRun(String group, String name, byte[] source, Expect expect) throws IOException {
        Sandbox box = sandbox();
        Path jenkinsfile = box.workspace().resolve("Jenkinsfile");
        Files.write(jenkinsfile, source);
        box.snapshot();
        List<String> problems = new ArrayList<>();
        Cli.Outcome lint = Cli.run(PARSE, "lint", jenkinsfile.toString());
        String p = Judge.judge(group + ": lint", name, lint, expect, box.changes());
        if (p != null) {
            problems.add(p);
        }
        if (lint.exit() != 0 || !expect.mayAccept()) {
            Cli.Outcome run = Cli.run(PARSE, "run", "--no-ui", "--plain", jenkinsfile.toString());
            p = Judge.judge(group + ": run", name, run, expect, box.changes());
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }

    static synchronized Sandbox sandbox() throws IOException {
        return new Sandbox(dir.resolve("case-" + sandboxes++));
    }

    private static void copyExample(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
