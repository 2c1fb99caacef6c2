package io.jenkins.plugins.orchestra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.process.ShellScript.Stdout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellRunnerTest {
    static final Map<String, String> ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();
    private final ShellRunner runner = ShellRunner.create();

    private ShellScript script(String text) {
        return ShellScript.of(text, dir, ENV).withEchoCommands(false);
    }

    private ShellResult run(ShellScript script) {
        return runner.run(script, UnaryOperator.identity(), sink, new Cancellation());
    }

    @Test
    void succeedsWithExitCodeZero() {
        ShellResult result = run(script("echo hello"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEmpty();
        assertThat(sink.lines()).containsExactly("hello");
    }

    @Test
    void failsOnNonZeroExitWithTheMessageJenkinsGives() {
        assertThatThrownBy(() -> run(script("echo before\nexit 3")))
                .isInstanceOfSatisfying(ScriptException.Failed.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessage("script returned exit code 3");
        assertThat(sink.lines()).containsExactly("before");
    }

    @Test
    void stopsAtTheFirstFailingCommandAsSetE() {
        assertThatThrownBy(() -> run(script("echo one\nfalse\necho two"))).hasMessage("script returned exit code 1");
        assertThat(sink.lines()).containsExactly("one");
    }

    @Test
    void returnStatusReturnsANonZeroExitCodeWithoutFailing() {
        ShellResult result = run(script("exit 42").withReturnStatus(true));

        assertThat(result.exitCode()).isEqualTo(42);
    }

    @Test
    void returnStdoutReturnsStdoutExactlyAndStreamsStderrWithTheEchoedCommands() {
        ShellResult result = run(ShellScript.of("echo out1\necho err >&2\nprintf '  out2  \\n\\n'", dir, ENV)
                .withStdout(Stdout.RETURN));

        assertThat(result.stdout()).contains("out1\n  out2  \n\n");
        // how the shell quotes an echoed command is its own business
        assertThat(sink.lines()).hasSize(4).startsWith("+ echo out1", "+ echo err", "err");
        assertThat(sink.lines().get(3)).startsWith("+ printf");
    }

    @Test
    void returnStdoutTrimmedTrimsLikeGroovy() {
        ShellResult result = run(script("printf '\\n\\t out1\\n  out2  \\n\\n'").withStdout(Stdout.RETURN_TRIMMED));

        assertThat(result.stdout()).contains("out1\n  out2");
    }

    @Test
    void returnStdoutStillFailsOnNonZeroExit() {
        assertThatThrownBy(() -> run(script("echo partial\nexit 2").withStdout(Stdout.RETURN)))
                .hasMessage("script returned exit code 2");
    }

    @Test
    void passesTheGivenEnvironmentAndNothingOfTheJvms() {
        Map<String, String> env = new LinkedHashMap<>(ENV);
        env.put("GREETING", "hello world");
        ShellResult result = run(ShellScript.of("env", dir, env).withStdout(Stdout.RETURN));

        Map<String, String> seen = parseEnv(result.stdout().orElseThrow());
        // the shell adds PWD; the runner adds its cookie
        assertThat(seen.keySet()).containsExactlyInAnyOrder("PATH", "GREETING", "PWD", ShellRunner.COOKIE_VARIABLE);
        assertThat(seen).containsEntry("GREETING", "hello world");
    }

    @Test
    void inheritsTheJvmEnvironmentOnlyWhenAskedAndTheGivenOneWins() {
        String inherited = System.getenv().keySet().stream()
                .filter(k -> k.matches("[A-Za-z_][A-Za-z0-9_]*") && !k.equals("PATH") && !k.equals("PWD"))
                .findFirst()
                .orElseThrow();
        Map<String, String> env = new LinkedHashMap<>(ENV);
        env.put("HOME", "/given/home");
        ShellResult result =
                run(ShellScript.of("env", dir, env).withInheritEnvironment(true).withStdout(Stdout.RETURN));

        Map<String, String> seen = parseEnv(result.stdout().orElseThrow());
        assertThat(seen).containsKey(inherited).containsEntry("HOME", "/given/home");
    }

    @Test
    void runsInTheWorkingDirectory() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub dir"));
        ShellResult result = run(ShellScript.of("pwd", sub, ENV).withStdout(Stdout.RETURN_TRIMMED));

        assertThat(result.stdout()).contains(sub.toRealPath().toString());
    }

    @Test
    void streamsStdoutAndStderrInTheOrderWrittenWithALastLineWithoutNewline() {
        run(script("echo 1\necho 2 >&2\necho 3\nprintf '4\\r\\n' >&2\necho\nprintf last"));

        assertThat(sink.lines()).containsExactly("1", "2", "3", "4", "", "last");
    }

    @Test
    void streamsEachLineWhileTheScriptStillRuns() {
        Path go = dir.resolve("go");
        List<String> lines = new ArrayList<>();
        OutputSink answering = line -> {
            lines.add(line);
            if (line.equals("ready")) {
                try {
                    Files.createFile(go);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };

        // the script waits for the file that only the sink's seeing 'ready' creates
        runner.run(
                script("echo ready\nwhile [ ! -e go ]; do sleep 0.01; done\necho done")
                        .withTimeout(Duration.ofSeconds(10)),
                UnaryOperator.identity(),
                answering,
                new Cancellation());

        assertThat(lines).containsExactly("ready", "done");
    }

    @Test
    void echoesEachCommandWithAPlusPrefixByDefault() {
        run(ShellScript.of("echo hi\ntrue", dir, ENV));

        assertThat(sink.lines()).containsExactly("+ echo hi", "hi", "+ true");
    }

    @Test
    void filtersEveryLineIncludingEchoedCommandsBeforeTheSink() {
        UnaryOperator<String> masker = line -> line.replace("s3cr3t", "****");

        runner.run(ShellScript.of("echo token=s3cr3t\necho s3cr3t >&2", dir, ENV), masker, sink, new Cancellation());

        assertThat(sink.lines()).containsExactly("+ echo token=****", "token=****", "+ echo ****", "****");
    }

    @Test
    void runsAScriptThatNamesItsInterpreterWithoutEcho() {
        run(ShellScript.of("#!/bin/sh -u\necho \"$0\" ran", dir, ENV));

        assertThat(sink.lines()).singleElement().asString().endsWith("script.sh ran");
    }

    @Test
    void decodesOutputInTheScriptsEncoding() {
        run(script("echo caf\u00e9").withEncoding(StandardCharsets.ISO_8859_1));

        assertThat(sink.lines()).containsExactly("caf\u00e9");
    }

    @Test
    void reportsAMissingShellInOneLine() {
        assertThatThrownBy(() -> runner.withShell(Path.of("/no/such/sh"))
                        .run(script("true"), UnaryOperator.identity(), sink, new Cancellation()))
                .isInstanceOf(ScriptException.CannotStart.class)
                .hasMessage("cannot run script: shell /no/such/sh does not exist");
    }

    @Test
    void reportsAMissingWorkingDirectoryInOneLine() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> run(ShellScript.of("true", missing, ENV)))
                .isInstanceOf(ScriptException.CannotStart.class)
                .hasMessage("cannot run script: working directory " + missing + " does not exist");
    }

    @Test
    void reportsATemporaryDirectoryThatCannotBeCreatedInOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("a file"), "");

        assertThatThrownBy(() -> runner.withTemporaryDirectory(file)
                        .run(script("true"), UnaryOperator.identity(), sink, new Cancellation()))
                .isInstanceOf(ScriptException.CannotStart.class)
                .hasMessage("cannot run script: its temporary directory cannot be created in " + file
                        + " (FileAlreadyExistsException)");
    }

    @Test
    void deletesTheScriptAndItsOutputWhenDone() throws IOException {
        Path tmp = dir.resolve("tmp");
        ShellRunner inTmp = runner.withTemporaryDirectory(tmp);

        inTmp.run(script("echo $0 > where"), UnaryOperator.identity(), sink, new Cancellation());
        assertThatThrownBy(() -> inTmp.run(script("exit 1"), UnaryOperator.identity(), sink, new Cancellation()))
                .isInstanceOf(ScriptException.Failed.class);

        assertThat(Files.readString(dir.resolve("where"))).startsWith(tmp.toString());
        try (var left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aBackgroundProcessHoldingStdoutOpenDoesNotHangTheCall() throws IOException {
        try {
            ShellResult streamed = run(script("sleep 1000 & echo $! > bg1\necho done"));
            ShellResult returned =
                    run(script("sleep 1000 & echo $! > bg2\necho value").withStdout(Stdout.RETURN_TRIMMED));

            assertThat(streamed.duration()).isLessThan(Duration.ofSeconds(3));
            assertThat(returned.duration()).isLessThan(Duration.ofSeconds(3));
            assertThat(returned.stdout()).contains("value");
            assertThat(sink.lines()).containsExactly("done");
        } finally {
            for (String f : List.of("bg1", "bg2")) {
                if (Files.exists(dir.resolve(f))) {
                    ProcessHandle.of(Long.parseLong(
                                    Files.readString(dir.resolve(f)).strip()))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    @Test
    void leavesBackgroundProcessesRunningWhenTheScriptEndsNormally() throws IOException {
        run(script("sleep 1000 >/dev/null 2>&1 & echo $! > bg"));
        ProcessHandle bg = ProcessHandle.of(
                        Long.parseLong(Files.readString(dir.resolve("bg")).strip()))
                .orElseThrow();
        try {
            assertThat(bg.isAlive()).isTrue();
        } finally {
            bg.destroyForcibly();
        }
    }

    static Map<String, String> parseEnv(String env) {
        return env.lines()
                .map(l -> l.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : "", (a, b) -> b, LinkedHashMap::new));
    }
}
