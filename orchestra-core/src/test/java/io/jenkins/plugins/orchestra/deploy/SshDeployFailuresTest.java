package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong with an {@code ssh} target, against three real OpenSSH servers shared by the class: a host that
 * does not answer, a key it refuses, a host key that is not the known one, a full disk; and what must never show:
 * the key and its passphrase. Every deploy that cannot start must leave every host as it was.
 */
@Timeout(120)
class SshDeployFailuresTest {
    private static final String PASSPHRASE = "planted-Passphrase-8317";

    @TempDir
    static Path serverDir;

    private static SshHosts ssh;

    @TempDir
    Path ws;

    private final Deployer deployer = new Deployer(TargetKinds.defaults());

    @BeforeAll
    static void startHosts() throws Exception {
        assumeTrue(OpenSshServer.isAvailable(), "openssh-server is not installed");
        ssh = SshHosts.start(serverDir, 3, 21);
    }

    @AfterAll
    static void stopHosts() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
    }

    @BeforeEach
    void artifacts() throws Exception {
        Fixtures.tarGz(ws, "v1.tar.gz", "1");
        Fixtures.tarGz(ws, "v2.tar.gz", "2");
    }

    private RecordingStepHost host(Map<String, Object> target) throws Exception {
        return new RecordingStepHost(ws).target("web", target).credential(ssh.credential());
    }

    private Map<String, Object> target() {
        return ssh.target(ws.resolve("srv"), 3);
    }

    private DeployResult deploy(RecordingStepHost host, String version, Object... kv) throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", "web");
        args.put("artifact", "v" + version + ".tar.gz");
        args.put("version", version);
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        return deployer.deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
    }

    private Path base(int i) {
        return ws.resolve("srv/h" + (i + 1));
    }

    private List<Map<String, String>> trees() throws Exception {
        List<Map<String, String>> trees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trees.add(SshHosts.tree(base(i)));
        }
        return trees;
    }

    /** Deploys 1 everywhere, then returns what every host holds. */
    private List<Map<String, String>> deployedOne() throws Exception {
        assertThat(deploy(host(target()), "1").succeeded()).isTrue();
        return trees();
    }

    @Test
    void aHostWhoseKeyIsNotTheKnownOneIsRefusedAndNoHostIsChanged() throws Exception {
        List<Map<String, String>> before = deployedOne();
        // known_hosts holds another key for the second host: a host key mismatch, as after a reinstall or an attack
        Path other = ws.resolve("other_host_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        String[] otherKey = Files.readString(Path.of(other + ".pub")).trim().split("\\s+");
        Path knownHosts = ws.resolve("known_hosts");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(ssh.knownHosts())) {
            lines.add(
                    line.startsWith("[" + ssh.address(1) + "]")
                            ? line.split(" ")[0] + " " + otherKey[0] + " " + otherKey[1]
                            : line);
        }
        Files.write(knownHosts, lines);
        Map<String, Object> target = target();
        target.put("knownHosts", knownHosts.toString());
        int logins = ssh.server(1).acceptedLogins();

        DeployException e = catchThrowableOfType(DeployException.class, () -> deploy(host(target), "2"));

        assertThat(e.getMessage())
                .startsWith("deploy: nothing was changed: " + ssh.name(1) + ": host key changed: expected SHA256:")
                .contains(" (ssh-ed25519) — if the change is expected, update known_hosts: ssh-keygen -f " + knownHosts
                        + " -R '[" + ssh.address(1) + "]:" + ssh.server(1).port() + "'");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.result()).isEmpty();
        assertThat(ssh.server(1).acceptedLogins()).as("never logged in").isEqualTo(logins);
        assertThat(trees()).isEqualTo(before);
    }

    @Test
    void aKeyTheHostsRefuseFailsBeforeAnythingChanges() throws Exception {
        List<Map<String, String>> before = deployedOne();
        Path wrong = ws.resolve("wrong_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrong.toString());
        RecordingStepHost host = host(target())
                .credential(new SshUserPrivateKeyCredential(
                        "deploy-key", ssh.server(0).user(), Secret.of(Files.readString(wrong)), Optional.empty()));

        DeployException e = catchThrowableOfType(DeployException.class, () -> deploy(host, "2"));

        assertThat(e.getMessage())
                .startsWith("deploy: nothing was changed: ")
                .contains(ssh.name(0) + ": refused the key of credentials 'deploy-key' for user "
                        + ssh.server(0).user())
                .contains(ssh.name(2) + ": refused the key");
        assertThat(e.isRetryable()).isFalse();
        assertThat(trees()).isEqualTo(before);
    }

    @Test
    void aHostWhoseServerIsDownIsNamedAndNoHostIsChanged() throws Exception {
        OpenSshServer down = ssh.add(24);
        try {
            Map<String, Object> target = ssh.target(ws.resolve("srv"), List.of(ssh.server(0), down, ssh.server(1)));
            RecordingStepHost host = host(target);
            assertThat(deploy(host, "1").succeeded()).isTrue();
            List<Map<String, String>> before = trees();
            down.stop();

            DeployException e = catchThrowableOfType(DeployException.class, () -> deploy(host(target), "2"));

            assertThat(e.getMessage())
                    .isEqualTo("deploy: nothing was changed: " + SshHosts.name(down) + ": cannot connect to "
                            + SshHosts.name(down) + ": connection refused");
            assertThat(e.isRetryable()).as("a host that is down may come back").isTrue();
            assertThat(trees()).isEqualTo(before);
            assertThat(base(0).resolve(".orchestra/lock")).doesNotExist();
        } finally {
            down.close();
        }
    }

    @Test
    void aConnectionLostDuringTheRolloutFailsTheDeployAsRetryableAndAFailedHookDoesNot() throws Exception {
        deployedOne();
        // the hook kills the sshd process that serves its own connection: the host drops it mid-rollout
        String dropConnection = "p=$$; while [ \"$p\" -gt 1 ]; do case \"$(cat /proc/$p/comm)\" in sshd*)"
                + " kill -9 \"$p\"; sleep 5;; esac; p=$(cut -d' ' -f4 /proc/$p/stat); done";

        DeployException lost = catchThrowableOfType(
                DeployException.class,
                () -> deploy(host(target()), "2", "strategy", "rolling", "hooks", Map.of("before", dropConnection)));
        DeployException hookFailed = catchThrowableOfType(
                DeployException.class,
                () -> deploy(host(target()), "2", "strategy", "rolling", "hooks", Map.of("before", "exit 3")));

        assertThat(lost.getMessage())
                .startsWith("deploy: deploy to target 'web' failed: 1 of 3 hosts failed (" + ssh.name(0) + ": ")
                .contains("the connection was lost");
        assertThat(lost.isRetryable())
                .as("another try may get past a lost connection")
                .isTrue();
        assertThat(hookFailed.getMessage()).contains("before hook 'exit 3' exited 3");
        assertThat(hookFailed.isRetryable()).as("a hook that fails fails again").isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(Fixtures.live(base(i))).isEqualTo("1");
        }
        assertThat(deploy(host(target()), "2").succeeded()).isTrue();
    }

    @Test
    void aFullDiskOnOneHostFailsThatHostRollsBackTheOthersAndTheNextDeployStillFits() throws Exception {
        Path small = Files.createDirectories(base(1));
        assumeTrue(
                run0("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()) == 0,
                "cannot mount a small tmpfs here (needs root)");
        try {
            deployedOne();
            // 3 MiB that do not compress: more than the second host has room for
            Path src = Files.createDirectories(ws.resolve("big"));
            Files.writeString(src.resolve("index.html"), "version 2\n");
            byte[] noise = new byte[3 * 1024 * 1024];
            new Random(7).nextBytes(noise);
            Files.write(src.resolve("blob.bin"), noise);
            assertThat(new ProcessBuilder("tar", "-czf", ws.resolve("v2.tar.gz").toString(), "-C", src.toString(), ".")
                            .start()
                            .waitFor())
                    .isZero();
            RecordingStepHost host = host(target());

            DeployException e = catchThrowableOfType(DeployException.class, () -> deploy(host, "2"));

            assertThat(e.getMessage())
                    .startsWith("deploy: deploy to target 'web' failed: 1 of 3 hosts failed (" + ssh.name(1)
                            + ": upload to " + small + "/.orchestra/uploads/2.")
                    .contains(".part failed: no space left on the device (")
                    .contains(" KiB free on " + small + ", ");
            assertThat(e.result().orElseThrow().hosts())
                    .extracting(HostResult::outcome)
                    .doesNotContain(HostOutcome.DEPLOYED);
            for (int i = 0; i < 3; i++) {
                assertThat(Fixtures.live(base(i))).isEqualTo("1");
            }
            assertThat(small.resolve("releases/2")).doesNotExist();
            try (var uploads = Files.list(small.resolve(".orchestra/uploads"))) {
                assertThat(uploads).as("the partial upload is removed").isEmpty();
            }
            assertThat(small.resolve(".orchestra/lock")).doesNotExist();

            // what fits is deployed, to every host
            Fixtures.tarGz(ws, "v3.tar.gz", "3");
            assertThat(deploy(host(target()), "3").succeeded()).isTrue();
            assertThat(Fixtures.live(small)).isEqualTo("3");
        } finally {
            run0("umount", small.toString());
        }
    }

    @Test
    void theKeyAndItsPassphraseNeverShowInTheLogTheMessageOrTheOutputs() throws Exception {
        Path key = ws.resolve("encrypted_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", PASSPHRASE, "-f", key.toString());
        for (int i = 0; i < 3; i++) {
            ssh.server(i).authorize(Path.of(key + ".pub"));
        }
        String keyText = Files.readString(key);
        RecordingStepHost host = host(target())
                .credential(new SshUserPrivateKeyCredential(
                        "deploy-key", ssh.server(0).user(), Secret.of(keyText), Optional.of(Secret.of(PASSPHRASE))));
        // planted on the hosts, where a careless hook prints them
        Path planted = Files.writeString(ws.resolve("planted.txt"), "passphrase: " + PASSPHRASE + "\n");
        String leak = "cat " + planted + " " + key;

        DeployResult ok = deploy(host, "1", "hooks", Map.of("after", leak));
        assertThat(ok.succeeded()).isTrue();
        DeployException failed = catchThrowableOfType(
                DeployException.class,
                () -> deploy(host, "2", "hooks", Map.of("after", leak + " >&2; echo " + PASSPHRASE + " >&2; exit 1")));

        assertThat(host.log()).contains("passphrase: ****").contains("[" + ssh.name(0) + "] after hook: cat ");
        List<String> texts = List.of(
                host.log(),
                failed.getMessage(),
                failed.result().orElseThrow().toOutputs().toString(),
                ok.toOutputs().toString());
        String keyBody = keyText.lines().skip(1).findFirst().orElseThrow();
        for (String text : texts) {
            assertThat(text).doesNotContain(PASSPHRASE).doesNotContain(keyBody);
        }
        assertThat(failed.getMessage()).contains("exited 1: ****");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    private static int run0(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
