package io.jenkins.plugins.orchestra.deploy.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password logins. OpenSSH checks passwords against the system's users, which the tests must not change, so these run
 * against an Apache MINA SSHD server started in the test on loopback, with an ECDSA host key and one user whose
 * password it knows; it runs commands with /bin/sh.
 */
class SshPasswordLoginTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final String PASSWORD = "s3cret-Pa55word";

    @TempDir
    Path dir;

    private SshServer server;
    private Path knownHosts;
    private SshConnector connector;

    @BeforeEach
    void startServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair hostKey = generator.generateKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(
                (user, password, session) -> "deployer".equals(user) && PASSWORD.equals(password));
        server.setCommandFactory((channel, command) ->
                new ProcessShellFactory(command, List.of("/bin/sh", "-c", command)).createShell(channel));
        server.start();
        knownHosts = Files.writeString(
                dir.resolve("known_hosts"),
                "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
    }

    @AfterEach
    void stopServer() throws Exception {
        if (connector != null) {
            connector.close();
        }
        server.stop(true);
    }

    @Test
    void logsInWithThePasswordOfUsernamePasswordCredentials() throws Exception {
        RecordingStepHost host = new RecordingStepHost(dir)
                .credential(new UsernamePasswordCredential("login", "deployer", Secret.of(PASSWORD)));
        connector = SshConnector.create(SshSettings.of("web", List.of(name()), "login", knownHosts), host);
        HostConnection c = connector.connect(name());
        assertThat(c.exec("echo \"hello $((40 + 2))\"", T).stdout()).isEqualTo("hello 42\n");
        assertThat(host.secrets()).contains(Secret.of(PASSWORD));
    }

    @Test
    void refusedPasswordNamesTheCredentialsAndNotThePassword() throws Exception {
        RecordingStepHost host = new RecordingStepHost(dir)
                .credential(new UsernamePasswordCredential("login", "deployer", Secret.of("not-" + PASSWORD)));
        connector = SshConnector.create(SshSettings.of("web", List.of(name()), "login", knownHosts), host);
        HostException e = catchThrowableOfType(HostException.class, () -> connector.connect(name()));
        assertThat(e.kind()).isEqualTo(HostException.Kind.AUTHENTICATION_FAILED);
        assertThat(e.getMessage())
                .isEqualTo(name() + ": refused the password of credentials 'login' for user deployer")
                .doesNotContain(PASSWORD);
        assertThat(host.unmaskedLines()).noneMatch(l -> l.contains(PASSWORD));
    }

    @Test
    void userSettingOverridesTheCredentialsUserName() throws Exception {
        RecordingStepHost host = new RecordingStepHost(dir)
                .credential(new UsernamePasswordCredential("login", "someone-else", Secret.of(PASSWORD)));
        connector = SshConnector.create(
                SshSettings.of("web", List.of(name()), "login", knownHosts).withUser("deployer"), host);
        assertThat(connector.connect(name()).exec("echo ok", T).stdout()).isEqualTo("ok\n");
    }

    private String name() {
        return "127.0.0.1:" + server.getPort();
    }
}
