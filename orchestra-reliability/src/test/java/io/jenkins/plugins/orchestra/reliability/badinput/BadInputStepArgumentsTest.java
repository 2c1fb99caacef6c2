package io.jenkins.plugins.orchestra.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.reliability.badinput.Judge.Expect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step arguments of the wrong type, empty, enormous (a megabyte), climbing out of the workspace ({@code ../}) or holding
 * shell metacharacters ({@code ;}, {@code $(…)}, backticks, line breaks) for {@code deploy} to a local target, {@code
 * provision} with the shell tool and {@code notify} to an outbox channel. Each call fails the run (exit code 1) with one
 * {@code ERROR:} line naming the argument, before anything is touched: no release, no {@code current}, no message in the
 * outbox, no file outside the workspace, and no command of an argument run ({@code pwned} never appears). Calls that
 * are valid however odd (a megabyte of message) may succeed, without a crash.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BadInputStepArgumentsTest {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String CONFIG =
            """
            targets:
              fleet:
                kind: local
                hosts: [web1, web2]
                base: target/hosts/{host}
            channels:
              out:
                kind: outbox
                directory: target/outbox
            """;

    @TempDir
    static Path dir;

    private static int boxes;

    @AfterAll
    static void report() {
        Tally.write();
    }

    /** One call: the step line, and what its error must name; {@code mayAccept} for valid-but-odd calls. */
    record Call(String step, String names, boolean mayAccept) {}

    private static Call bad(String step, String names) {
        return new Call(step, names, false);
    }

    private static Call odd(String step, String names) {
        return new Call(step, names, true);
    }

    @Test
    void deployRefusesBadArgumentsBeforeTouchingAHost() throws IOException {
        String ok = "target: 'fleet', artifact: 'app.txt', version: '1.0'";
        String inline = "target: [kind: 'local', hosts: [%s], base: 'target/hosts/{host}'], artifact: 'app.txt',"
                + " version: '1.0'";
        List<Call> calls = new ArrayList<>(List.of(
                bad("deploy target: 42, artifact: 'app.txt', version: '1.0'", "target"),
                bad("deploy target: '', artifact: 'app.txt', version: '1.0'", "target"),
                bad("deploy target: 'nope', artifact: 'app.txt', version: '1.0'", "nope"),
                bad("deploy target: 'fleet', version: '1.0'", "artifact"),
                bad("deploy target: 'fleet', artifact: '', version: '1.0'", "artifact"),
                bad("deploy target: 'fleet', artifact: ['a', 'b'], version: '1.0'", "artifact"),
                bad("deploy target: 'fleet', artifact: '../outside.txt', version: '1.0'", "artifact"),
                bad("deploy target: 'fleet', artifact: 'a/../../outside.txt', version: '1.0'", "artifact"),
                bad("deploy target: 'fleet', artifact: 'x' * (1 << 20), version: '1.0'", "artifact"),
                bad("deploy target: 'fleet', artifact: 'missing.tar.gz', version: '1.0'", "artifact|missing"),
                bad("deploy target: 'fleet', artifact: 'app.txt'", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: ''", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: [1]", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: '1.0; touch " + PWNED + "'", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: '$(touch " + PWNED + ")'", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: '`touch " + PWNED + "`'", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: '1.0\\ntouch " + PWNED + "'", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: '../1.0'", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: '..'", "version"),
                bad("deploy target: 'fleet', artifact: 'app.txt', version: 'v' * (1 << 20)", "version"),
                bad("deploy " + ok + ", strategy: 'yolo'", "strategy"),
                bad("deploy " + ok + ", strategy: 42", "strategy"),
                bad("deploy " + ok + ", strategy: 'rolling', batch: 'x'", "batch"),
                bad("deploy " + ok + ", strategy: 'rolling', batch: 0", "batch"),
                bad("deploy " + ok + ", strategy: 'rolling', batch: -1", "batch"),
                bad("deploy " + ok + ", keep: 0", "keep"),
                bad("deploy " + ok + ", keep: 'many'", "keep"),
                bad("deploy " + ok + ", maxFailures: 'x'", "maxFailures"),
                bad("deploy " + ok + ", pause: 'soon'", "pause"),
                bad("deploy " + ok + ", healthCheck: 42", "healthCheck"),
                bad("deploy " + ok + ", healthCheck: [url: 'ftp://x']", "healthCheck|url"),
                bad("deploy " + ok + ", healthCheck: [command: 'true', timeout: '-1s']", "timeout"),
                bad("deploy " + ok + ", hooks: 42", "hooks"),
                bad("deploy " + ok + ", hooks: [during: 'x']", "during|hooks"),
                bad("deploy " + ok + ", shared: ['../../outside']", "shared"),
                bad("deploy " + ok + ", shared: ['/etc/passwd']", "shared"),
                bad("deploy " + ok + ", shared: 42", "shared"),
                bad("deploy " + ok + ", helthCheck: 'http://x'", "helthCheck"),
                bad("deploy " + ok + ", rollbackOnFailure: 'maybe'", "rollbackOnFailure"),
                bad("deploy " + ok + ", lock: [staleAfter: 'never']", "staleAfter|lock"),
                bad("deploy " + inline.formatted("'web1; touch " + PWNED + "'"), "host"),
                bad("deploy " + inline.formatted("'$(touch " + PWNED + ")'"), "host"),
                bad("deploy " + inline.formatted("'`touch " + PWNED + "`'"), "host"),
                bad("deploy " + inline.formatted("'web1\\ntouch " + PWNED + "'"), "host"),
                bad("deploy " + inline.formatted("'../../outside'"), "host"),
                bad("deploy " + inline.formatted("''"), "host"),
                odd("deploy " + inline.formatted("42"), "host"), // 42 is a host name as good as any
                bad("deploy " + inline.formatted("'h' * (1 << 20)"), "host"),
                bad("deploy target: [kind: 'local', hosts: ['web1']], artifact: 'app.txt', version: '1.0'", "base"),
                bad(
                        "deploy target: [kind: 'lokal', hosts: ['web1'], base: 'x'], artifact: 'app.txt', version: '1.0'",
                        "kind|lokal"),
                bad(
                        "deploy target: [kind: 'local', hosts: ['web1'], base: 'x', colour: 'red'], artifact: 'app.txt',"
                                + " version: '1.0'",
                        "colour"),
                bad("deploy target: 'fleet', rollback: 'yes'", "rollback")));
        assertThat(Known.unknown(runAll("deploy (local target)", calls))).isEmpty();
    }

    @Test
    void provisionWithTheShellToolRefusesBadArgumentsBeforeRunningAnything() throws IOException {
        String ok = "tool: 'shell', script: 'touch " + PWNED + "'";
        List<Call> calls = List.of(
                bad("provision script: 'touch " + PWNED + "'", "tool"),
                bad("provision tool: 42, script: 'true'", "tool"),
                bad("provision tool: 'bash', script: 'true'", "tool|bash"),
                bad("provision tool: '', script: 'true'", "tool"),
                bad("provision tool: 'shell'", "script"),
                bad("provision tool: 'shell', script: ''", "script"),
                bad("provision tool: 'shell', script: ['a', 'b']", "script"),
                bad("provision " + ok + ", timeout: 'forever'", "timeout"),
                bad("provision " + ok + ", timeout: -5", "timeout"),
                bad("provision " + ok + ", env: 'A=b'", "env"),
                bad("provision " + ok + ", env: ['A;touch " + PWNED + "': 'x']", "env"),
                bad("provision " + ok + ", env: ['A=B': 'x']", "env"),
                bad("provision " + ok + ", dir: '../../outside'", "dir"),
                bad("provision " + ok + ", dir: 'd' * (1 << 20)", "dir"),
                bad("provision " + ok + ", dir: 42", "dir"),
                bad("provision " + ok + ", secretEnv: [X: 'no-such-credential']", "no-such-credential"),
                bad("provision " + ok + ", secretEnv: 'x'", "secretEnv"),
                bad("provision " + ok + ", dryRun: 'maybe'", "dryRun"),
                bad("provision " + ok + ", scirpt: 'x'", "scirpt"),
                bad("provision tool: 'shell', script: 'exit 3'", "exit code 3"),
                bad("provision tool: 'shell', script: 'echo \"not an output\" >> \"$ORCHESTRA_OUTPUTS\"'", "line 1"),
                odd("provision tool: 'shell', script: '#' * (1 << 20)", "script"));
        assertThat(Known.unknown(runAll("provision (shell tool)", calls))).isEmpty();
    }

    @Test
    void notifyToAnOutboxRefusesBadArgumentsBeforeSending() throws IOException {
        List<Call> calls = List.of(
                bad("notify message: 'hi'", "channel"),
                bad("notify channel: 42", "channel"),
                bad("notify channel: ''", "channel"),
                bad("notify channel: 'nope', required: true", "nope"),
                bad("notify channel: '../out', required: true", "channel|\\.\\./out"),
                bad("notify channel: ['out', 42]", "channel"),
                bad("notify channel: 'c' * (1 << 20), required: true", "channel"),
                bad("notify channel: [kind: 'outbox', directory: '../../outside'], required: true", "directory"),
                bad("notify channel: [kind: 'outbox', directory: '/tmp/../" + "outside'], required: true", "directory"),
                bad("notify channel: [kind: 'outbox'], required: true", "directory"),
                bad(
                        "notify channel: [kind: 'outbox', directory: 'x', name: 'a;touch " + PWNED
                                + "'], required: true",
                        "name"),
                bad("notify channel: [kind: 'outbox', directory: 'x', name: '../../outside'], required: true", "name"),
                bad("notify channel: 'out', when: 'sometimes'", "when|sometimes"),
                bad("notify channel: 'out', when: 42", "when"),
                bad("notify channel: 'out', retries: 11", "retries"),
                bad("notify channel: 'out', retries: -1", "retries"),
                bad("notify channel: 'out', logLines: 5000", "logLines"),
                bad("notify channel: 'out', timeout: 'x'", "timeout"),
                bad("notify channel: 'out', backoff: -1", "backoff"),
                bad("notify channel: 'out', title: [1]", "title"),
                bad("notify channel: 'out', required: 'maybe'", "required"),
                bad("notify channel: 'out', mesage: 'x'", "mesage"),
                bad("notify channel: 'out', message: '{{#unclosed}}'", "message|template"),
                odd("notify channel: 'out', message: 'm' * (1 << 20)", "message"),
                odd(
                        "notify channel: 'out', version: '$(touch " + PWNED + ")`touch " + PWNED + "`;touch " + PWNED
                                + "'",
                        "version"));
        assertThat(Known.unknown(runAll("notify (outbox channel)", calls))).isEmpty();
    }

    /** Where a command hidden in an argument would leave its mark: in the sandbox, outside the workspace. */
    private static final String PWNED = "../pwned";

    private static List<String> runAll(String group, List<Call> calls) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Call c : calls) {
            Sandbox box = new Sandbox(dir.resolve("case-" + boxes++));
            box.write("orchestra.yaml", CONFIG);
            box.write("app.txt", "hello\n");
            Files.writeString(box.root().resolve("outside.txt"), "outside\n");
            Path jenkinsfile = box.write("Jenkinsfile", "node {\n    " + c.step() + "\n}\n");
            box.snapshot();
            Cli.Outcome o = Cli.run(RUN, "run", "--no-ui", "--plain", jenkinsfile.toString());
            Expect e = new Expect(Judge.Shape.STEP, java.util.regex.Pattern.compile(c.names()), c.mayAccept());
            List<String> changes = box.changes();
            if (c.mayAccept() && o.exit() == 0) {
                changes = changes.stream()
                        .filter(ch -> !ch.startsWith("+ ws/target") && !ch.startsWith("~ ws/target"))
                        .toList();
            }
            String name = c.step().length() > 160 ? c.step().substring(0, 160) + "…" : c.step();
            String p = Judge.judge(group, name, o, e, changes);
            if (p == null && o.exit() == 0 && !changes.isEmpty()) {
                p = name + ": changed " + changes;
            }
            if (Files.exists(box.root().resolve("pwned"))) {
                p = name + ": a command in an argument ran (pwned exists)" + (p == null ? "" : "; " + p);
            }
            if (p != null) {
                problems.add(p);
            }
        }
        return problems;
    }
}
