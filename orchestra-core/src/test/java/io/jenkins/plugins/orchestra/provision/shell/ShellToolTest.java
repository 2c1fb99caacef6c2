package io.jenkins.plugins.orchestra.provision.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.provision.ProvisionException;
import io.jenkins.plugins.orchestra.provision.ProvisionResult;
import io.jenkins.plugins.orchestra.provision.Provisioner;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ShellToolTest {
    @TempDir
    Path workspace;

    private final Provisioner provisioner = Provisioner.withBuiltInTools();

    private ProvisionResult run(RecordingStepHost host, Map<String, Object> args) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(args);
        all.put("tool", "shell");
        return provisioner.provision(all, host);
    }

    @Test
    void reportsTheOutputsTheScriptWritesToItsFile() {
        RecordingStepHost host = new RecordingStepHost(workspace);

        ProvisionResult r = run(
                host,
                Map.of(
                        "script",
                        "echo provisioning\n"
                                + "echo 'instance_ip=10.0.0.12' >> \"$ORCHESTRA_OUTPUTS\"\n"
                                + "printf 'notes<<EOF\\nline one\\n\\nline three\\nEOF\\n' >> \"$ORCHESTRA_OUTPUTS\"\n"
                                + "echo 'changed=false' >> \"$ORCHESTRA_OUTPUTS\""));

        assertThat(r.outputs())
                .containsEntry("instance_ip", "10.0.0.12")
                .containsEntry("notes", "line one\n\nline three")
                .containsEntry("changed", false);
        assertThat(host.lines())
                .contains("+ echo provisioning", "provisioning", "Outputs: instance_ip, notes, changed");
    }

    @Test
    void saysChangedWhenTheScriptDoesNotSay() {
        assertThat(run(new RecordingStepHost(workspace), Map.of("script", "true"))
                        .outputs())
                .containsEntry("changed", true);
    }

    @Test
    void runsAScriptWithItsOwnInterpreter() {
        ProvisionResult r = run(
                new RecordingStepHost(workspace),
                Map.of(
                        "script",
                        "#!/usr/bin/env python3\nimport os\nopen(os.environ['ORCHESTRA_OUTPUTS'], 'a').write('lang=python\\n')\n"));

        assertThat(r.outputs()).containsEntry("lang", "python");
    }

    @Test
    void failsWithTheScriptsExitCode() {
        RecordingStepHost host = new RecordingStepHost(workspace);

        assertThatThrownBy(() -> run(host, Map.of("script", "echo about to fail\nexit 3")))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("provision (shell): the script returned exit code 3");
        assertThat(host.lines()).contains("about to fail");
    }

    @Test
    void namesTheLineOfTheOutputsFileThatCannotBeRead() {
        assertThatThrownBy(
                        () -> run(
                                new RecordingStepHost(workspace),
                                Map.of(
                                        "script",
                                        "echo 'ok=1' >> \"$ORCHESTRA_OUTPUTS\"; echo 'not an output' >> \"$ORCHESTRA_OUTPUTS\"")))
                .hasMessage("provision (shell): the outputs file (ORCHESTRA_OUTPUTS) line 2 is not name=value or"
                        + " name<<END");
    }

    @Test
    void runsNothingInADryRunWithoutADryRunScript() {
        RecordingStepHost host = new RecordingStepHost(workspace).dryRun(true);

        ProvisionResult r = run(host, Map.of("script", "touch " + workspace.resolve("touched")));

        assertThat(workspace.resolve("touched")).doesNotExist();
        assertThat(r.outputs()).containsEntry("changed", false).containsEntry("dryRun", true);
        assertThat(host.lines())
                .contains("Dry run: the script is not run (give dryRunScript: to say what it would do)");
    }

    @Test
    void runsTheDryRunScriptInADryRun() {
        RecordingStepHost host = new RecordingStepHost(workspace);

        ProvisionResult r = run(
                host,
                Map.of(
                        "dryRun",
                        true,
                        "script",
                        "touch " + workspace.resolve("touched"),
                        "dryRunScript",
                        "echo \"would touch (dry run: $ORCHESTRA_DRY_RUN)\"\necho plan=touch >> \"$ORCHESTRA_OUTPUTS\""));

        assertThat(workspace.resolve("touched")).doesNotExist();
        assertThat(host.lines()).contains("would touch (dry run: true)");
        assertThat(r.outputs()).containsEntry("plan", "touch").containsEntry("changed", false);
    }

    @Test
    void deletesTheOutputsFileAfterwards() throws Exception {
        ProvisionResult r = run(
                new RecordingStepHost(workspace),
                Map.of("script", "echo \"file=$ORCHESTRA_OUTPUTS\" >> \"$ORCHESTRA_OUTPUTS\""));

        Path file = Path.of((String) r.outputs().get("file"));
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void readsOutputsAsGitHubActionsWritesThem() {
        assertThat(OutputsFile.parse(List.of("# comment", "", "a=1", "b==2", "a=3", "c<<X", "X")))
                .containsExactly(Map.entry("a", "3"), Map.entry("b", "=2"), Map.entry("c", ""));
        assertThatThrownBy(() -> OutputsFile.parse(List.of("k<<END", "never ended")))
                .hasMessage("line 1 starts k<<END but no line END ends it");
        assertThatThrownBy(() -> OutputsFile.parse(List.of("1abc=x")))
                .hasMessage("line 1 is not name=value or name<<END");
    }

    @Test
    void writesNoFileOfItsOwnIntoTheWorkspace() throws Exception {
        run(new RecordingStepHost(workspace), Map.of("script", "true"));

        try (var files = Files.list(workspace)) {
            assertThat(files).isEmpty();
        }
    }
}
