package io.jenkins.plugins.orchestra.reliability.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.reliability.fixtures.Fleet;
import io.jenkins.plugins.orchestra.reliability.fixtures.RunnerJvm;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's SSH target against real OpenSSH servers, through a real {@code orchestra run}: a host whose key is not in
 * {@code known_hosts} (or with no {@code known_hosts} at all) is refused before anything is sent to it, unless
 * {@code trustOnFirstUse} is set, and then the console says so with a warning naming the fingerprint; a host whose key
 * changed is refused whatever {@code trustOnFirstUse} says, and {@code known_hosts} is left as it was.
 */
@Timeout(180)
class SshHostKeyAccessTest {
    private static final String JENKINSFILE =
            """
            node {
                sh 'mkdir -p app && echo 1.0 > app/VERSION && tar -czf app.tar.gz -C app .'
                for (t in ['unknown', 'no-file', 'changed', 'changed-tofu', 'tofu', 'control']) {
                    try {
                        deploy target: t, artifact: 'app.tar.gz', version: '1.0'
                        echo "MARK DEPLOYED ${t}"
                    } catch (e) {
                        echo "MARK REFUSED ${t}: ${e.message}"
                    }
                }
                deploy target: 'unknown', artifact: 'app.tar.gz', version: '1.0'
                echo 'MARK NOT REACHED'
            }
            """;

    static final AccessChecks checks = new AccessChecks("ssh");

    @TempDir
    static Path dir;

    private static Fleet fleet;

    @BeforeAll
    static void twoHostsOneOfWhichChangedItsKey() throws Exception {
        fleet = Fleet.start(dir.resolve("fleet"), 2, 71);
    }

    @AfterAll
    static void stopAndReport() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        checks.write();
    }

    @Test
    void refusesUnknownAndChangedHostKeysAndTrustsOnFirstUseOnlyWhenToldAndLoudly() throws Exception {
        OpenSshServer h0 = fleet.servers().get(0);
        OpenSshServer h1 = fleet.servers().get(1);
        Path ws = Files.createDirectories(dir.resolve("ws"));
        String h1OldLine = h1.knownHostsLine();
        h1.stop();
        h1.changeHostKey();
        h1.start();
        Files.writeString(ws.resolve("kh-unknown"), "");
        Files.writeString(ws.resolve("kh-tofu"), "");
        Files.writeString(ws.resolve("kh-changed"), h1OldLine + "\n");
        Files.writeString(ws.resolve("kh-changed-tofu"), h1OldLine + "\n");
        Files.writeString(ws.resolve("kh-control"), h1.knownHostsLine() + "\n");
        StringBuilder yaml = new StringBuilder("targets:\n");
        yaml.append(target("unknown", 0, "kh-unknown", false));
        yaml.append(target("no-file", 0, "kh-missing", false));
        yaml.append(target("changed", 1, "kh-changed", false));
        yaml.append(target("changed-tofu", 1, "kh-changed-tofu", true));
        yaml.append(target("tofu", 0, "kh-tofu", true));
        yaml.append(target("control", 1, "kh-control", false));
        Files.writeString(ws.resolve("orchestra.yaml"), yaml);
        Files.writeString(ws.resolve("Jenkinsfile"), JENKINSFILE);
        fleet.credentials(ws.resolve("credentials.json"));

        String out;
        int exit;
        try (RunnerJvm runner = RunnerJvm.start(
                ws, Map.of(), "run", "Jenkinsfile", "--credentials", "credentials.json", "--no-ui", "--plain")) {
            exit = runner.waitFor(Duration.ofSeconds(120));
            out = runner.output();
        }

        checks.check("a host not in known_hosts is refused, saying how to add it", () -> assertThat(out)
                .contains("MARK REFUSED unknown")
                .containsPattern("MARK REFUSED unknown: .*is not in known_hosts.*ssh-keyscan"));
        checks.check("a host with no known_hosts file at all is refused", () -> assertThat(out)
                .containsPattern("MARK REFUSED no-file: .*is not in known_hosts"));
        checks.check("refusing creates no known_hosts and leaves an empty one empty", () -> {
            assertThat(ws.resolve("kh-missing")).doesNotExist();
            assertThat(Files.readString(ws.resolve("kh-unknown"))).isEmpty();
        });
        checks.check("a host whose key changed is refused, naming both fingerprints", () -> assertThat(out)
                .containsPattern("MARK REFUSED changed: .*host key changed: expected SHA256:\\S+ .*got SHA256:"));
        checks.check("a host whose key changed is refused even with trustOnFirstUse", () -> assertThat(out)
                .containsPattern("MARK REFUSED changed-tofu: .*host key changed"));
        checks.check("a changed key is not written to known_hosts, with trustOnFirstUse or without", () -> {
            assertThat(Files.readString(ws.resolve("kh-changed"))).isEqualTo(h1OldLine + "\n");
            assertThat(Files.readString(ws.resolve("kh-changed-tofu"))).isEqualTo(h1OldLine + "\n");
        });
        checks.check("a refused host gets nothing: no release directory", () -> {
            for (String t : new String[] {"unknown", "no-file", "changed", "changed-tofu"}) {
                assertThat(dir.resolve("releases").resolve(t)).as(t).doesNotExist();
            }
        });
        checks.check("with trustOnFirstUse an unknown host is deployed to", () -> {
            assertThat(out).contains("MARK DEPLOYED tofu");
            assertThat(dir.resolve("releases/tofu/current")).exists();
        });
        checks.check("trusting on first use is a WARNING naming the host, the fingerprint and known_hosts", () -> {
            String fingerprint = fingerprint(h0.knownHostsLine());
            assertThat(out)
                    .containsPattern("WARNING: trusting " + java.util.regex.Pattern.quote(fleet.name(0))
                            + " on first use \\(trustOnFirstUse is set\\): its host key "
                            + java.util.regex.Pattern.quote(fingerprint) + ".* now added to .*kh-tofu");
        });
        checks.check("trusting on first use adds exactly the host's key to known_hosts", () -> assertThat(
                        Files.readString(ws.resolve("kh-tofu")).strip())
                .isEqualTo(h0.knownHostsLine()));
        checks.check("the changed host is fine with its new key (the refusals are about keys)", () -> {
            assertThat(out).contains("MARK DEPLOYED control");
            assertThat(dir.resolve("releases/control/current")).exists();
        });
        checks.check("no refused deploy logged in: each host's logins are those of its one accepted deploy", () -> {
            assertThat(h0.acceptedLogins()).isPositive();
            assertThat(h0.acceptedLogins()).isEqualTo(h1.acceptedLogins());
        });
        checks.check("a refused host key fails the run (exit 1) at the deploy, with the reason", () -> {
            assertThat(exit).isEqualTo(1);
            assertThat(out).doesNotContain("MARK NOT REACHED");
            assertThat(out.lines()
                            .filter(l -> l.contains("is not in known_hosts"))
                            .count())
                    .isGreaterThanOrEqualTo(2);
        });
        checks.check("no stack trace reaches the console", () -> assertThat(out)
                .doesNotContainPattern("\\n\\s+at [a-z]+\\.[\\w.$]+\\("));
        checks.assertAllPassed();
    }

    private static String target(String name, int host, String knownHosts, boolean trustOnFirstUse) {
        return """
                  %s:
                    kind: ssh
                    hosts: ["%s"]
                    bases:
                      "%s": %s
                    credentialsId: deploy-key
                    knownHosts: %s
                    trustOnFirstUse: %s
                    connectTimeout: 5s
                """
                .formatted(
                        name,
                        fleet.name(host),
                        fleet.name(host),
                        dir.resolve("releases").resolve(name),
                        knownHosts,
                        trustOnFirstUse);
    }

    /** The OpenSSH fingerprint ({@code SHA256:…}) of the key of a {@code known_hosts} line. */
    static String fingerprint(String knownHostsLine) throws Exception {
        byte[] blob = Base64.getDecoder().decode(knownHostsLine.split("\\s+")[2]);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }
}
