package io.jenkins.plugins.orchestra.deploy.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.deploy.ExecResult;
import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ssh target's connections against real OpenSSH servers on loopback, one per "host". */
class SshConnectorTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<OpenSshServer> servers = new ArrayList<>();
    private final List<SshConnector> connectors = new ArrayList<>();
    private Path knownHosts;
    private RecordingStepHost host;

    @BeforeEach
    void setUp() {
        assumeTrue(OpenSshServer.isAvailable(), "openssh-server is not installed");
        knownHosts = dir.resolve("known_hosts");
        host = new RecordingStepHost(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        connectors.forEach(SshConnector::close);
        for (OpenSshServer s : servers) {
            s.close();
        }
    }

    @Test
    void runsCommandsAndUploadsFilesOnSeveralHosts() throws Exception {
        List<OpenSshServer> hosts = List.of(sshd("a"), sshd("b"), sshd("c"));
        SshConnector ssh =
                connector(settings(hosts, "key-a"), key("key-a", hosts.get(0).userKey()));
        // the three servers let in the same key
        hosts.get(1).authorize(Path.of(hosts.get(0).userKey() + ".pub"));
        hosts.get(2).authorize(Path.of(hosts.get(0).userKey() + ".pub"));
        byte[] content = randomBytes(3 * 1024 * 1024 + 17);
        Path artifact = Files.write(dir.resolve("app.tar.gz"), content);
        for (OpenSshServer sshd : hosts) {
            HostConnection c = ssh.connect(name(sshd));
            assertThat(c.name()).isEqualTo(name(sshd));
            ExecResult r = c.exec("echo out; echo err >&2; exit 3", T);
            assertThat(r).isEqualTo(new ExecResult(3, "out\n", "err\n"));
            Path remote = dir.resolve("upload-" + sshd.port() + ".bin");
            c.upload(artifact, remote.toString());
            assertThat(Files.readAllBytes(remote)).isEqualTo(content);
            assertThat(c.exec("sha256sum " + remote, T).stdout()).startsWith(sha256(content));
            // replaces what is there
            c.upload(Files.writeString(dir.resolve("small.txt"), "small"), remote.toString());
            assertThat(Files.readString(remote)).isEqualTo("small");
        }
    }

    @Test
    void commandsSeeEndOfInputAndKeepLongOutput() throws Exception {
        OpenSshServer sshd = sshd("a");
        HostConnection c = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()))
                .connect(name(sshd));
        assertThat(c.exec("cat; echo done", T).stdout()).isEqualTo("done\n");
        ExecResult big = c.exec("seq 1 400000", T);
        assertThat(big.exitCode()).isZero();
        assertThat(big.stdout()).endsWith("\n399999\n400000\n");
        assertThat(big.lastLine()).isEqualTo("400000");
    }

    @Test
    void reusesOneSessionForEveryCallToAHost() throws Exception {
        OpenSshServer sshd = sshd("a");
        SshConnector ssh = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()));
        Path file = Files.writeString(dir.resolve("f.txt"), "x");
        for (int i = 0; i < 3; i++) {
            try (HostConnection c = ssh.connect(name(sshd))) {
                for (int j = 0; j < 10; j++) {
                    assertThat(c.exec("echo " + j, T).stdout()).isEqualTo(j + "\n");
                }
                c.upload(file, dir.resolve("f" + i).toString());
            }
        }
        assertThat(sshd.acceptedLogins()).as(sshd.log()).isEqualTo(1);
    }

    @Test
    void opensSessionsToManyHostsFromManyThreadsAtOnce() throws Exception {
        List<OpenSshServer> hosts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            OpenSshServer s = sshd("h" + i);
            if (i > 0) {
                s.authorize(Path.of(hosts.get(0).userKey() + ".pub"));
            }
            hosts.add(s);
        }
        SshConnector ssh = connector(settings(hosts, "k"), key("k", hosts.get(0).userKey()));
        ExecutorService pool = Executors.newFixedThreadPool(18);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (OpenSshServer s : hosts) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return ssh.connect(name(s)).exec("echo " + s.port(), T).stdout();
                    }));
                }
            }
            go.countDown();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get())
                        .isEqualTo(hosts.get(i % hosts.size()).port() + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
        for (OpenSshServer s : hosts) {
            assertThat(s.acceptedLogins())
                    .as("one session per host, however many threads ask")
                    .isEqualTo(1);
        }
    }

    @Test
    void logsInWithAnRsaKeyUsingRsaSha2() throws Exception {
        OpenSshServer sshd = sshd("a");
        HostConnection c = connector(settings(List.of(sshd), "rsa"), key("rsa", sshd.userRsaKey()))
                .connect(name(sshd));
        assertThat(c.exec("echo ok", T).stdout()).isEqualTo("ok\n");
        // Debian's OpenSSH no longer accepts ssh-rsa (SHA-1) signatures: this login used rsa-sha2
        assertThat(sshd.log()).contains("Accepted publickey for " + sshd.user()).contains("RSA SHA256:");
    }

    @Test
    void logsInWithAnEd25519Key() throws Exception {
        OpenSshServer sshd = sshd("a");
        connector(settings(List.of(sshd), "ed"), key("ed", sshd.userKey())).connect(name(sshd));
        assertThat(sshd.log()).contains("ED25519 SHA256:");
    }

    @Test
    void logsInWithEcdsaKeysAndKeysInPemFormat() throws Exception {
        OpenSshServer sshd = sshd("a");
        Path ecdsa = dir.resolve("user_ecdsa");
        run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "384", "-N", "", "-f", ecdsa.toString());
        Path pem = dir.resolve("user_rsa_pem");
        run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", pem.toString());
        assertThat(Files.readString(pem)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        sshd.authorize(Path.of(ecdsa + ".pub"));
        sshd.authorize(Path.of(pem + ".pub"));
        connector(settings(List.of(sshd), "ec"), key("ec", ecdsa)).connect(name(sshd));
        assertThat(sshd.log()).contains("ECDSA SHA256:");
        connector(settings(List.of(sshd), "pem"), key("pem", pem)).connect(name(sshd));
        assertThat(sshd.log()).contains("RSA SHA256:");
        assertThat(sshd.acceptedLogins()).isEqualTo(2);
    }

    @Test
    void logsInWithAnEncryptedKeyAndItsPassphrase() throws Exception {
        OpenSshServer sshd = sshd("a");
        Path encrypted = dir.resolve("encrypted_key");
        Files.copy(sshd.userKey(), encrypted);
        run("ssh-keygen", "-q", "-p", "-P", "", "-N", "correct horse battery", "-f", encrypted.toString());
        Secret passphrase = Secret.of("correct horse battery");
        Secret keyText = Secret.of(Files.readString(encrypted));
        host.credential(new SshUserPrivateKeyCredential("enc", sshd.user(), keyText, Optional.of(passphrase)));
        HostConnection c = connector(settings(List.of(sshd), "enc")).connect(name(sshd));
        assertThat(c.exec("echo ok", T).stdout()).isEqualTo("ok\n");
        assertThat(host.secrets()).contains(passphrase, keyText);

        host.credential(
                new SshUserPrivateKeyCredential("wrong", sshd.user(), keyText, Optional.of(Secret.of("wrong one"))));
        assertThatThrownBy(() -> connector(settings(List.of(sshd), "wrong")))
                .isInstanceOf(SshSettingsException.class)
                .hasMessageStartingWith("targets.web.credentialsId: the private key of credentials 'wrong' cannot be"
                        + " read (wrong passphrase, or not an OpenSSH or PEM private key: ")
                .message()
                .doesNotContain("wrong one");
    }

    @Test
    void refusesAKeyTheHostDoesNotAuthorize() throws Exception {
        OpenSshServer sshd = sshd("a");
        OpenSshServer other = sshd("other");
        SshConnector ssh = connector(settings(List.of(sshd), "other-key"), key("other-key", other.userKey()));
        HostException e = failure(() -> ssh.connect(name(sshd)));
        assertThat(e.kind()).isEqualTo(HostException.Kind.AUTHENTICATION_FAILED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage())
                .isEqualTo(name(sshd) + ": refused the key of credentials 'other-key' for user " + sshd.user());
    }

    @Test
    void refusesAHostWhoseKeyChanged() throws Exception {
        OpenSshServer sshd = sshd("a");
        String expected = fingerprint(Path.of(dir + "/a/host_ed25519.pub"));
        SshConnector ssh = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()));
        sshd.stop();
        sshd.changeHostKey();
        sshd.start();
        String got = fingerprint(Path.of(dir + "/a/host_ed25519.pub"));
        HostException e = failure(() -> ssh.connect(name(sshd)));
        assertThat(e.kind()).isEqualTo(HostException.Kind.HOST_KEY_REJECTED);
        assertThat(e.getMessage())
                .isEqualTo(name(sshd) + ": host key changed: expected " + expected + " (ssh-ed25519), got " + got
                        + " (ssh-ed25519) — if the change is expected, update known_hosts: ssh-keygen -f "
                        + knownHosts + " -R '[127.0.0.1]:" + sshd.port() + "'");
        assertThat(sshd.acceptedLogins()).isZero();
    }

    @Test
    void refusesAHostNotInKnownHosts() throws Exception {
        OpenSshServer sshd = sshd("a");
        Files.writeString(knownHosts, "");
        SshConnector ssh = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()));
        HostException e = failure(() -> ssh.connect(name(sshd)));
        assertThat(e.kind()).isEqualTo(HostException.Kind.HOST_KEY_REJECTED);
        assertThat(e.getMessage())
                .startsWith(name(sshd) + ": host key SHA256:")
                .endsWith("(ssh-ed25519) is not in known_hosts (" + knownHosts + "); add it with ssh-keyscan -p "
                        + sshd.port() + " 127.0.0.1 >> " + knownHosts + " or set trustOnFirstUse");
        assertThat(Files.readString(knownHosts)).isEmpty();
    }

    @Test
    void trustsAnUnknownHostOnFirstUseWithAWarningAndRemembersIt() throws Exception {
        OpenSshServer sshd = sshd("a");
        Path file = dir.resolve("fresh/.ssh/known_hosts");
        SshSettings tofu = new SshSettings(
                "web",
                List.of(name(sshd)),
                Optional.empty(),
                22,
                Optional.of("k"),
                file,
                true,
                Optional.empty(),
                Optional.empty(),
                T,
                T,
                T);
        host.credential(key("k", sshd.userKey()));
        connector(tofu).connect(name(sshd)).exec("true", T);
        String fingerprint = fingerprint(Path.of(dir + "/a/host_ed25519.pub"));
        assertThat(host.unmaskedLines())
                .singleElement()
                .asString()
                .startsWith("WARNING: trusting " + name(sshd) + " on first use (trustOnFirstUse is set): its host key "
                        + fingerprint + " (ssh-ed25519) was not in known_hosts and is now added to " + file);
        assertThat(Files.readString(file)).isEqualTo(sshd.knownHostsLine() + "\n");
        // OpenSSH reads what we wrote
        assertThat(run("ssh-keygen", "-F", "[127.0.0.1]:" + sshd.port(), "-f", file.toString()))
                .contains("ssh-ed25519");
        // and the next connector knows the host without trusting anyone
        connector(tofu.withTrustOnFirstUse(false)).connect(name(sshd));
        assertThat(host.unmaskedLines()).hasSize(1);

        // a changed key is refused even with trust on first use
        sshd.stop();
        sshd.changeHostKey();
        sshd.start();
        HostException e = failure(() -> connector(tofu).connect(name(sshd)));
        assertThat(e.kind()).isEqualTo(HostException.Kind.HOST_KEY_REJECTED);
        assertThat(e.getMessage()).contains("host key changed");
    }

    @Test
    void readsHashedKnownHostsAndAsksForTheKnownKeyType() throws Exception {
        OpenSshServer sshd = sshd("a");
        String rsaLine = sshd.addHostKey("rsa");
        sshd.stop();
        sshd.start();
        // only the RSA key is known, hashed as HashKnownHosts writes it: the host must be asked for that one
        Files.writeString(knownHosts, rsaLine + "\n");
        run("ssh-keygen", "-H", "-f", knownHosts.toString());
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");
        HostConnection c = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()))
                .connect(name(sshd));
        assertThat(c.exec("echo ok", T).stdout()).isEqualTo("ok\n");
    }

    @Test
    void goesThroughAJumpHostWithItsOwnCredentials() throws Exception {
        OpenSshServer jump = sshd("jump");
        OpenSshServer target = sshd("target");
        SshSettings settings = settings(List.of(target), "target-key")
                .withJumpHost(
                        SshSettings.JumpHost.parse(jump.user() + "@127.0.0.1:" + jump.port()), Optional.of("jump-key"));
        host.credential(key("jump-key", jump.userKey()));
        SshConnector ssh = connector(settings, key("target-key", target.userKey()));
        HostConnection c = ssh.connect(name(target));
        assertThat(c.exec("echo via jump", T).stdout()).isEqualTo("via jump\n");
        c.upload(
                Files.writeString(dir.resolve("j.txt"), "jumped"),
                dir.resolve("j-out.txt").toString());
        assertThat(Files.readString(dir.resolve("j-out.txt"))).isEqualTo("jumped");
        assertThat(jump.acceptedLogins()).isEqualTo(1);
        assertThat(target.acceptedLogins()).isEqualTo(1);
        // the target's connection came out of the jump host's sshd, which allows forwarding by default
        assertThat(Files.readString(dir.resolve("jump/sshd_config"))).doesNotContain("AllowTcpForwarding");
    }

    @Test
    void usesTheTargetCredentialsForTheJumpHostUnlessTold() throws Exception {
        OpenSshServer jump = sshd("jump");
        OpenSshServer target = sshd("target");
        jump.authorize(Path.of(target.userKey() + ".pub"));
        SshSettings settings = settings(List.of(target), "k")
                .withJumpHost(SshSettings.JumpHost.parse("127.0.0.1:" + jump.port()), Optional.empty());
        HostConnection c = connector(settings, key("k", target.userKey())).connect(name(target));
        assertThat(c.exec("echo ok", T).stdout()).isEqualTo("ok\n");
        assertThat(jump.log()).contains("Accepted publickey for " + jump.user());
    }

    @Test
    void saysWhenTheJumpHostCannotReachTheTarget() throws Exception {
        OpenSshServer jump = sshd("jump");
        jump.configure("AllowTcpForwarding no");
        jump.stop();
        jump.start();
        OpenSshServer target = sshd("target");
        jump.authorize(Path.of(target.userKey() + ".pub"));
        SshSettings settings = settings(List.of(target), "k")
                .withJumpHost(SshSettings.JumpHost.parse("127.0.0.1:" + jump.port()), Optional.empty());
        HostException e =
                failure(() -> connector(settings, key("k", target.userKey())).connect(name(target)));
        assertThat(e.kind()).isEqualTo(HostException.Kind.UNREACHABLE);
        assertThat(e.getMessage())
                .isEqualTo(name(target) + ": cannot reach " + name(target) + " through jump host 127.0.0.1:"
                        + jump.port() + ": the connection closed before the SSH handshake (is the host up, and does"
                        + " the jump host allow TCP forwarding?)");
        assertThat(target.acceptedLogins()).isZero();
    }

    @Test
    void namesTheJumpHostWhenItRefusesUs() throws Exception {
        OpenSshServer jump = sshd("jump");
        OpenSshServer target = sshd("target");
        SshSettings settings = settings(List.of(target), "k")
                .withJumpHost(SshSettings.JumpHost.parse("127.0.0.1:" + jump.port()), Optional.empty());
        HostException e =
                failure(() -> connector(settings, key("k", target.userKey())).connect(name(target)));
        assertThat(e.kind()).isEqualTo(HostException.Kind.AUTHENTICATION_FAILED);
        assertThat(e.getMessage())
                .isEqualTo(name(target) + ": jump host 127.0.0.1:" + jump.port()
                        + ": refused the key of credentials 'k' for user " + jump.user());
    }

    @Test
    void reportsAHostWhereNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OpenSshServer sshd = sshd("a");
        SshSettings settings = SshSettings.of("web", List.of("127.0.0.1:" + port), "k", knownHosts);
        HostException e =
                failure(() -> connector(settings, key("k", sshd.userKey())).connect("127.0.0.1:" + port));
        assertThat(e.kind()).isEqualTo(HostException.Kind.UNREACHABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage())
                .isEqualTo("127.0.0.1:" + port + ": cannot connect to 127.0.0.1:" + port + ": connection refused");
    }

    @Test
    void reportsAHostThatStopsMidUseAndReconnectsWhenItIsBack() throws Exception {
        OpenSshServer sshd = sshd("a");
        HostConnection c = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()))
                .connect(name(sshd));
        assertThat(c.exec("echo 1", T).stdout()).isEqualTo("1\n");
        sshd.stop();
        HostException e = failure(() -> c.exec("echo 2", T));
        assertThat(e.kind()).isEqualTo(HostException.Kind.UNREACHABLE);
        // depending on whether the client saw the connection end before the call
        assertThat(e.getMessage())
                .matches(java.util.regex.Pattern.quote(name(sshd) + ": ")
                        + "(cannot start a command: the connection was lost"
                        + "|the connection was lost while a command ran"
                        + "|cannot connect to 127\\.0\\.0\\.1:\\d+: connection refused)");
        HostException upload = failure(() -> c.upload(Files.writeString(dir.resolve("u"), "u"), dir + "/u2"));
        assertThat(upload.kind()).isEqualTo(HostException.Kind.UNREACHABLE);
        assertThat(upload.getMessage())
                .isEqualTo(name(sshd) + ": cannot connect to " + name(sshd) + ": connection refused");
        sshd.start();
        assertThat(c.exec("echo 3", T).stdout()).isEqualTo("3\n");
        assertThat(sshd.acceptedLogins()).isEqualTo(2);
    }

    @Test
    void stopsACommandThatOutlivesItsTimeout() throws Exception {
        OpenSshServer sshd = sshd("a");
        HostConnection c = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()))
                .connect(name(sshd));
        String sleep = "sleep " + uniqueSeconds();
        HostException e = failure(() -> c.exec(sleep + "; echo never", Duration.ofMillis(700)));
        assertThat(e.kind()).isEqualTo(HostException.Kind.TIMED_OUT);
        assertThat(e.getMessage())
                .isEqualTo(
                        name(sshd) + ": a command did not end within 700ms and was stopped: " + sleep + "; echo never");
        awaitGone(sleep);
        // the session is still good
        assertThat(c.exec("echo after", T).stdout()).isEqualTo("after\n");
    }

    @Test
    void stopsACommandWhenItsThreadIsInterrupted() throws Exception {
        OpenSshServer sshd = sshd("a");
        HostConnection c = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()))
                .connect(name(sshd));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        String sleep = "sleep " + uniqueSeconds();
        Thread t = new Thread(() -> {
            try {
                c.exec(sleep, T);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        awaitRunning(sleep);
        t.interrupt();
        t.join(10_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        awaitGone(sleep);
    }

    @Test
    void namesThePathWhenAnUploadCannotBeWritten() throws Exception {
        OpenSshServer sshd = sshd("a");
        HostConnection c = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()))
                .connect(name(sshd));
        Path file = Files.write(dir.resolve("artifact.bin"), randomBytes(2 * 1024 * 1024));

        String missing = dir + "/no/such/dir/app.tar.gz";
        HostException e = failure(() -> c.upload(file, missing));
        assertThat(e.kind()).isEqualTo(HostException.Kind.TRANSFER_FAILED);
        assertThat(e.getMessage())
                .isEqualTo(
                        name(sshd) + ": upload to " + missing + " failed: no such directory " + dir + "/no/such/dir");

        // root may write anywhere, except where the file system says no
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeTrue(run0("chattr", "+i", locked.toString()) == 0, "chattr +i is not supported here");
        try {
            HostException denied = failure(() -> c.upload(file, locked + "/app.tar.gz"));
            assertThat(denied.kind()).isEqualTo(HostException.Kind.TRANSFER_FAILED);
            assertThat(denied.getMessage())
                    .isEqualTo(name(sshd) + ": upload to " + locked + "/app.tar.gz failed: permission denied");
        } finally {
            run0("chattr", "-i", locked.toString());
        }
        // the connection is still good
        c.upload(file, dir + "/fine.bin");
    }

    @Test
    void saysWhenTheDiskIsFull() throws Exception {
        OpenSshServer sshd = sshd("a");
        HostConnection c = connector(settings(List.of(sshd), "k"), key("k", sshd.userKey()))
                .connect(name(sshd));
        Path small = Files.createDirectory(dir.resolve("small"));
        assumeTrue(
                run0("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()) == 0,
                "cannot mount a small tmpfs here");
        try {
            Path file = Files.write(dir.resolve("artifact.bin"), randomBytes(3 * 1024 * 1024));
            HostException e = failure(() -> c.upload(file, small + "/app.tar.gz"));
            assertThat(e.kind()).isEqualTo(HostException.Kind.TRANSFER_FAILED);
            assertThat(e.getMessage())
                    .startsWith(
                            name(sshd) + ": upload to " + small + "/app.tar.gz failed: no space left on the device (")
                    .endsWith(" KiB free on " + small + ", 3072 KiB needed)");
        } finally {
            run0("umount", small.toString());
        }
    }

    @Test
    void neverPutsSecretsInMessagesOrOutput() throws Exception {
        OpenSshServer sshd = sshd("a");
        Secret keyText = Secret.of(Files.readString(sshd.userKey()));
        host.credential(new SshUserPrivateKeyCredential("k", sshd.user(), keyText, Optional.empty()));
        SshConnector ssh = connector(settings(List.of(sshd), "k").withTrustOnFirstUse(true));
        HostConnection c = ssh.connect(name(sshd));
        List<String> texts = new ArrayList<>();
        texts.add(failure(() -> c.exec("sleep 5", Duration.ofMillis(200))).getMessage());
        texts.add(failure(() -> c.upload(sshd.userKey(), "/no/such/dir/x")).getMessage());
        sshd.stop();
        texts.add(failure(() -> c.exec("true", T)).getMessage());
        texts.addAll(host.unmaskedLines());
        assertThat(host.secrets()).contains(keyText);
        String keyBody = keyText.reveal().lines().skip(1).findFirst().orElseThrow();
        for (String text : texts) {
            assertThat(text).doesNotContain(keyBody).doesNotContain("PRIVATE KEY");
        }
    }

    // --- helpers

    private OpenSshServer sshd(String name) throws Exception {
        OpenSshServer s = OpenSshServer.start(dir.resolve(name));
        servers.add(s);
        Files.writeString(
                knownHosts,
                s.knownHostsLine() + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return s;
    }

    private static String name(OpenSshServer s) {
        return "127.0.0.1:" + s.port();
    }

    private SshSettings settings(List<OpenSshServer> hosts, String credentialsId) {
        return SshSettings.of("web", hosts.stream().map(SshConnectorTest::name).toList(), credentialsId, knownHosts);
    }

    private SshUserPrivateKeyCredential key(String id, Path file) throws IOException {
        return new SshUserPrivateKeyCredential(
                id, System.getProperty("user.name"), Secret.of(Files.readString(file)), Optional.empty());
    }

    private SshConnector connector(SshSettings settings, SshUserPrivateKeyCredential... credentials) {
        for (SshUserPrivateKeyCredential c : credentials) {
            host.credential(c);
        }
        SshConnector c = SshConnector.create(settings, host);
        connectors.add(c);
        return c;
    }

    interface Call {
        void run() throws Exception;
    }

    private static HostException failure(Call call) {
        return catchThrowableOfType(HostException.class, call::run);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static String fingerprint(Path pub) throws Exception {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).split("\\s+")[1];
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

    private static boolean running(String commandLine) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().commandLine().orElse("").contains(commandLine));
    }

    private static void awaitRunning(String commandLine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!running(commandLine)) {
            assertThat(System.nanoTime() < deadline)
                    .as(commandLine + " started")
                    .isTrue();
            Thread.sleep(20);
        }
    }

    private static void awaitGone(String commandLine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (running(commandLine)) {
            assertThat(System.nanoTime() < deadline)
                    .as(commandLine + " was killed")
                    .isTrue();
            Thread.sleep(20);
        }
    }

    /** A sleep length no other test run on this machine uses, so process checks see only this run's command. */
    private static long uniqueSeconds() {
        return 10_000_000L
                + ProcessHandle.current().pid() * 1000L
                + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000);
    }
}
