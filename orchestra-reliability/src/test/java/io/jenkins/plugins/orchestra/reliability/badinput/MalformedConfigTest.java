package io.jenkins.plugins.orchestra.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.reliability.badinput.Judge.Expect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed {@code orchestra.yaml} (not YAML, the wrong shapes, unknown kinds and settings, alias bombs, deep nesting,
 * a path out of the workspace) and malformed credentials files (not JSON, the wrong shapes, unknown types and fields,
 * open permissions, deep nesting, bytes that are not UTF-8), plus random mutations of valid ones. The step that reads
 * them fails with one line naming the file and the line or the setting; nothing is deployed, sent or written.
 *
 * <p>{@code -Dbadinput.configs=N} sets how many mutations of each file (30 in {@code mvn verify}).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MalformedConfigTest {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String VALID_YAML =
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
    private static final String USES_CONFIG =
            """
            node {
                deploy target: 'fleet', artifact: 'app.txt', version: '1.0'
                notify channel: 'out', required: true
            }
            """;
    private static final String USES_CHANNEL = "node {\n    notify channel: 'out', required: true\n}\n";
    private static final String VALID_CREDENTIALS =
            """
            {"credentials": {
              "token": {"type": "string", "secret": "s3cret"},
              "nexus": {"type": "usernamePassword", "username": "ci", "password": "pw"}
            }}
            """;
    private static final String USES_CREDENTIALS =
            """
            node {
                withCredentials([string(credentialsId: 'token', variable: 'T')]) {
                    writeFile file: 'used', text: 'x'
                }
            }
            """;

    @TempDir
    static Path dir;

    private static int boxes;

    @AfterAll
    static void report() {
        Tally.write();
    }

    @Test
    void malformedOrchestraYamlFailsTheStepNamingTheFileAndLineOrSetting() throws IOException {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("not YAML", new String[] {"targets: [unclosed\n  fleet: {\n", "orchestra\\.yaml(:\\d+|.*line \\d+)"});
        cases.put(
                "tabs", new String[] {"targets:\n\tfleet:\n\t\tkind: local\n", "orchestra\\.yaml(:\\d+|.*line \\d+)"});
        cases.put("a list at the top", new String[] {"- targets\n- channels\n", "orchestra.yaml"});
        cases.put("a scalar at the top", new String[] {"just words\n", "orchestra.yaml"});
        cases.put("targets as a list", new String[] {"targets:\n  - fleet\n", "targets"});
        cases.put("a target as a string", new String[] {"targets:\n  fleet: local\n", "fleet"});
        cases.put("unknown section", new String[] {"targetz:\n  fleet:\n    kind: local\n", "targetz"});
        cases.put("no kind", new String[] {"targets:\n  fleet:\n    hosts: [a]\n    base: x\n", "kind"});
        cases.put(
                "unknown kind",
                new String[] {"targets:\n  fleet:\n    kind: lokal\n    hosts: [a]\n    base: x\n", "lokal|kind"});
        cases.put(
                "kind of the wrong type",
                new String[] {"targets:\n  fleet:\n    kind: [local]\n    hosts: [a]\n    base: x\n", "kind"});
        cases.put(
                "hosts as a map",
                new String[] {"targets:\n  fleet:\n    kind: local\n    hosts: {a: 1}\n    base: x\n", "hosts"});
        cases.put("host with a command", new String[] {
            "targets:\n  fleet:\n    kind: local\n    hosts: ['a;touch ../pwned']\n    base: x/{host}\n", "host"
        });
        cases.put("no base", new String[] {"targets:\n  fleet:\n    kind: local\n    hosts: [a]\n", "base"});
        cases.put("unknown setting", new String[] {
            "targets:\n  fleet:\n    kind: local\n    hosts: [a]\n    base: x\n    colour: red\n", "colour"
        });
        cases.put("duplicate key", new String[] {
            "targets:\n  fleet:\n    kind: local\n    kind: ssh\n    hosts: [a]\n    base: x\n",
            "kind|duplicate|line \\d+"
        });
        cases.put(
                "outbox without a directory",
                new String[] {VALID_YAML.replace("    directory: target/outbox\n", ""), "directory"});
        cases.put(
                "outbox out of the workspace",
                new String[] {VALID_YAML.replace("target/outbox", "../../outside"), "directory"});
        cases.put(
                "channel of an unknown kind",
                new String[] {VALID_YAML.replace("kind: outbox", "kind: pigeon"), "pigeon|kind"});
        cases.put("alias bomb", new String[] {
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                    + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                    + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                    + "targets:\n  fleet: *f\n",
            "orchestra.yaml"
        });
        cases.put(
                "nesting 10,000 deep",
                new String[] {"targets: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n", "orchestra.yaml"});
        cases.put("a Java type tag", new String[] {
            "targets: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n",
            "orchestra.yaml"
        });
        cases.put("a megabyte of one key", new String[] {"k".repeat(1 << 20) + ": 1\n", "orchestra.yaml"});
        cases.put(
                "not UTF-8",
                new String[] {"targets:\n  fleet:\n    kind: local\n    base: caf\u00e9\n", "orchestra.yaml"});
        cases.put("NUL bytes", new String[] {"targets:\n  fleet:\0\0\n", "orchestra.yaml"});
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            byte[] yaml = c.getKey().equals("not UTF-8")
                    ? c.getValue()[0].getBytes(StandardCharsets.ISO_8859_1)
                    : c.getValue()[0].getBytes(StandardCharsets.UTF_8);
            problems.addAll(runWithConfig("orchestra.yaml", c.getKey(), yaml, c.getValue()[1], false));
        }
        int n = Seeds.count("configs", 30);
        for (int i = 0; i < n; i++) {
            SplittableRandom r = Seeds.random("yaml", i);
            Mutator.Mutant m = Mutator.mutate(VALID_YAML, r);
            String name = "mutant #" + i + " (seed " + Seeds.of("yaml", i) + ": " + String.join(", ", m.edits()) + ")";
            problems.addAll(runWithConfig(
                    "orchestra.yaml mutants",
                    name,
                    m.text().getBytes(StandardCharsets.UTF_8),
                    "orchestra.yaml|target|channel|kind|host|base|director",
                    true));
        }
        assertThat(Known.unknown(problems)).isEmpty();
    }

    @Test
    void malformedCredentialsFilesAreRefusedNamingTheFileAndLine() throws IOException {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("not JSON", new String[] {"{\"credentials\": {\"token\": ", "line \\d+"});
        cases.put("empty", new String[] {"", "credentials"});
        cases.put("a list at the top", new String[] {"[1, 2]", "credentials"});
        cases.put("credentials as a list", new String[] {"{\"credentials\": []}", "credentials"});
        cases.put("an entry as a string", new String[] {"{\"credentials\": {\"token\": \"s3cret\"}}", "token"});
        cases.put("no type", new String[] {"{\"credentials\": {\"token\": {\"secret\": \"s3cret\"}}}", "type"});
        cases.put("unknown type", new String[] {
            "{\"credentials\": {\"token\": {\"type\": \"strng\", \"secret\": \"s\"}}}", "strng|type"
        });
        cases.put(
                "unknown field",
                new String[] {"{\"credentials\": {\"token\": {\"type\": \"string\", \"secert\": \"s\"}}}", "secert"});
        cases.put(
                "secret of the wrong type",
                new String[] {"{\"credentials\": {\"token\": {\"type\": \"string\", \"secret\": 42}}}", "secret"});
        cases.put("secret missing", new String[] {"{\"credentials\": {\"token\": {\"type\": \"string\"}}}", "secret"});
        cases.put("key file missing", new String[] {
            "{\"credentials\": {\"token\": {\"type\": \"string\", \"secret\": \"s\"}, \"key\": {\"type\": \"sshUserPrivateKey\", \"username\": \"u\", \"privateKeyFile\": \"/nonexistent/key\"}}}",
            "key|privateKeyFile"
        });
        cases.put("duplicate id", new String[] {
            "{\"credentials\": {\"token\": {\"type\": \"string\", \"secret\": \"a\"}, \"token\": {\"type\": \"string\", \"secret\": \"b\"}}}",
            "token|duplicate|line \\d+"
        });
        cases.put(
                "nesting 10,000 deep",
                new String[] {"{\"credentials\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", "credentials"});
        cases.put("a megabyte of one id", new String[] {
            "{\"credentials\": {\"" + "t".repeat(1 << 20) + "\": {\"type\": \"string\", \"secret\": \"s\"}}}",
            "token|credentials"
        });
        cases.put("trailing garbage", new String[] {VALID_CREDENTIALS + "}}garbage", "line \\d+"});
        cases.put("not UTF-8", new String[] {
            "{\"credentials\": {\"token\": {\"type\": \"string\", \"secret\": \"caf\u00e9\"}}}", "line \\d+|UTF-8"
        });
        cases.put("NUL bytes", new String[] {
            "{\"credentials\": {\"token\": {\"type\": \"string\", \"secret\": \"a\0b\"}}}", "line \\d+"
        });
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            byte[] json = c.getKey().equals("not UTF-8")
                    ? c.getValue()[0].getBytes(StandardCharsets.ISO_8859_1)
                    : c.getValue()[0].getBytes(StandardCharsets.UTF_8);
            problems.addAll(
                    runWithCredentials("credentials.json", c.getKey(), json, c.getValue()[1], "rw-------", false));
        }
        problems.addAll(runWithCredentials(
                "credentials.json",
                "readable by others",
                VALID_CREDENTIALS.getBytes(StandardCharsets.UTF_8),
                "credentials|permission|600",
                "rw-r--r--",
                false));
        int n = Seeds.count("configs", 30);
        for (int i = 0; i < n; i++) {
            SplittableRandom r = Seeds.random("credentials", i);
            Mutator.Mutant m = Mutator.mutate(VALID_CREDENTIALS, r);
            String name =
                    "mutant #" + i + " (seed " + Seeds.of("credentials", i) + ": " + String.join(", ", m.edits()) + ")";
            problems.addAll(runWithCredentials(
                    "credentials.json mutants",
                    name,
                    m.text().getBytes(StandardCharsets.UTF_8),
                    "line \\d+|token|credentials",
                    "rw-------",
                    true));
        }
        assertThat(Known.unknown(problems)).isEmpty();
    }

    private static List<String> runWithConfig(String group, String name, byte[] yaml, String names, boolean mayAccept)
            throws IOException {
        Sandbox box = new Sandbox(dir.resolve("case-" + boxes++));
        Files.write(box.workspace().resolve("orchestra.yaml"), yaml);
        box.write("app.txt", "hello\n");
        boolean channel = name.contains("outbox") || name.contains("channel");
        Path jenkinsfile = box.write("Jenkinsfile", channel ? USES_CHANNEL : USES_CONFIG);
        box.snapshot();
        Cli.Outcome o = Cli.run(RUN, "run", "--no-ui", "--plain", jenkinsfile.toString());
        List<String> changes = mayAccept && o.exit() == 0 ? List.of() : box.changes();
        String p =
                Judge.judge(group, name, o, new Expect(Judge.Shape.STEP, Pattern.compile(names), mayAccept), changes);
        if (Files.exists(box.root().resolve("pwned"))) {
            p = name + ": a command in the configuration ran";
        }
        return p == null ? List.of() : List.of(p);
    }

    private static List<String> runWithCredentials(
            String group, String name, byte[] json, String names, String mode, boolean mayAccept) throws IOException {
        Sandbox box = new Sandbox(dir.resolve("case-" + boxes++));
        Path credentials = box.root().resolve("credentials.json");
        Files.write(credentials, json);
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString(mode));
        Path jenkinsfile = box.write("Jenkinsfile", USES_CREDENTIALS);
        box.snapshot();
        Cli.Outcome o = Cli.run(
                RUN, "run", "--no-ui", "--plain", "--credentials", credentials.toString(), jenkinsfile.toString());
        List<String> changes = mayAccept && o.exit() == 0 ? List.of() : box.changes();
        // the file is read when a step first needs a credential: the run fails there (exit 1); or before (exit 2)
        Expect e = new Expect(o.exit() == 2 ? Judge.Shape.USAGE : Judge.Shape.STEP, Pattern.compile(names), mayAccept);
        String p = Judge.judge(group, name, o, e, changes);
        return p == null ? List.of() : List.of(p);
    }
}
