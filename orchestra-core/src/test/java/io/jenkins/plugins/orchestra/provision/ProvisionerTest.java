package io.jenkins.plugins.orchestra.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.host.CredentialsException;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.process.ScriptException;
import io.jenkins.plugins.orchestra.testing.Processes;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ProvisionerTest {
    @TempDir
    Path workspace;

    private final Provisioner provisioner = Provisioner.withBuiltInTools();

    private RecordingStepHost host() {
        return new RecordingStepHost(workspace);
    }

    private static Map<String, Object> args(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void offersTheBuiltInTools() {
        assertThat(provisioner.tools()).containsExactly("ansible", "shell", "terraform", "tofu");
    }

    @Test
    void refusesACallWithoutToolListingTheTools() {
        assertThatThrownBy(() -> provisioner.validate(args("playbook", "site.yml")))
                .isInstanceOf(ProvisionException.InvalidArgument.class)
                .hasMessage("provision: tool is required: one of ansible, shell, terraform, tofu");
    }

    @Test
    void suggestsTheToolThatAMistypedNameMeant() {
        assertThatThrownBy(() -> provisioner.validate(args("tool", "ansibel")))
                .hasMessage("provision: tool 'ansibel' is not one of ansible, shell, terraform, tofu"
                        + " (did you mean 'ansible'?)");
    }

    @Test
    void suggestsTheArgumentThatAMistypedNameMeant() {
        assertThatThrownBy(() -> provisioner.validate(args("tool", "ansible", "playbok", "site.yml")))
                .isInstanceOf(ProvisionException.InvalidArgument.class)
                .hasMessage("provision (ansible): unknown argument 'playbok' (did you mean 'playbook'?)");
    }

    @Test
    void namesTheArgumentAndValueOfTheWrongType() {
        assertThatThrownBy(() -> provisioner.validate(args("tool", "ansible", "playbook", "site.yml", "forks", "two")))
                .hasMessage("provision (ansible): forks must be a whole number, was 'two' (String)");
        assertThatThrownBy(() -> provisioner.validate(args("tool", "shell", "script", "true", "timeout", "soon")))
                .hasMessage("provision (shell): timeout must be a duration such as '30s', '5m' or '1h30m',"
                        + " was 'soon' (String)");
        assertThatThrownBy(() -> provisioner.validate(args("tool", "shell", "script", "true", "timeout", "-5s")))
                .hasMessageStartingWith("provision (shell): timeout must be");
    }

    @Test
    void refusesAMissingRequiredArgumentBeforeRunningAnything() {
        assertThatThrownBy(() -> provisioner.validate(args("tool", "ansible")))
                .hasMessage("provision (ansible): playbook is required");
        assertThatThrownBy(() -> provisioner.validate(args("tool", "shell")))
                .hasMessage("provision (shell): script is required");
    }

    @Test
    void runsInTheDirectoryGivenRelativeToTheWorkspace() throws Exception {
        Files.createDirectories(workspace.resolve("infra"));
        RecordingStepHost host = host();

        ProvisionResult r = provisioner.provision(
                args("tool", "shell", "dir", "infra", "script", "echo \"dir=$(pwd)\" >> \"$ORCHESTRA_OUTPUTS\""), host);

        assertThat(r.outputs())
                .containsEntry("dir", workspace.resolve("infra").toRealPath().toString());
    }

    @Test
    void saysWhichDirectoryIsMissing() {
        assertThatThrownBy(
                        () -> provisioner.provision(args("tool", "shell", "dir", "nowhere", "script", "true"), host()))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("provision (shell): the directory " + workspace.resolve("nowhere") + " does not exist");
    }

    @Test
    void refusesADirOutsideTheWorkspaceBeforeRunningAnything() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        Files.createSymbolicLink(workspace.resolve("link"), outside);
        try {
            for (String dir : List.of("../outside", "a/../../outside", outside.toString(), "link")) {
                assertThatThrownBy(() ->
                                provisioner.provision(args("tool", "shell", "dir", dir, "script", "touch ran"), host()))
                        .isInstanceOf(ProvisionException.InvalidArgument.class)
                        .hasMessageStartingWith("provision (shell): dir ")
                        .hasMessageContaining("'" + dir + "'")
                        .hasMessageNotContaining("\n");
            }
            assertThat(outside.resolve("ran")).doesNotExist();
            assertThat(workspace.resolve("ran")).doesNotExist();
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void addsEnvAndSecretEnvAndMasksTheSecretInTheLog() {
        RecordingStepHost host = host().credential(new StringCredential("api-token", Secret.of("t0ken-VALUE-42")));

        ProvisionResult r = provisioner.provision(
                args(
                        "tool",
                        "shell",
                        "env",
                        Map.of("STAGE", "staging"),
                        "secretEnv",
                        Map.of("API_TOKEN", "api-token"),
                        "script",
                        "echo \"stage $STAGE token $API_TOKEN\"\n"
                                + "[ \"$API_TOKEN\" = t0ken-VALUE-42 ] && echo token-ok=yes >> \"$ORCHESTRA_OUTPUTS\""),
                host);

        assertThat(r.outputs()).containsEntry("token-ok", "yes");
        assertThat(host.lines()).contains("stage staging token ****");
        assertThat(host.log()).doesNotContain("t0ken-VALUE-42");
    }

    @Test
    void namesMissingCredentials() {
        assertThatThrownBy(() -> provisioner.provision(
                        args("tool", "shell", "secretEnv", Map.of("T", "nope"), "script", "true"), host()))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("Could not find credentials entry with ID 'nope'");
    }

    @Test
    void givesAnOutputThatHoldsASecretMaskedWithAWarning() {
        RecordingStepHost host = host().credential(new StringCredential("pw", Secret.of("hunter2-hunter2")));

        ProvisionResult r = provisioner.provision(
                args(
                        "tool",
                        "shell",
                        "secretEnv",
                        Map.of("PW", "pw"),
                        "script",
                        "echo \"leak=$PW\" >> \"$ORCHESTRA_OUTPUTS\""),
                host);

        assertThat(r.outputs()).containsEntry("leak", "****");
        assertThat(host.log()).contains("WARNING: output 'leak' holds a secret");
    }

    @Test
    void killsTheWholeProcessTreeWhenTheTimeoutPasses() throws Exception {
        Path pidFile = workspace.resolve("child.pid");
        RecordingStepHost host = host();
        long started = System.nanoTime();

        assertThatThrownBy(() -> provisioner.provision(
                        args(
                                "tool", "shell",
                                "timeout", "1s",
                                "script", "sleep 300 &\necho $! > " + pidFile + "\nwait"),
                        host))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("provision (shell): the script timed out after 1.0s; all its processes were killed");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(Processes.running(child))
                .as("the background sleep was killed")
                .isFalse();
    }

    @Test
    void stopsTheToolWhenTheHostCancels() throws Exception {
        RecordingStepHost host = host();
        CompletableFuture<Object> run = CompletableFuture.supplyAsync(
                () -> provisioner.provision(args("tool", "shell", "script", "echo started\nsleep 300"), host));
        while (!host.lines().contains("started")) {
            Thread.sleep(20);
        }

        host.cancellation().cancel("stopped by alice");

        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ScriptException.Aborted.class)
                .hasMessageContaining("script was aborted: stopped by alice");
    }

    @Test
    void tellsHowToInstallAMissingProgram() {
        RecordingStepHost host = host().env("PATH", workspace.toString());

        assertThatThrownBy(() -> provisioner.provision(args("tool", "ansible", "playbook", "site.yml"), host))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("ansible-playbook was not found on PATH (" + workspace + "); install Ansible"
                        + " (apt-get install ansible on Debian or Ubuntu, or pip install ansible-core), or set binary:"
                        + " to the path of ansible-playbook");
        assertThatThrownBy(() -> provisioner.provision(args("tool", "tofu"), host))
                .hasMessage("tofu was not found on PATH (" + workspace + "); install OpenTofu"
                        + " (https://opentofu.org/docs/intro/install/), or set binary: to its path");
        assertThatThrownBy(() -> provisioner.provision(args("tool", "terraform", "binary", "bin/terraform"), host))
                .hasMessage("bin/terraform was not found (no executable file " + workspace.resolve("bin/terraform")
                        + "); install Terraform (https://developer.hashicorp.com/terraform/install), or set binary:"
                        + " to its path");
    }

    @Test
    void keepsSecretValuesOutOfItsToString() {
        ProvisionResult r =
                new ProvisionResult("terraform", Map.of("changed", true), Map.of("TF_OUTPUT_pw", "x-secret"));

        assertThat(r.toString()).contains("TF_OUTPUT_pw").doesNotContain("x-secret");
        assertThat(r.changed()).isTrue();
    }

    @Test
    void refusesOutputsThatAreNotPlainValues() {
        assertThatThrownBy(() -> ProvisionResult.of("x", Map.of("list", List.of(1))))
                .hasMessage("output list must be a string, a whole number or a boolean, was ImmutableCollections.List12"
                        .replace(
                                "ImmutableCollections.List12",
                                List.of(1).getClass().getSimpleName()));
    }
}
