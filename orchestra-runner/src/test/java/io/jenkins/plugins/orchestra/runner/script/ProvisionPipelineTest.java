package io.jenkins.plugins.orchestra.runner.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code provision} step in Jenkinsfiles run by the runner. */
@Timeout(60)
class ProvisionPipelineTest {
    /** The fake terraform of orchestra-core's tests and the outputs it prints, recorded after Terraform's formats. */
    private static final Path TERRAFORM_FIXTURES = Path.of(
                    "..", "orchestra-core", "src", "test", "resources", "provision", "terraform")
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path workspace;

    @TempDir
    Path tools;

    @Test
    void returnsTheToolsOutputsToTheJenkinsfile() {
        Runs.Run run = Runs.run(
                workspace,
                """
                def r = provision tool: 'shell', script: 'echo "ip=10.0.0.12" >> "$ORCHESTRA_OUTPUTS"'
                echo "ip is ${r.ip}, changed: ${r.changed}"
                """);

        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log()).contains("[Pipeline] provision", "ip is 10.0.0.12, changed: true");
    }

    @Test
    void namesTheLineOfABadArgument() {
        Runs.Run run = Runs.run(workspace, "\nprovision tool: 'ansible', playbok: 'site.yml'\n");

        assertThat(run.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("provision (ansible): unknown argument 'playbok' (did you mean 'playbook'?) @ line 2")
                .doesNotContain("[Pipeline] provision");
    }

    @Test
    void aDryRunOfTheRunRunsNoProvisioningScript() {
        Runs.Run run = Runs.run(
                workspace,
                """
                withEnv(['ORCHESTRA_DRY_RUN=true']) {
                    def r = provision tool: 'shell', script: 'touch touched'
                    echo "dry run: ${r.dryRun}"
                }
                """);

        assertThat(run.log()).contains("dry run: true");
        assertThat(workspace.resolve("touched")).doesNotExist();
    }

    @Test
    void failsAPlanInOneLineWithTerraformsErrorAndNoStackTrace() throws IOException {
        Path bin = Files.createDirectories(tools.resolve("bin"));
        Files.copy(TERRAFORM_FIXTURES.resolve("fake-terraform"), bin.resolve("terraform"));
        Files.setPosixFilePermissions(bin.resolve("terraform"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Runs.Run run = Runs.run(
                workspace,
                """
                withEnv(['PATH=%s:/usr/bin:/bin', 'FAKE_TERRAFORM_FIXTURES=%s', 'FAKE_TERRAFORM_CALLS=%s',
                         'FAKE_TERRAFORM_PLAN=error-missing-variable']) {
                    provision tool: 'terraform', mode: 'plan'
                }
                """
                        .formatted(bin, TERRAFORM_FIXTURES, tools.resolve("calls.txt")));

        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .containsSubsequence(
                        "The root module input variable \"release\" is not set, and has no default value.",
                        "ERROR: terraform plan failed with exit code 1: Error: No value for required variable",
                        "Finished: FAILURE")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void plansInOneStageAndAppliesThatPlanAfterApprovalInTheNext() throws IOException {
        Path bin = Files.createDirectories(tools.resolve("bin"));
        Files.copy(TERRAFORM_FIXTURES.resolve("fake-terraform"), bin.resolve("terraform"));
        Files.setPosixFilePermissions(bin.resolve("terraform"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path calls = tools.resolve("calls.txt");
        List<String> asked = new CopyOnWriteArrayList<>();
        InputProvider alice = (message, ok, submitters, parameters) -> {
            asked.add(message);
            return new InputProvider.Answer(true, "alice", Map.of());
        };

        Runs.Run run = Runs.run(
                workspace,
                """
                withEnv(['PATH=%s:/usr/bin:/bin', 'FAKE_TERRAFORM_FIXTURES=%s', 'FAKE_TERRAFORM_CALLS=%s']) {
                    orchestrate {
                        stage('plan', outputs: ['planFile', 'planChecksum']) {
                            provision tool: 'terraform', mode: 'plan', workspace: 'staging'
                        }
                        stage('apply', needs: 'plan', approval: [approvers: ['alice'], message: 'Apply the plan?']) { inputs ->
                            def r = provision(tool: 'terraform', mode: 'apply', workspace: 'staging',
                                              planFile: inputs.plan.planFile, planChecksum: inputs.plan.planChecksum) {
                                sh 'echo "motd at $TF_OUTPUT_motd_path"'
                            }
                            echo "applied: ${r.summary}"
                            r
                        }
                    }
                }
                """
                        .formatted(bin, TERRAFORM_FIXTURES, calls),
                Map.of(),
                alice);

        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.SUCCESS);
        assertThat(asked).containsExactly("Apply the plan?");
        assertThat(run.log())
                .containsSubsequence(
                        "Plan: 2 to add, 1 to change, 2 to destroy.",
                        "'apply' waits for approval by alice",
                        "Apply complete! Resources: 2 added, 1 changed, 2 destroyed.",
                        "motd at ./out/motd",
                        "applied: 2 to add, 1 to change, 2 to destroy")
                .doesNotContain("s3cr3t-Db-Pa55word");
        Path planFile = workspace.resolve("orchestra-staging.tfplan");
        assertThat(Files.readAllLines(calls))
                .containsExactly(
                        "init -input=false -no-color",
                        "workspace select -or-create=true staging",
                        "plan -input=false -no-color -detailed-exitcode -out=" + planFile,
                        "show -json " + planFile,
                        "init -input=false -no-color",
                        "workspace select -or-create=true staging",
                        "show -json " + planFile,
                        "apply -input=false -no-color " + planFile,
                        "output -json -no-color");
    }
}
