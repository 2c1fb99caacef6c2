package io.jenkins.plugins.orchestra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, aborts and interruptions: nothing the script started may survive them. */
class ShellRunnerStopTest {
    private static final Map<String, String> ENV = ShellRunnerTest.ENV;
    private static final Duration GRACE = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();
    private final ShellRunner runner = ShellRunner.create().withKillGrace(GRACE);

    /** Kills whatever a failing test left behind, so that it cannot disturb the next. */
    @AfterEach
    void killLeftovers() throws IOException {
        pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void timeoutKillsTheWholeTreeIncludingEscapedAndTermIgnoringProcesses() throws IOException {
        String script = String.join(
                "\n",
                "echo $$ >> pids",
                "sleep 1000 & echo $! >> pids",
                "(sleep 1000 & echo $! >> pids; wait) & echo $! >> pids",
                // ignores SIGTERM, and so does its child, which inherits the ignored signal
                "(trap '' TERM; sleep 1000 & echo $! >> pids; wait) & echo $! >> pids",
                // double fork: the sleep is left to init, no longer a descendant
                "(sleep 1000 & echo $! >> pids)",
                // no cookie, but still in the shell's session
                "env -i /bin/sh -c 'echo $$ >> pids; exec sleep 1000' &",
                // a session of its own, but the cookie
                "setsid /bin/sh -c 'sleep 1000 & echo $! >> pids; echo $$ >> pids; wait' &",
                "while [ $(wc -l < pids) -lt 10 ]; do sleep 0.01; done",
                "echo ready",
                "/bin/sh -c 'echo $$ >> pids; exec sleep 1000'");
        long started = System.nanoTime();

        assertThatThrownBy(() -> runner.run(
                        ShellScript.of(script, dir, ENV).withEchoCommands(false).withTimeout(Duration.ofSeconds(2)),
                        UnaryOperator.identity(),
                        sink,
                        new Cancellation()))
                .isInstanceOfSatisfying(ScriptException.TimedOut.class, e -> assertThat(e.timeout())
                        .isEqualTo(Duration.ofSeconds(2)))
                .hasMessage("script timed out after 2.0s");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(pids()).hasSize(11);
        assertThat(alive(pids())).as("processes still alive").isEmpty();
        assertThat(sink.lines()).first().isEqualTo("ready");
        assertThat(sink.lines().get(1)).startsWith("Timeout of 2.0s exceeded: sending SIGTERM to ");
        assertThat(sink.lines().get(2)).endsWith("still running after 300ms: sending SIGKILL");
        assertThat(took).isLessThan(Duration.ofSeconds(2).plus(GRACE).plusSeconds(2));
    }

    @Test
    void abortFromAnotherThreadKillsTheTreeWithinMilliseconds() throws Exception {
        Cancellation cancellation = new Cancellation();
        String script = "sleep 1000 & echo $! >> pids\necho $$ >> pids\necho ready\nsleep 1000";
        ShellRunner patient = ShellRunner.create(); // the default 10s grace: SIGTERM alone must do
        AtomicReference<Long> cancelledAt = new AtomicReference<>();
        CompletableFuture<Void> aborter = CompletableFuture.runAsync(() -> {
            try {
                sink.awaitReady();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            cancelledAt.set(System.nanoTime());
            cancellation.cancel("stopped by alice");
        });

        assertThatThrownBy(() -> patient.run(
                        ShellScript.of(script, dir, ENV).withEchoCommands(false),
                        UnaryOperator.identity(),
                        sink,
                        cancellation))
                .isInstanceOfSatisfying(ScriptException.Aborted.class, e -> assertThat(e.reason())
                        .isEqualTo("stopped by alice"))
                .hasMessage("script was aborted: stopped by alice");
        Duration latency = Duration.ofNanos(System.nanoTime() - cancelledAt.get());
        aborter.get(10, TimeUnit.SECONDS);

        assertThat(alive(pids())).isEmpty();
        assertThat(sink.lines()).contains("Aborted (stopped by alice): sending SIGTERM to 3 processes");
        assertThat(latency).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void interruptingTheCallerAbortsAndKeepsItsInterruptFlag() throws Exception {
        String script = "sleep 1000 & echo $! >> pids\necho $$ >> pids\necho ready\nsleep 1000";
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                runner.run(
                        ShellScript.of(script, dir, ENV).withEchoCommands(false),
                        UnaryOperator.identity(),
                        sink,
                        new Cancellation());
            } catch (Throwable t) {
                thrown.set(t);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        sink.awaitReady();

        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get())
                .isInstanceOf(ScriptException.Aborted.class)
                .hasMessage("script was aborted: interrupted");
        assertThat(stillInterrupted).isTrue();
        assertThat(alive(pids())).isEmpty();
    }

    @Test
    void aTermTrapGetsTheGracePeriodAndItsOutputIsShown() throws IOException {
        String script = "trap 'echo cleaning up; exit 3' TERM\necho $$ >> pids\necho ready\nsleep 1000 & wait";

        assertThatThrownBy(() -> ShellRunner.create()
                        .run(
                                ShellScript.of(script, dir, ENV)
                                        .withEchoCommands(false)
                                        .withTimeout(Duration.ofMillis(500)),
                                UnaryOperator.identity(),
                                sink,
                                new Cancellation()))
                .isInstanceOf(ScriptException.TimedOut.class);

        assertThat(sink.output()).containsExactly("ready", "cleaning up");
        assertThat(sink.lines()).noneMatch(l -> l.contains("SIGKILL"));
        assertThat(alive(pids())).isEmpty();
    }

    @Test
    void cancellingAgainSkipsTheGracePeriod() throws Exception {
        Cancellation cancellation = new Cancellation();
        String script = "trap '' TERM\necho $$ >> pids\necho ready\nsleep 1000";
        CompletableFuture<Void> aborter = CompletableFuture.runAsync(() -> {
            try {
                sink.awaitReady();
                cancellation.cancel("");
                Thread.sleep(200);
                cancellation.cancel("again");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> ShellRunner.create()
                        .withKillGrace(Duration.ofSeconds(60))
                        .run(
                                ShellScript.of(script, dir, ENV).withEchoCommands(false),
                                UnaryOperator.identity(),
                                sink,
                                cancellation))
                .isInstanceOfSatisfying(ScriptException.Aborted.class, e -> assertThat(e.reason())
                        .isEmpty())
                .hasMessage("script was aborted");
        aborter.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(sink.lines()).contains("2 processes still running and asked again: sending SIGKILL");
        assertThat(alive(pids())).isEmpty();
    }

    @Test
    void aSinkThatThrowsPropagatesAndLeavesNothingRunning() throws IOException {
        String script = "sleep 1000 & echo $! >> pids\necho $$ >> pids\necho ready\nsleep 1000";
        OutputSink broken = line -> {
            throw new IllegalStateException("sink broke on " + line);
        };

        assertThatThrownBy(() -> ShellRunner.create()
                        .run(
                                ShellScript.of(script, dir, ENV).withEchoCommands(false),
                                UnaryOperator.identity(),
                                broken,
                                new Cancellation()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sink broke on ready");
        assertThat(pids()).hasSize(2);
        assertThat(alive(pids())).isEmpty();
    }

    @Test
    void aCancelledScriptDoesNotStart() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel("too late");

        assertThatThrownBy(() -> runner.run(
                        ShellScript.of("touch started", dir, ENV), UnaryOperator.identity(), sink, cancellation))
                .hasMessage("script was aborted: too late");
        assertThat(dir.resolve("started")).doesNotExist();
    }

    @Test
    void anInterruptedCallerDoesNotStartTheScript() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> runner.run(
                            ShellScript.of("touch started", dir, ENV),
                            UnaryOperator.identity(),
                            sink,
                            new Cancellation()))
                    .hasMessage("script was aborted: interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(dir.resolve("started")).doesNotExist();
    }

    private List<Long> pids() throws IOException {
        Path file = dir.resolve("pids");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream()
                .filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.strip()))
                .toList();
    }

    /**
     * The pids still running. A zombie has ended, though {@link ProcessHandle#isAlive()} counts it: where init does not
     * reap orphans (this container) a killed orphan stays one.
     */
    static List<Long> alive(List<Long> pids) {
        return pids.stream()
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid))
                .toList();
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false; // gone since
        }
    }
}
