package io.jenkins.plugins.orchestra.deploy.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts as OpenSSH writes and reads it, checked without a server. */
class KnownHostsTest {
    @TempDir
    Path dir;

    private String keyA;
    private String keyB;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void keys() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
        keyA = keygen("a");
        keyB = keygen("b");
    }

    @Test
    void matchesPatternsPortsAndHashedNames() throws Exception {
        Path file = write("*.example.com,!bad.example.com " + keyA, "[web2]:2222 " + keyA, "plain " + keyA);
        Files.writeString(dir.resolve("hashed"), "hashed.example.org " + keyA + "\n");
        run("ssh-keygen", "-H", "-f", dir.resolve("hashed").toString());
        Files.writeString(file, Files.readString(dir.resolve("hashed")), java.nio.file.StandardOpenOption.APPEND);
        KnownHosts known = new KnownHosts(file, false, warnings::add);
        assertThat(known.check(target("web1.example.com", 22), key(keyA))).isEmpty();
        assertThat(known.check(target("web2", 2222), key(keyA))).isEmpty();
        assertThat(known.check(target("hashed.example.org", 22), key(keyA))).isEmpty();
        assertThat(known.check(target("plain", 22), key(keyA))).isEmpty();
        // a name the patterns exclude, or another port, is not known
        assertThat(known.check(target("bad.example.com", 22), key(keyA)))
                .get()
                .asString()
                .contains("is not in known_hosts");
        assertThat(known.check(target("web2", 22), key(keyA))).get().asString().contains("is not in known_hosts");
        assertThat(known.check(target("plain", 2200), key(keyA)))
                .get()
                .asString()
                .contains("is not in known_hosts");
        assertThat(known.knownKeyTypes(new SshAddress("web2", 2222))).containsExactly("ssh-ed25519");
    }

    @Test
    void refusesARevokedKeyAndAChangedOne() throws Exception {
        Path file = write("@revoked * " + keyB, "web1 " + keyA);
        KnownHosts known = new KnownHosts(file, true, warnings::add);
        assertThat(known.check(target("web1", 22), key(keyB)))
                .get()
                .asString()
                .startsWith("host key SHA256:")
                .endsWith("(ssh-ed25519) is marked @revoked in " + file);
        assertThat(known.check(target("other", 22), key(keyB))).get().asString().contains("@revoked");
        assertThat(known.check(target("web1", 22), key(keyA))).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void trustsOnFirstUseOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("sub/known_hosts");
        KnownHosts strict = new KnownHosts(file, false, warnings::add);
        assertThat(strict.check(target("new", 2222), key(keyA))).isPresent();
        assertThat(file).doesNotExist();
        KnownHosts trusting = new KnownHosts(file, true, warnings::add);
        assertThat(trusting.check(target("new", 2222), key(keyA))).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("[new]:2222 " + keyA + "\n");
        assertThat(warnings).singleElement().asString().startsWith("WARNING: trusting new:2222 on first use");
        // once known, a different key is a changed key
        assertThat(trusting.check(target("new", 2222), key(keyB)))
                .get()
                .asString()
                .startsWith("host key changed");
        assertThat(new KnownHosts(file, false, warnings::add).check(target("new", 2222), key(keyA)))
                .isEmpty();
    }

    @Test
    void appendsOnANewLineWhenTheFileDoesNotEndWithOne() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, "web1 " + keyA);
        new KnownHosts(file, true, warnings::add).check(target("web2", 22), key(keyB));
        assertThat(Files.readAllLines(file)).containsExactly("web1 " + keyA, "web2 " + keyB);
    }

    private static KnownHosts.Target target(String host, int port) {
        SshAddress address = new SshAddress(host, port);
        return new KnownHosts.Target(address.toString(), address);
    }

    private Path write(String... lines) throws Exception {
        return Files.writeString(dir.resolve("known_hosts"), String.join("\n", lines) + "\n");
    }

    private static PublicKey key(String line) throws Exception {
        return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
    }

    private String keygen(String name) throws Exception {
        Path file = dir.resolve(name);
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", file.toString());
        String[] pub = Files.readString(Path.of(file + ".pub")).trim().split("\\s+");
        return pub[0] + " " + pub[1];
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }
}
