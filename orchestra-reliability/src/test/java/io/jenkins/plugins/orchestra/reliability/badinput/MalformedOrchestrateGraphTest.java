package io.jenkins.plugins.orchestra.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.reliability.badinput.Judge.Expect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orchestrate} graphs that cannot run: cycles (named and random), unknown needs, duplicate names, values of the
 * wrong type, and a fan-out of thousands of stages with one bad need among them. Each fails the run before any stage
 * starts (no stage's {@code sh} leaves its mark), with one error naming the stage and the field; a valid fan-out of
 * thousands runs to the end.
 *
 * <p>{@code -Dbadinput.graphs=N} sets how many random graphs with a cycle (20 in {@code mvn verify}), {@code
 * -Dbadinput.fanout=N} the width of the fan-out (5000).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MalformedOrchestrateGraphTest {
    private static final String GROUP = "orchestrate graphs";
    private static final Duration RUN = Duration.ofSeconds(120);

    @TempDir
    static Path dir;

    private static int boxes;

    @AfterAll
    static void report() {
        Tally.write();
    }

    /** A stage whose body leaves a file: if it exists, something ran though the plan was invalid. */
    private static String stage(String name, String args) {
        return "        stage(" + name + (args.isEmpty() ? "" : ", " + args)
                + ") { writeFile file: 'ran', text: 'x' }\n";
    }

    private static String plan(String options, String stages) {
        return "node {\n    orchestrate(" + options + ") {\n" + stages + "    }\n}\n";
    }

    @Test
    void invalidGraphsFailBeforeAnyStageRunsNamingTheStageAndTheField() throws IOException {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {
            "two-stage cycle", plan("", stage("'a'", "needs: 'b'") + stage("'b'", "needs: 'a'")), "cycle"
        });
        cases.add(new String[] {
            "three-stage cycle",
            plan("", stage("'a'", "needs: 'c'") + stage("'b'", "needs: 'a'") + stage("'c'", "needs: 'b'")),
            "cycle"
        });
        cases.add(new String[] {"stage needing itself", plan("", stage("'a'", "needs: 'a'")), "'a'.*(itself|cycle)"});
        cases.add(new String[] {
            "unknown need", plan("", stage("'build'", "") + stage("'deploy'", "needs: 'biuld'")), "biuld"
        });
        cases.add(new String[] {
            "duplicate names", plan("", stage("'a'", "") + stage("'a'", "")), "'a'.*(already used|more than one)"
        });
        cases.add(new String[] {"blank name", plan("", stage("' '", "")), "name"});
        cases.add(new String[] {"empty name", plan("", stage("''", "")), "name"});
        cases.add(new String[] {"name of the wrong type", plan("", stage("42", "")), "name|42"});
        cases.add(new String[] {"name of a megabyte", plan("", stage("'n' * (1 << 20)", "needs: 'x'")), "name"});
        cases.add(new String[] {"needs of the wrong type", plan("", stage("'a'", "needs: 42")), "needs"});
        cases.add(new String[] {"needs with an empty entry", plan("", stage("'a'", "needs: ['']")), "needs"});
        cases.add(new String[] {"needs with a list inside", plan("", stage("'a'", "needs: [['b']]")), "needs"});
        cases.add(new String[] {"retry of the wrong type", plan("", stage("'a'", "retry: 'often'")), "retry"});
        cases.add(new String[] {"negative retry", plan("", stage("'a'", "retry: -1")), "retry"});
        cases.add(new String[] {
            "retry with a bad backoff", plan("", stage("'a'", "retry: [count: 2, backoff: 'soon']")), "backoff"
        });
        cases.add(new String[] {"timeout that is no duration", plan("", stage("'a'", "timeout: 'never'")), "timeout"});
        cases.add(new String[] {"zero timeout", plan("", stage("'a'", "timeout: 0")), "timeout"});
        cases.add(new String[] {
            "unknown when", plan("", stage("'a'", "") + stage("'b'", "needs: 'a', when: 'sometimes'")), "when"
        });
        cases.add(new String[] {"when failure without needs", plan("", stage("'a'", "when: 'failure'")), "when"});
        cases.add(new String[] {
            "unknown failure policy", plan("", stage("'a'", "failurePolicy: 'shrug'")), "failurePolicy"
        });
        cases.add(new String[] {
            "quorum past the approvers", plan("", stage("'a'", "approval: [approvers: ['alice'], quorum: 2]")), "quorum"
        });
        cases.add(new String[] {"approval of the wrong type", plan("", stage("'a'", "approval: 42")), "approval"});
        cases.add(new String[] {"unknown argument", plan("", stage("'a'", "") + stage("'b'", "neds: 'a'")), "neds"});
        cases.add(new String[] {"outputs of the wrong type", plan("", stage("'a'", "outputs: 42")), "outputs"});
        cases.add(new String[] {"lock of the wrong type", plan("", stage("'a'", "lock: [1]")), "lock"});
        cases.add(new String[] {
            "main stage needing a finally stage",
            plan("", stage("'clean'", "finally: true") + stage("'a'", "needs: 'clean'")),
            "finally"
        });
        cases.add(new String[] {"zero maxParallel", plan("maxParallel: 0", stage("'a'", "")), "maxParallel"});
        cases.add(new String[] {
            "maxParallel of the wrong type", plan("maxParallel: 'lots'", stage("'a'", "")), "maxParallel"
        });
        cases.add(new String[] {"unknown plan option", plan("failfast: true", stage("'a'", "")), "failfast"});
        int width = Seeds.count("fanout", 5000);
        StringBuilder wide = new StringBuilder(stage("'root'", ""));
        for (int i = 0; i < width; i++) {
            wide.append(stage("'s" + i + "'", "needs: " + (i == width / 2 ? "'rooot'" : "'root'")));
        }
        cases.add(new String[] {
            "fan-out of " + width + " with one unknown need", plan("", wide.toString()), "Method too large|rooot"
        });
        StringBuilder cyclic = new StringBuilder(stage("'root'", "needs: 's" + (width - 1) + "'"));
        for (int i = 0; i < width; i++) {
            cyclic.append(stage("'s" + i + "'", "needs: 'root'"));
        }
        cases.add(new String[] {
            "fan-out of " + width + " closing a cycle", plan("", cyclic.toString()), "Method too large|cycle"
        });
        int n = Seeds.count("graphs", 20);
        for (int i = 0; i < n; i++) {
            SplittableRandom r = Seeds.random("graphs", i);
            int size = 3 + r.nextInt(30);
            StringBuilder s = new StringBuilder();
            int from = r.nextInt(size - 1);
            int to = from + 1 + r.nextInt(size - from - 1);
            for (int k = 0; k < size; k++) {
                List<String> needs = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    if (r.nextInt(4) == 0 || (k > from && k <= to && j == k - 1)) {
                        needs.add("'n" + j + "'"); // a chain from → … → to, besides random needs
                    }
                }
                if (k == from) {
                    needs.add("'n" + to + "'"); // the one need back: the cycle
                }
                s.append(stage("'n" + k + "'", needs.isEmpty() ? "" : "needs: " + needs));
            }
            cases.add(new String[] {
                "random graph #" + i + " (seed " + Seeds.of("graphs", i) + ", " + size + " stages, n" + from
                        + " needs n" + to + ")",
                plan("", s.toString()),
                "cycle|n" + from
            });
        }
        List<String> problems = new ArrayList<>();
        for (String[] c : cases) {
            Sandbox box = new Sandbox(dir.resolve("case-" + boxes++));
            Path jenkinsfile = box.write("Jenkinsfile", c[1]);
            box.snapshot();
            Cli.Outcome o = Cli.run(RUN, "run", "--no-ui", "--plain", jenkinsfile.toString());
            Judge.Shape shape = c[0].startsWith("fan-out") ? Judge.Shape.JENKINSFILE : Judge.Shape.STEP;
            String p = Judge.judge(GROUP, c[0], o, new Expect(shape, Pattern.compile(c[2]), false), box.changes());
            if (p != null) {
                problems.add(p);
            }
        }
        assertThat(Known.unknown(problems)).isEmpty();
    }

    @Test
    void aFanOutOfThousandsOfStagesRunsToTheEnd() throws IOException {
        int width = Seeds.count("fanout", 5000);
        String s = "        stage('root') { echo 'root' }\n"
                + "        (0..<" + width + ").each { i -> stage(\"s${i}\", needs: 'root') { } }\n"
                + "        stage('join', needs: (0..<" + width + ").collect { \"s${it}\".toString() }) {"
                + " writeFile file: 'joined', text: 'x' }\n";
        Sandbox box = new Sandbox(dir.resolve("case-" + boxes++));
        Path jenkinsfile = box.write("Jenkinsfile", "node {\n    orchestrate(maxParallel: 64) {\n" + s + "    }\n}\n");
        long start = System.nanoTime();
        Cli.Outcome o = Cli.run(Duration.ofMinutes(4), "run", "--no-ui", "--plain", jenkinsfile.toString());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("fan-out of %d stages: exit %d in %d ms%n", width, o.exit(), millis);
        String p = Judge.judge(
                GROUP, "fan-out of " + width + " stages", o, Expect.step("").orAccepted(), List.of());
        assertThat(p).isNull();
        assertThat(o.exit()).as(Judge.tail(o.printed())).isZero();
        assertThat(Files.exists(box.workspace().resolve("joined"))).isTrue();
    }
}
