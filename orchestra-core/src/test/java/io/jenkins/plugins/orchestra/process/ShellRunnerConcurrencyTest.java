package io.jenkins.plugins.orchestra.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.process.ShellScript.Stdout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many short scripts at once, more than the cores: each gets exactly its own output, in order and masked, and its own
 * outcome. Seeded: a failing seed reproduces its scripts.
 */
class ShellRunnerConcurrencyTest {
    private static final UnaryOperator<String> MASKER = line -> line.replace("secret", "******");

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.range(0, 4);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void manyScriptsAtOnceEachGetTheirOwnOutputAndOutcome(long seed) throws Exception {
        Random random = new Random(seed);
        ShellRunner runner = ShellRunner.create().withKillGrace(Duration.ofMillis(200));
        List<Case> cases =
                IntStream.range(0, 24).mapToObj(i -> Case.random(i, random)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (Case c : cases) {
                outcomes.add(pool.submit(() -> c.run(runner, dir)));
            }
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                assertThat(outcomes.get(i).get(30, TimeUnit.SECONDS))
                        .as("seed %d, case %d:%n%s", seed, i, c.text())
                        .isEqualTo(c.expected());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> background = new ArrayList<>();
        for (Case c : cases) {
            if (c.hangs()) {
                background.add(Long.parseLong(
                        Files.readString(dir.resolve("c" + c.id() + ".pid")).strip()));
            }
        }
        assertThat(ShellRunnerStopTest.alive(background))
                .as("background processes of timed-out scripts")
                .isEmpty();
    }

    /** What a run showed: its streamed lines (without echoed commands and notices), returned stdout, and result. */
    record Outcome(List<String> streamed, Optional<String> stdout, String result) {}

    record Line(String text, boolean stderr) {}

    record Case(
            int id,
            List<Line> lines,
            Optional<Line> partial,
            int exitCode,
            Stdout stdout,
            boolean returnStatus,
            boolean echo,
            boolean hangs) {

        static Case random(int id, Random random) {
            List<Line> lines = new ArrayList<>();
            for (int j = random.nextInt(8); j > 0; j--) {
                lines.add(line(id, lines.size(), random));
            }
            boolean echo = random.nextBoolean();
            // an echoed command after a line without newline would continue that line
            Optional<Line> partial =
                    !echo && random.nextInt(3) == 0 ? Optional.of(line(id, 99, random)) : Optional.empty();
            int[] codes = {0, 0, 0, 1, 2, 42};
            return new Case(
                    id,
                    lines,
                    partial,
                    codes[random.nextInt(codes.length)],
                    Stdout.values()[random.nextInt(3)],
                    random.nextBoolean(),
                    echo,
                    random.nextInt(8) == 0);
        }

        private static Line line(int id, int n, Random random) {
            return new Line("c" + id + " l" + n + (random.nextInt(4) == 0 ? " secret" : ""), random.nextBoolean());
        }

        String text() {
            StringBuilder s = new StringBuilder();
            for (Line l : lines) {
                s.append("echo '")
                        .append(l.text())
                        .append('\'')
                        .append(l.stderr() ? " >&2" : "")
                        .append('\n');
                if (l.text().endsWith("3")) {
                    s.append("sleep 0.01\n");
                }
            }
            partial.ifPresent(l -> s.append("printf '")
                    .append(l.text())
                    .append('\'')
                    .append(l.stderr() ? " >&2" : "")
                    .append('\n'));
            if (hangs) {
                // without -x here: dash writes a trace line in pieces, which the background child's trace would cut
                s.append("set +x\nsleep 10 & echo $! > c").append(id).append(".pid\nsleep 10\n");
            }
            return s.append("exit ").append(exitCode).append('\n').toString();
        }

        Outcome run(ShellRunner runner, Path dir) throws IOException {
            ShellScript script = ShellScript.of(text(), dir, ShellRunnerTest.ENV)
                    .withStdout(stdout)
                    .withReturnStatus(returnStatus)
                    .withEchoCommands(echo);
            if (hangs) {
                script = script.withTimeout(Duration.ofMillis(300));
            }
            RecordingSink sink = new RecordingSink();
            try {
                ShellResult result = runner.run(script, MASKER, sink, new Cancellation());
                return new Outcome(sink.output(), result.stdout(), "exit " + result.exitCode());
            } catch (ScriptException.Failed e) {
                return new Outcome(sink.output(), Optional.empty(), "failed " + e.exitCode());
            } catch (ScriptException.TimedOut e) {
                return new Outcome(sink.output(), Optional.empty(), "timed out");
            }
        }

        Outcome expected() {
            boolean streamStdout = stdout == Stdout.STREAM;
            List<String> streamed = new ArrayList<>();
            StringBuilder out = new StringBuilder();
            for (Line l : lines) {
                if (l.stderr() || streamStdout) {
                    streamed.add(MASKER.apply(l.text()));
                } else {
                    out.append(l.text()).append('\n');
                }
            }
            partial.ifPresent(l -> {
                if (l.stderr() || streamStdout) {
                    streamed.add(MASKER.apply(l.text()));
                } else {
                    out.append(l.text());
                }
            });
            if (hangs) {
                return new Outcome(streamed, Optional.empty(), "timed out");
            }
            if (exitCode != 0 && !returnStatus) {
                return new Outcome(streamed, Optional.empty(), "failed " + exitCode);
            }
            Optional<String> returned =
                    switch (stdout) {
                        case STREAM -> Optional.empty();
                        case RETURN -> Optional.of(out.toString());
                        case RETURN_TRIMMED -> Optional.of(out.toString().trim());
                    };
            return new Outcome(streamed, returned, "exit " + exitCode);
        }
    }
}
