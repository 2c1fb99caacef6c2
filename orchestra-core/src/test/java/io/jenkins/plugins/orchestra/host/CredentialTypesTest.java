package io.jenkins.plugins.orchestra.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialTypesTest {
    private static final Secret KEY = Secret.of("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n");

    @Test
    void printsNoSecretValue() {
        assertThat(new UsernamePasswordCredential("nexus", "ci", Secret.of("pw")))
                .hasToString("UsernamePasswordCredential[id=nexus, username=ci, password=****]");
        assertThat(new SshUserPrivateKeyCredential("git", "git", KEY, Optional.of(Secret.of("phrase"))))
                .hasToString(
                        "SshUserPrivateKeyCredential[id=git, username=git, privateKey=****, passphrase=Optional[****]]");
        assertThat(new FileCredential("kube", "config", "apiVersion: v1".getBytes(StandardCharsets.UTF_8)))
                .hasToString("FileCredential[id=kube, fileName=config, content=****]");
    }

    @Test
    void givesTheMaskerEverySecretValueButNotTheUserName() {
        assertThat(new UsernamePasswordCredential("nexus", "ci", Secret.of("pw")).secrets())
                .containsExactly(Secret.of("pw"));
        assertThat(new SshUserPrivateKeyCredential("git", "git", KEY, Optional.of(Secret.of("phrase"))).secrets())
                .containsExactly(KEY, Secret.of("phrase"));
        assertThat(new SshUserPrivateKeyCredential("git", "git", KEY, Optional.empty()).secrets())
                .containsExactly(KEY);
        assertThat(new StringCredential("token", Secret.of("t")).secrets()).containsExactly(Secret.of("t"));
        assertThat(new FileCredential("kube", "config", new byte[] {1}).secrets())
                .isEmpty();
    }

    @Test
    void keepsItsOwnCopyOfAFilesBytes() {
        byte[] bytes = {1, 2, 3};
        FileCredential file = new FileCredential("keystore", "release.p12", bytes);
        bytes[0] = 9;
        file.content()[1] = 9;

        assertThat(file.content()).containsExactly(1, 2, 3);
        assertThat(file).isEqualTo(new FileCredential("keystore", "release.p12", new byte[] {1, 2, 3}));
    }

    @Test
    void refusesAFileNameWithADirectory() {
        assertThatThrownBy(() -> new FileCredential("kube", "../config", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fileName must be a file name without a directory, was '../config'");
    }

    @Test
    void refusesABlankId() {
        assertThatThrownBy(() -> new StringCredential(" ", Secret.of("t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("credentials id must not be blank, was ' '");
    }
}
