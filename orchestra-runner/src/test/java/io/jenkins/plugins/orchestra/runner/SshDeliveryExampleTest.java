package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/ssh-delivery} as a user runs it, pointed at two real OpenSSH servers on loopback instead of its
 * placeholder hosts: Ansible provisions both over SSH, the build makes a tar.gz, {@code deploy} rolls it out over SSH
 * with a command health check, and a message lands in the outbox; a second run changes nothing.
 */
@Timeout(300)
class SshDeliveryExampleTest {
    @TempDir
    Path dir;

    private OpenSshServer web1;
    private OpenSshServer web2;
    private Path example;
    private Path credentials;

    @BeforeEach
    void twoHostsAndTheExamplePointedAtThem() throws Exception {
        assumeTrue(OpenSshServer.isAvailable(), "openssh-server is not installed");
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH (apt-get install ansible)");
        web1 = OpenSshServer.start(
                dir.resolve("sshd-web1"), OpenSshServer.Options.defaults().withAddress("127.0.0.31"));
        web2 = OpenSshServer.start(
                dir.resolve("sshd-web2"), OpenSshServer.Options.defaults().withAddress("127.0.0.32"));
        // one deploy key for both hosts, as a fleet would have
        web2.authorize(Path.of(web1.userKey() + ".pub"));

        example = dir.resolve("ssh-delivery");
        copyTree(Path.of("..", "examples", "ssh-delivery").toAbsolutePath().normalize(), example);
        Path hosts = dir.resolve("hosts");
        rewrite(
                example.resolve("orchestra.yaml"),
                List.of("127.0.0.1:2201", name(web1), "127.0.0.2:2202", name(web2), "/tmp/ssh-delivery", hosts + ""));
        rewrite(
                example.resolve("ansible/inventory.ini"),
                List.of(
                        "ansible_host=127.0.0.1 ansible_port=2201",
                        "ansible_host=" + web1.host() + " ansible_port=" + web1.port(),
                        "ansible_host=127.0.0.2 ansible_port=2202",
                        "ansible_host=" + web2.host() + " ansible_port=" + web2.port(),
                        "/tmp/ssh-delivery",
                        hosts + ""));
        // what README.md says to do with ssh-keyscan, once the fingerprints are checked
        Files.writeString(example.resolve("known_hosts"), web1.knownHostsLine() + "\n" + web2.knownHostsLine() + "\n");
        credentials = dir.resolve("credentials.json");
        Files.writeString(
                credentials,
                """
                {"credentials": {
                  "deploy-key": {"type": "sshUserPrivateKey", "username": "%s", "privateKeyFile": "%s"}
                }}
                """
                        .formatted(web1.user(), web1.userKey()));
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stopHosts() throws Exception {
        if (web2 != null) {
            web2.close();
        }
        if (web1 != null) {
            web1.close();
        }
    }

    @Test
    void provisionsBuildsDeploysOverSshAndNotifiesAndASecondRunChangesNothing() throws Exception {
        String first = run();

        assertThat(first)
                .contains("Provisioned 2 host(s): 4 change(s)")
                .contains("Batch 1/2: " + name(web1), "Batch 2/2: " + name(web2))
                .contains("[" + name(web2) + "] healthy: ./bin/hello.sh --check")
                .contains("hello 1.0.0: deployed to " + name(web1) + ", " + name(web2))
                .contains("Finished: SUCCESS");
        for (String h : List.of("web1", "web2")) {
            Path base = dir.resolve("hosts/" + h);
            assertThat(Files.readSymbolicLink(base.resolve("current"))).isEqualTo(Path.of("releases/1.0.0"));
            assertThat(base.resolve("current/VERSION")).hasContent("1.0.0");
            assertThat(Files.isSymbolicLink(base.resolve("current/config/app.conf")))
                    .isTrue();
            assertThat(base.resolve("current/config/app.conf")).content().contains("HOST_NAME=\"" + h + "\"");
            assertThat(Files.readAllLines(base.resolve(".orchestra/releases.log")))
                    .singleElement()
                    .asString()
                    .contains("\tdeploy\t1.0.0\t");
            Process hello =
                    new ProcessBuilder(base.resolve("current/bin/hello.sh").toString()).start();
            assertThat(new String(hello.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("Hello from hello 1.0.0 on " + h + "\n");
        }
        Path outbox = example.resolve("target/outbox");
        assertThat(messages(outbox)).containsExactly("0001-releases.json");
        assertThat(Files.readString(outbox.resolve("0001-releases.json")))
                .contains("\"message\" : \"hello 1.0.0 is live on target web: deployed to " + name(web1) + ", "
                        + name(web2) + "\"");

        String second = run();

        assertThat(second)
                .contains("Provisioned 2 host(s): 0 change(s)")
                .contains("[" + name(web1) + "] 1.0.0 is already live with the same checksum: nothing to do")
                .contains("Nothing to do: 1.0.0 was already live on every host of target 'web'")
                .contains("Finished: SUCCESS");
        for (String h : List.of("web1", "web2")) {
            assertThat(Files.readAllLines(dir.resolve("hosts/" + h + "/.orchestra/releases.log")))
                    .hasSize(1);
        }
        assertThat(messages(outbox)).containsExactly("0001-releases.json", "0002-releases.json");
        assertThat(Files.readString(outbox.resolve("0002-releases.json")))
                .contains("\"message\" : \"hello 1.0.0 is live on target web: already live everywhere\"");
        assertThat(first + second).doesNotContain("PRIVATE KEY");
    }

    private String run() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {
                    "run", example.resolve("Jenkinsfile").toString(), "--credentials", credentials.toString(), "--plain"
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        return printed;
    }

    private static String name(OpenSshServer s) {
        return s.host() + ":" + s.port();
    }

    private static List<String> messages(Path outbox) throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Replaces each placeholder (even entries) with its value (odd entries), and fails if one is not there. */
    private static void rewrite(Path file, List<String> replacements) throws IOException {
        String text = Files.readString(file);
        for (int i = 0; i < replacements.size(); i += 2) {
            assertThat(text).as(file + " holds the placeholder").contains(replacements.get(i));
            text = text.replace(replacements.get(i), replacements.get(i + 1));
        }
        Files.writeString(file, text);
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
