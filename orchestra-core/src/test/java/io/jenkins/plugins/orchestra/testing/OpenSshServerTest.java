package io.jenkins.plugins.orchestra.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSshServerTest {
    @TempDir
    Path dir;

    @Test
    void acceptsTheUserKeyAndStopsAndStartsAgain() throws Exception {
        assumeTrue(OpenSshServer.isAvailable(), "openssh-server is not installed");
        try (OpenSshServer sshd = OpenSshServer.start(dir.resolve("host"))) {
            Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
            assertThat(ssh(sshd, "echo hello")).isEqualTo("hello");
            sshd.stop();
            assertThat(sshd.isRunning()).isFalse();
            sshd.start();
            assertThat(ssh(sshd, "echo again")).isEqualTo("again");
        }
    }

    private String ssh(OpenSshServer sshd, String command) throws Exception {
        Process p = new ProcessBuilder(
                        "ssh",
                        "-p",
                        Integer.toString(sshd.port()),
                        "-i",
                        sshd.userKey().toString(),
                        "-o",
                        "UserKnownHostsFile=" + dir.resolve("known_hosts"),
                        "-o",
                        "StrictHostKeyChecking=yes",
                        "-o",
                        "BatchMode=yes",
                        sshd.user() + "@127.0.0.1",
                        command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out + "\n" + sshd.log()).isZero();
        return out;
    }
}
