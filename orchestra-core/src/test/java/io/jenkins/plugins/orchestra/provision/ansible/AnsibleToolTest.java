package io.jenkins.plugins.orchestra.provision.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.host.FileCredential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.provision.ProvisionException;
import io.jenkins.plugins.orchestra.provision.ProvisionResult;
import io.jenkins.plugins.orchestra.provision.Provisioner;
import io.jenkins.plugins.orchestra.testing.Processes;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code provision tool: 'ansible'} with the real {@code ansible-playbook} (Debian's {@code ansible}). */
@Timeout(120)
class AnsibleToolTest {
    private static final String LOCAL = "ansible_connection=local ansible_python_interpreter=/usr/bin/python3";

    @TempDir
    Path workspace;

    private RecordingStepHost host;
    private final Provisioner provisioner = Provisioner.withBuiltInTools();

    @BeforeAll
    static void ansibleIsInstalled() {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH: apt-get install ansible");
    }

    @BeforeEach
    void playbooksInTheWorkspace() throws IOException {
        for (String name : List.of(
                "release-directory.yml",
                "fails-on-one-host.yml",
                "uses-secret-var.yml",
                "uses-vault-file.yml",
                "hangs.yml")) {
            try (InputStream in = getClass().getResourceAsStream("/provision/ansible/" + name)) {
                Files.copy(in, workspace.resolve(name));
            }
        }
        host = new RecordingStepHost(workspace);
    }

    private ProvisionResult provision(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("tool", "ansible");
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return provisioner.provision(args, host);
    }

    private Map<String, Object> root() {
        return Map.of("release_root", workspace.resolve("target").toString());
    }

    @Test
    void changesThingsOnceAndThenFindsNothingToChange() {
        ProvisionResult first = provision(
                "playbook",
                "release-directory.yml",
                "inventory",
                "[web]\nlocalhost " + LOCAL + "\n",
                "extraVars",
                root());

        assertThat(workspace.resolve("target/releases/1.0.0/RELEASE")).hasContent("1.0.0 on localhost");
        assertThat(first.outputs())
                .containsEntry("changed", true)
                .containsEntry("hosts", 1)
                .containsEntry("changes", 2)
                .containsEntry("ok", 2)
                .containsEntry("failed", 0)
                .containsEntry("unreachable", 0)
                .containsEntry("checkMode", false);
        assertThat(host.lines())
                .contains(
                        "PLAY [provision the release directory]",
                        "TASK [create the release directory]",
                        "changed: [localhost]",
                        "PLAY RECAP",
                        "  HOST       OK  CHANGED  UNREACHABLE  FAILED  SKIPPED  RESCUED  IGNORED",
                        "  localhost   2        2            0       0        0        0        0",
                        "ansible-playbook changed 2 task results on 1 host");

        ProvisionResult second = provision(
                "playbook",
                "release-directory.yml",
                "inventory",
                "[web]\nlocalhost " + LOCAL + "\n",
                "extraVars",
                root());

        assertThat(second.outputs())
                .containsEntry("changed", false)
                .containsEntry("changes", 0)
                .containsEntry("ok", 2);
    }

    @Test
    void checkModeChangesNothingAndShowsTheDiff() {
        ProvisionResult r = provision(
                "playbook",
                "release-directory.yml",
                "inventory",
                List.of("localhost"),
                "connection",
                "local",
                "extraVars",
                Map.of("release_root", workspace.resolve("target").toString(), "version", "2.0.0"),
                "check",
                true);

        assertThat(workspace.resolve("target")).doesNotExist();
        assertThat(r.outputs()).containsEntry("changed", true).containsEntry("checkMode", true);
        assertThat(host.lines())
                .anyMatch(l ->
                        l.startsWith("+ ansible-playbook -i localhost, ") && l.contains(" --check --diff -c local"))
                .contains("--- before", "+++ after", "PLAY RECAP (check mode: nothing was changed)")
                .anyMatch(l -> l.contains("\"state\": \"directory\""));
    }

    @Test
    void runsCheckModeInADryRun() {
        host.dryRun(true);

        ProvisionResult r = provision(
                "playbook", "release-directory.yml",
                "inventory", Map.of("all", Map.of("hosts", Map.of("localhost", Map.of("ansible_connection", "local")))),
                "extraVars", root());

        assertThat(workspace.resolve("target")).doesNotExist();
        assertThat(r.outputs()).containsEntry("checkMode", true);
        assertThat(host.lines())
                .contains("Dry run: running the playbook in check mode (--check --diff); nothing is changed");
    }

    @Test
    void failsWithATableWhenAHostFailsOrIsUnreachable() throws IOException {
        String inventory = "web1 " + LOCAL + "\nweb2 " + LOCAL + "\nweb3 ansible_host=127.0.0.1 ansible_port="
                + closedPort() + " ansible_connection=ssh ansible_ssh_common_args='-o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null'\n";

        assertThatThrownBy(() ->
                        provision("playbook", "fails-on-one-host.yml", "inventory", inventory, "extraVars", root()))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("ansible-playbook failed on 2 of 3 hosts: web2 (failed), web3 (unreachable); see the play"
                        + " recap above")
                .satisfies(
                        e -> assertThat(((ProvisionException) e).isRetryable()).isFalse());
        assertThat(host.lines())
                .contains(
                        "  web1   1        1            0       0        1        0        0",
                        "  web2   1        1            0       1        0        0        0",
                        "  web3   0        0            1       0        0        0        0",
                        "  web2: failed at task 'fail on web2': non-zero return code: No space left on device")
                .anyMatch(l -> l.startsWith("  web3: unreachable at task 'create the work directory': Failed to"
                        + " connect to the host via ssh"))
                .anyMatch(l -> l.startsWith("fatal: [web2] => "));
        assertThat(workspace.resolve("target/web1")).isDirectory();
    }

    @Test
    void anUnreachableHostAloneMayBeRetried() throws IOException {
        String inventory = "web3 ansible_host=127.0.0.1 ansible_port=" + closedPort()
                + " ansible_connection=ssh ansible_ssh_common_args='-o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null'\n";

        assertThatThrownBy(() ->
                        provision("playbook", "fails-on-one-host.yml", "inventory", inventory, "extraVars", root()))
                .hasMessage("ansible-playbook failed on 1 of 1 hosts: web3 (unreachable); see the play recap above")
                .satisfies(
                        e -> assertThat(((ProvisionException) e).isRetryable()).isTrue());
    }

    @Test
    void passesSecretVarsFromCredentialsInAPrivateFileAndMasksThem() {
        host.credential(new StringCredential("db-password", Secret.of("Corr3ct-Horse-Battery")));

        provision(
                "playbook",
                "uses-secret-var.yml",
                "inventory",
                "localhost " + LOCAL + "\n",
                "extraVars",
                root(),
                "secretVars",
                Map.of("db_password", "db-password"));

        assertThat(workspace.resolve("target/db.conf")).hasContent("password=Corr3ct-Horse-Battery");
        assertThat(host.log()).doesNotContain("Corr3ct-Horse-Battery");
        String commandLine = host.lines().stream()
                .filter(l -> l.startsWith("+ ansible-playbook"))
                .findFirst()
                .orElseThrow();
        Matcher file = Pattern.compile("-e @(\\S+secret-vars\\.json)").matcher(commandLine);
        assertThat(file.find()).as(commandLine).isTrue();
        assertThat(Path.of(file.group(1))).as("deleted after the run").doesNotExist();
    }

    @Test
    void readsVaultFilesWithAPasswordFromStringOrFileCredentials() throws Exception {
        encryptWithVault(workspace.resolve("vault.yml"), "api_key: k3y-from-the-vault\n", "vault-pa55phrase");

        host.credential(new StringCredential("vault-text", Secret.of("vault-pa55phrase")));
        provision(
                "playbook",
                "uses-vault-file.yml",
                "inventory",
                "localhost " + LOCAL + "\n",
                "extraVars",
                root(),
                "vaultCredentials",
                "vault-text");

        assertThat(workspace.resolve("target/api.key")).hasContent("k3y-from-the-vault");
        Files.delete(workspace.resolve("target/api.key"));

        host.credential(new FileCredential(
                "vault-file", "vault-pass.txt", "vault-pa55phrase\n".getBytes(StandardCharsets.UTF_8)));
        provision(
                "playbook",
                "uses-vault-file.yml",
                "inventory",
                "localhost " + LOCAL + "\n",
                "extraVars",
                root(),
                "vaultCredentials",
                "vault-file");

        assertThat(workspace.resolve("target/api.key")).hasContent("k3y-from-the-vault");
        List<String> passwordFiles = host.lines().stream()
                .filter(l -> l.startsWith("+ ansible-playbook"))
                .map(l -> l.replaceAll(".*--vault-password-file (\\S+).*", "$1"))
                .toList();
        assertThat(passwordFiles).hasSize(2).allSatisfy(f -> assertThat(Path.of(f))
                .doesNotExist());
        assertThat(host.log()).doesNotContain("vault-pa55phrase");
    }

    @Test
    void refusesVaultCredentialsOfAnotherKind() {
        host.credential(
                new io.jenkins.plugins.orchestra.host.UsernamePasswordCredential("up", "u", Secret.of("p4ssw0rd")));

        assertThatThrownBy(() -> provision("playbook", "uses-vault-file.yml", "vaultCredentials", "up"))
                .hasMessage("provision (ansible): vaultCredentials 'up' is of type 'usernamePassword' where 'file' or"
                        + " 'string' was expected");
    }

    @Test
    void killsThePlaybookAndWhatItStartedWhenTheTimeoutPasses() throws Exception {
        assertThatThrownBy(() -> provision(
                        "playbook",
                        "hangs.yml",
                        "inventory",
                        "localhost " + LOCAL + "\n",
                        "extraVars",
                        Map.of("release_root", workspace.toString()),
                        "timeout",
                        "8s"))
                .isInstanceOf(ProvisionException.class)
                .hasMessage(
                        "provision (ansible): ansible-playbook timed out after 8.0s; all its processes were killed");

        Path pidFile = workspace.resolve("task.pid");
        assertThat(pidFile).as("the task had started").exists();
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0; i < 100 && Processes.running(pid); i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(Processes.running(pid)).as("the task's sleep was killed").isFalse();
    }

    @Test
    void saysWhyThereIsNoReport() {
        assertThatThrownBy(() -> provision("playbook", "missing.yml", "inventory", "localhost,"))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("ansible-playbook failed with exit code 1 but gave no report (no JSON report on standard"
                        + " output): ERROR! the playbook: missing.yml could not be found");
    }

    @Test
    void buildsTheCommandLineFromEveryArgument() throws IOException {
        Path fake = workspace.resolve("bin/ansible-playbook");
        Files.createDirectories(fake.getParent());
        try (InputStream in = getClass().getResourceAsStream("/provision/ansible/fake-ansible-playbook")) {
            Files.copy(in, fake);
        }
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path argsFile = workspace.resolve("args.txt");
        try (InputStream in =
                getClass().getResourceAsStream("/provision/ansible/ansible-json-ignored-and-rescued-failures.json")) {
            Files.copy(in, workspace.resolve("report.json"));
        }
        host.env("FAKE_ANSIBLE_ARGS", argsFile.toString())
                .env("FAKE_ANSIBLE_REPORT", workspace.resolve("report.json").toString())
                .env("ANSIBLE_CALLBACKS_ENABLED", "ansible.posix.profile_tasks");

        provision(
                "binary",
                "bin/ansible-playbook",
                "playbook",
                List.of("site.yml", "more.yml"),
                "inventory",
                "inventories/staging",
                "limit",
                "web:!web3",
                "tags",
                List.of("deploy", "config"),
                "skipTags",
                "slow",
                "forks",
                20,
                "become",
                true,
                "becomeUser",
                "deploy",
                "diff",
                true,
                "user",
                "ubuntu",
                "extraArgs",
                List.of("--flush-cache"));

        assertThat(Files.readAllLines(argsFile))
                .containsExactly(
                        "-i",
                        "inventories/staging",
                        "--limit",
                        "web:!web3",
                        "--tags",
                        "deploy,config",
                        "--skip-tags",
                        "slow",
                        "--forks",
                        "20",
                        "--become",
                        "--become-user",
                        "deploy",
                        "--diff",
                        "-u",
                        "ubuntu",
                        "--flush-cache",
                        "site.yml",
                        "more.yml");
        assertThat(Files.readAllLines(Path.of(argsFile + ".env")))
                .contains(
                        "ANSIBLE_STDOUT_CALLBACK=json",
                        "ANSIBLE_CALLBACKS_ENABLED=orchestra_progress,ansible.posix.profile_tasks",
                        "ANSIBLE_NOCOLOR=1");
    }

    @Test
    void refusesBadArgumentsBeforeRunning() {
        assertThatThrownBy(() -> provision("playbook", "site.yml", "forks", 0))
                .hasMessage("provision (ansible): forks must be a whole number from 1 to 2147483647, was 0");
        assertThatThrownBy(() -> provision("playbook", "site.yml", "extraVars", Map.of("app-root", "/srv")))
                .hasMessage("provision (ansible): extraVars names must be Ansible variable names (letters, digits and"
                        + " _, not starting with a digit), was 'app-root'");
        assertThatThrownBy(() -> provision(
                        "playbook", "site.yml", "extraVars", Map.of("pw", "x"), "secretVars", Map.of("pw", "id")))
                .hasMessage("provision (ansible): 'pw' is in both extraVars and secretVars; give it in one of them");
        assertThatThrownBy(() -> provision("playbook", "site.yml", "inventory", List.of("a b")))
                .hasMessage("provision (ansible): inventory hosts must be names without spaces or commas, was 'a b'");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void encryptWithVault(Path file, String content, String password) throws Exception {
        Path passwordFile = Files.createTempFile("vault-test", ".txt");
        try {
            Files.writeString(passwordFile, password + "\n");
            Files.writeString(file, content);
            Process p = new ProcessBuilder(
                            "ansible-vault",
                            "encrypt",
                            "--vault-password-file",
                            passwordFile.toString(),
                            file.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(Files.readString(file)).startsWith("$ANSIBLE_VAULT;");
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }
}
