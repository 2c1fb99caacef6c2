package io.jenkins.plugins.orchestra.provision.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.provision.ProvisionException;
import io.jenkins.plugins.orchestra.provision.ProvisionResult;
import io.jenkins.plugins.orchestra.provision.Provisioner;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code provision tool: 'ansible'} over SSH to two real OpenSSH servers on 127.0.0.1, one per inventory host. */
@Timeout(180)
class AnsibleOverSshTest {
    @TempDir
    Path dir;

    private OpenSshServer web1;
    private OpenSshServer web2;
    private RecordingStepHost host;
    private final Provisioner provisioner = Provisioner.withBuiltInTools();

    @BeforeEach
    void twoHosts() throws Exception {
        assumeTrue(OpenSshServer.isAvailable(), "openssh-server is not installed");
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH: apt-get install ansible");
        web1 = OpenSshServer.start(dir.resolve("web1"));
        web2 = OpenSshServer.start(dir.resolve("web2"));
        // one deploy key for both hosts, as a fleet would have
        Files.writeString(
                dir.resolve("web2/authorized_keys"),
                Files.readString(dir.resolve("web1/user_ed25519.pub")),
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("known_hosts"), web1.knownHostsLine() + "\n" + web2.knownHostsLine() + "\n");
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        try (InputStream in = getClass().getResourceAsStream("/provision/ansible/release-directory.yml")) {
            Files.copy(in, workspace.resolve("release-directory.yml"));
        }
        host = new RecordingStepHost(workspace)
                .credential(new SshUserPrivateKeyCredential(
                        "deploy-key", web1.user(), Secret.of(Files.readString(web1.userKey())), Optional.empty()));
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

    private ProvisionResult provision(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("tool", "ansible");
        args.put("playbook", "release-directory.yml");
        args.put("inventory", inventory());
        args.put("sshCredentials", "deploy-key");
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return provisioner.provision(args, host);
    }

    private String inventory() {
        return "[web]\n"
                + "web1 ansible_host=127.0.0.1 ansible_port=" + web1.port() + " release_root=" + dir.resolve("srv/web1")
                + "\n"
                + "web2 ansible_host=127.0.0.1 ansible_port=" + web2.port() + " release_root=" + dir.resolve("srv/web2")
                + "\n"
                + "[web:vars]\n"
                + "ansible_python_interpreter=/usr/bin/python3\n"
                + "ansible_ssh_common_args='-o UserKnownHostsFile=" + dir.resolve("known_hosts")
                + " -o StrictHostKeyChecking=yes -o BatchMode=yes'\n";
    }

    @Test
    void plansThenProvisionsBothHostsThenFindsNothingToChange() {
        ProvisionResult plan = provision("check", true);

        assertThat(plan.outputs()).containsEntry("changed", true).containsEntry("hosts", 2);
        assertThat(dir.resolve("srv")).doesNotExist();

        ProvisionResult first = provision();

        assertThat(first.outputs())
                .containsEntry("changed", true)
                .containsEntry("hosts", 2)
                .containsEntry("changes", 4)
                .containsEntry("unreachable", 0);
        assertThat(dir.resolve("srv/web1/releases/1.0.0/RELEASE")).hasContent("1.0.0 on web1");
        assertThat(dir.resolve("srv/web2/releases/1.0.0/RELEASE")).hasContent("1.0.0 on web2");
        assertThat(host.lines())
                .anyMatch(l -> l.startsWith("+ ansible-playbook -i ")
                        && l.contains(" --private-key ")
                        && l.contains(" -u " + web1.user() + " "))
                .contains("changed: [web1]", "changed: [web2]");
        String keyFile = host.lines().stream()
                .filter(l -> l.startsWith("+ ansible-playbook"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .replaceAll(".*--private-key (\\S+).*", "$1");
        assertThat(Path.of(keyFile))
                .as("the private key file is deleted after the run")
                .doesNotExist();

        ProvisionResult second = provision();

        assertThat(second.outputs()).containsEntry("changed", false).containsEntry("ok", 4);
    }

    @Test
    void aHostWhoseTaskFailsOverSshFailsTheStepWithItsErrorAndTheOtherIsProvisioned() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/provision/ansible/fails-on-one-host.yml")) {
            Files.copy(in, host.workspace().resolve("fails-on-one-host.yml"));
        }

        assertThatThrownBy(() -> provision("playbook", "fails-on-one-host.yml"))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("ansible-playbook failed on 1 of 2 hosts: web2 (failed); see the play recap above")
                .satisfies(
                        e -> assertThat(((ProvisionException) e).isRetryable()).isFalse());
        assertThat(host.lines())
                .contains(
                        "  web1   1        1            0       0        1        0        0",
                        "  web2   1        1            0       1        0        0        0",
                        "  web2: failed at task 'fail on web2': non-zero return code: No space left on device");
        assertThat(dir.resolve("srv/web1/web1")).isDirectory();
        assertThat(dir.resolve("srv/web2/web2")).isDirectory();
    }

    @Test
    void aHostWhoseServerIsDownIsUnreachableAndTheOtherIsProvisioned() throws Exception {
        web2.stop();

        assertThatThrownBy(() -> provision())
                .isInstanceOf(ProvisionException.class)
                .hasMessage("ansible-playbook failed on 1 of 2 hosts: web2 (unreachable); see the play recap above")
                .satisfies(
                        e -> assertThat(((ProvisionException) e).isRetryable()).isTrue());
        assertThat(dir.resolve("srv/web1/releases/1.0.0/RELEASE")).exists();
        assertThat(host.lines())
                .anyMatch(l -> l.startsWith("  web2: unreachable at task 'create the release directory'"));
    }
}
