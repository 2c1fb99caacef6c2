package io.jenkins.plugins.orchestra.provision.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.provision.ProvisionException;
import io.jenkins.plugins.orchestra.provision.ProvisionResult;
import io.jenkins.plugins.orchestra.provision.Provisioner;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Terraform adapter end to end against {@code fake-terraform}, a script that prints outputs recorded after
 * Terraform's documented formats and exits with its documented codes: real processes, recorded Terraform.
 */
@Timeout(60)
class TerraformToolTest {
    @TempDir
    Path workspace;

    @TempDir
    Path tools;

    private Path calls;
    private RecordingStepHost host;
    private final Provisioner provisioner = Provisioner.withBuiltInTools();

    @BeforeEach
    void fakeTerraformOnPath() throws IOException, URISyntaxException {
        Path bin = Files.createDirectories(tools.resolve("bin"));
        for (String name : List.of("terraform", "tofu")) {
            try (InputStream in = getClass().getResourceAsStream("/provision/terraform/fake-terraform")) {
                Files.copy(in, bin.resolve(name));
            }
            Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        calls = tools.resolve("calls.txt");
        Path fixtures = Path.of(getClass().getResource("/provision/terraform").toURI());
        host = new RecordingStepHost(workspace)
                .env("PATH", bin + ":/usr/bin:/bin")
                .env("FAKE_TERRAFORM_FIXTURES", fixtures.toString())
                .env("FAKE_TERRAFORM_CALLS", calls.toString());
    }

    private ProvisionResult provision(Object... pairs) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("tool", "terraform");
        for (int i = 0; i < pairs.length; i += 2) {
            args.put((String) pairs[i], pairs[i + 1]);
        }
        return provisioner.provision(args, host);
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** The commands terraform was called with, without their options. */
    private List<String> commands() throws IOException {
        return Files.readAllLines(calls).stream()
                .map(l -> l.split(" ")[0] + (l.startsWith("workspace") ? " " + l.split(" ")[1] : ""))
                .toList();
    }

    private List<String> callLines() throws IOException {
        return Files.readAllLines(calls);
    }

    @Test
    void plansToASavedFileAndSummarisesItFromShowJson() throws IOException {
        ProvisionResult r = provision("mode", "plan");

        Path planFile = workspace.resolve("orchestra.tfplan");
        assertThat(planFile).exists();
        assertThat(r.outputs())
                .containsEntry("changed", true)
                .containsEntry("add", 2)
                .containsEntry("change", 1)
                .containsEntry("destroy", 2)
                .containsEntry("summary", "2 to add, 1 to change, 2 to destroy")
                .containsEntry("planFile", planFile.toString())
                .containsKey("planChecksum");
        assertThat(commands()).containsExactly("init", "plan", "show");
        assertThat(callLines())
                .containsExactly(
                        "init -input=false -no-color",
                        "plan -input=false -no-color -detailed-exitcode -out=" + planFile,
                        "show -json " + planFile);
        assertThat(host.lines())
                .contains(
                        "+ terraform init -input=false -no-color",
                        "Terraform has been successfully initialized!",
                        "Plan: 2 to add, 1 to change, 2 to destroy.",
                        "  -/+ terraform_data.web (replace, destroying first)");
        assertThat(host.log()).doesNotContain("\"format_version\"");
    }

    @Test
    void givesWorkspaceVarsVarFilesTargetsAndLockTimeoutOnTheCommandLine() throws IOException {
        Files.writeString(workspace.resolve("staging.tfvars"), "release = \"1.4.2\"\n");

        ProvisionResult r = provision(
                "workspace",
                "staging",
                "varFiles",
                "staging.tfvars",
                "vars",
                ordered("release", "1.4.2", "replicas", 3, "zones", List.of("a", "b")),
                "targets",
                List.of("local_file.motd"),
                "lockTimeout",
                "5m",
                "parallelism",
                4,
                "backendConfig",
                Map.of("path", "state/staging.tfstate"));

        Path planFile = workspace.resolve("orchestra-staging.tfplan");
        assertThat(callLines())
                .containsExactly(
                        "init -input=false -no-color -lock-timeout=300s -backend-config=path=state/staging.tfstate",
                        "workspace select -or-create=true staging",
                        "plan -input=false -no-color -detailed-exitcode -out=" + planFile
                                + " -lock-timeout=300s -parallelism=4 -target=local_file.motd"
                                + " -var-file=staging.tfvars -var=release=1.4.2 -var=replicas=3 -var=zones=[\"a\",\"b\"]",
                        "show -json " + planFile);
        assertThat(r.outputs()).containsEntry("workspace", "staging").containsEntry("planFile", planFile.toString());
        assertThat(host.lines()).contains("Created and switched to workspace \"staging\"!");
    }

    @Test
    void passesSecretVarsInTheEnvironmentAndMasksThem() throws IOException {
        host.credential(new StringCredential("db-password", Secret.of("Db-Pa55word-x9")))
                .env("FAKE_TERRAFORM_SHOW_VARS", "1");

        provision("secretVars", Map.of("db_password", "db-password"));

        assertThat(host.lines()).contains("TF_VAR_db_password=****");
        assertThat(host.log()).doesNotContain("Db-Pa55word-x9");
        assertThat(String.join("\n", callLines())).doesNotContain("Db-Pa55word-x9");
    }

    @Test
    void appliesExactlyTheSavedPlanWithoutPlanningAgain() throws IOException {
        ProvisionResult plan = provision("mode", "plan");
        Files.delete(calls);

        ProvisionResult apply = provision(
                "mode", "apply",
                "planFile", plan.outputs().get("planFile"),
                "planChecksum", plan.outputs().get("planChecksum"));

        String planFile = (String) plan.outputs().get("planFile");
        assertThat(callLines())
                .containsExactly(
                        "init -input=false -no-color",
                        "show -json " + planFile,
                        "apply -input=false -no-color " + planFile,
                        "output -json -no-color");
        assertThat(apply.outputs())
                .containsEntry("changed", true)
                .containsEntry("add", 2)
                .containsEntry("motd_path", "./out/motd")
                .containsEntry("release", "1.4.2")
                .containsEntry("ports", "[80,443]")
                .containsEntry("tags", "{\"env\":\"staging\",\"team\":\"web\"}")
                .containsEntry("sensitiveOutputs", "db_password")
                .doesNotContainKey("db_password");
        assertThat(apply.environment())
                .containsEntry("TF_OUTPUT_motd_path", "./out/motd")
                .containsEntry("TF_OUTPUT_db_password", "s3cr3t-Db-Pa55word");
        assertThat(host.mask("password s3cr3t-Db-Pa55word")).isEqualTo("password ****");
        assertThat(host.lines())
                .contains(
                        "Apply complete! Resources: 2 added, 1 changed, 2 destroyed.",
                        "Outputs: motd_path, ports, release, tags; sensitive, in the environment of the step's block"
                                + " only: db_password");
        assertThat(host.log()).doesNotContain("s3cr3t-Db-Pa55word");
    }

    @Test
    void refusesAPlanFileThatChangedSinceItWasPlanned() throws IOException {
        ProvisionResult plan = provision("mode", "plan");
        Path planFile = Path.of((String) plan.outputs().get("planFile"));
        Files.writeString(planFile, "fake saved plan: no-changes 1\n");
        Files.delete(calls);

        assertThatThrownBy(() -> provision(
                        "mode",
                        "apply",
                        "planFile",
                        planFile.toString(),
                        "planChecksum",
                        plan.outputs().get("planChecksum")))
                .isInstanceOf(ProvisionException.class)
                .hasMessageStartingWith("provision (terraform): the plan file " + planFile
                        + " is not the plan that was made: its SHA-256 is ")
                .hasMessageEndingWith(
                        ", the plan call gave " + plan.outputs().get("planChecksum") + "; refusing to apply it");
        assertThat(commands()).doesNotContain("apply");
    }

    @Test
    void saysInOneLineThatAStalePlanWasRefused() throws IOException {
        ProvisionResult plan = provision("mode", "plan");
        host.env("FAKE_TERRAFORM_APPLY", "saved-plan-is-stale");

        assertThatThrownBy(() -> provision("mode", "apply", "planFile", "orchestra.tfplan"))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("terraform refused to apply the saved plan "
                        + plan.outputs().get("planFile")
                        + ": it is stale, the state changed after the plan was made; plan again, review and approve the"
                        + " new plan")
                .satisfies(
                        e -> assertThat(((ProvisionException) e).isRetryable()).isFalse());
        assertThat(host.lines()).contains("Error: Saved plan is stale");
    }

    @Test
    void treatsAHeldStateLockAsRetryable() {
        provision("mode", "plan");
        host.env("FAKE_TERRAFORM_APPLY", "state-locked");

        assertThatThrownBy(() -> provision("mode", "apply", "planFile", "orchestra.tfplan", "lockTimeout", "30s"))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("terraform apply could not lock the state within 30.0s: another operation holds the lock"
                        + " (its lock info is above)")
                .satisfies(
                        e -> assertThat(((ProvisionException) e).isRetryable()).isTrue());
    }

    @Test
    void namesTheFirstErrorOfAFailedInit() {
        host.env("FAKE_TERRAFORM_INIT", "state-locked");

        assertThatThrownBy(() -> provision("mode", "plan"))
                .hasMessage("terraform init could not lock the state: another operation holds the lock (its lock info"
                        + " is above); give lockTimeout: to wait for it");
    }

    @Test
    void refusesToApplyAPlanFileThatWasNeverMade() {
        assertThatThrownBy(() -> provision("mode", "apply", "planFile", "missing.tfplan"))
                .hasMessage("provision (terraform): the plan file " + workspace.resolve("missing.tfplan")
                        + " does not exist; make it with mode: 'plan' first, whose planFile output names it");
    }

    @Test
    void appliesWithoutPlanFileByPlanningAndApplyingThatPlan() throws IOException {
        ProvisionResult r = provision("mode", "apply");

        assertThat(commands()).containsExactly("init", "plan", "show", "apply", "output");
        String planned = callLines().get(1).replaceAll(".* -out=(\\S+).*", "$1");
        assertThat(callLines().get(3)).isEqualTo("apply -input=false -no-color " + planned);
        assertThat(Path.of(planned)).as("the private plan file is deleted").doesNotExist();
        assertThat(r.outputs()).containsEntry("changed", true).containsEntry("release", "1.4.2");
    }

    @Test
    void skipsTheApplyWhenThePlanHasNoChanges() throws IOException {
        host.env("FAKE_TERRAFORM_PLAN", "no-changes").env("FAKE_TERRAFORM_OUTPUT", "none");

        ProvisionResult r = provision("mode", "apply");

        assertThat(commands()).containsExactly("init", "plan", "show", "output");
        assertThat(r.outputs()).containsEntry("changed", false).containsEntry("summary", "no changes");
        assertThat(host.lines()).contains("Nothing to apply.");
    }

    @Test
    void plansButDoesNotApplyInADryRun() throws IOException {
        host.dryRun(true);

        ProvisionResult r = provision("mode", "apply");

        assertThat(commands()).containsExactly("init", "plan", "show");
        assertThat(r.outputs()).containsEntry("dryRun", true).containsEntry("changed", true);
        assertThat(host.lines()).contains("Dry run: the plan is not applied");
    }

    @Test
    void doesNotApplyASavedPlanInADryRun() throws IOException {
        provision("mode", "plan");
        Files.delete(calls);

        provision("mode", "apply", "planFile", "orchestra.tfplan", "dryRun", true);

        assertThat(commands()).containsExactly("init", "show");
    }

    @Test
    void reportsDriftAsAnOutput() {
        host.env("FAKE_TERRAFORM_PLAN", "drift-changed-outside-terraform");

        ProvisionResult r = provision("mode", "drift", "workspace", "prod");

        assertThat(r.outputs())
                .containsEntry("drift", true)
                .containsEntry("changed", false)
                .containsEntry("changedOutside", 1)
                .containsEntry("add", 1);
        assertThat(host.lines())
                .contains(
                        "Changed outside of Terraform: 1 resource",
                        "WARNING: terraform found drift in workspace 'prod': 1 to add, 0 to change, 0 to destroy, 1"
                                + " changed outside Terraform; see the plan above");
    }

    @Test
    void failsOnDriftWhenAsked() {
        host.env("FAKE_TERRAFORM_PLAN", "drift-changed-outside-terraform");

        assertThatThrownBy(() -> provision("mode", "drift", "failOnDrift", true))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("terraform found drift: 1 to add, 0 to change, 0 to destroy, 1 changed outside Terraform;"
                        + " see the plan above");
    }

    @Test
    void reportsNoDriftWhenPlanExitsZero() throws IOException {
        host.env("FAKE_TERRAFORM_PLAN", "no-changes");

        ProvisionResult r = provision("mode", "drift", "failOnDrift", true, "refreshOnly", true);

        assertThat(r.outputs()).containsEntry("drift", false);
        assertThat(callLines().get(1)).contains("-detailed-exitcode").contains("-refresh-only");
    }

    @Test
    void plansARefreshOnlyPlanThatFoundDriftAsAChange() throws IOException {
        host.env("FAKE_TERRAFORM_PLAN", "refresh-only-drift");

        ProvisionResult r = provision("mode", "plan", "refreshOnly", true);

        assertThat(callLines().get(1)).contains("-detailed-exitcode").endsWith(" -refresh-only");
        assertThat(r.outputs())
                .containsEntry("changed", true)
                .containsEntry("summary", "1 changed outside Terraform")
                .containsEntry("changedOutside", 1)
                .containsEntry("add", 0);
        assertThat(host.lines())
                .contains(
                        "  local_file.motd (destroy)",
                        "Refresh-only plan: applying it records these changes in the state and changes no"
                                + " infrastructure.");
    }

    @Test
    void appliesASavedRefreshOnlyPlanThatFoundDrift() throws IOException {
        host.env("FAKE_TERRAFORM_PLAN", "refresh-only-drift");
        ProvisionResult plan = provision("mode", "plan", "refreshOnly", true);
        Files.delete(calls);

        ProvisionResult apply = provision(
                "mode", "apply",
                "planFile", plan.outputs().get("planFile"),
                "planChecksum", plan.outputs().get("planChecksum"));

        String planFile = (String) plan.outputs().get("planFile");
        assertThat(callLines())
                .containsExactly(
                        "init -input=false -no-color",
                        "show -json " + planFile,
                        "apply -input=false -no-color " + planFile,
                        "output -json -no-color");
        assertThat(apply.outputs()).containsEntry("changed", true).containsEntry("changedOutside", 1);
        assertThat(host.lines())
                .contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.")
                .doesNotContain("Nothing to apply.");
    }

    @Test
    void appliesARefreshOnlyPlanThatFoundDriftWithoutAPlanFileToo() throws IOException {
        host.env("FAKE_TERRAFORM_PLAN", "refresh-only-drift");

        ProvisionResult r = provision("mode", "apply", "refreshOnly", true);

        assertThat(commands()).containsExactly("init", "plan", "show", "apply", "output");
        assertThat(r.outputs()).containsEntry("changed", true);
    }

    @Test
    void failsInOneLineWithTerraformsErrorWhenThePlanFails() throws IOException {
        host.env("FAKE_TERRAFORM_PLAN", "error-missing-variable");

        assertThatThrownBy(() -> provision("mode", "plan"))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("terraform plan failed with exit code 1: Error: No value for required variable")
                .hasNoCause()
                .satisfies(
                        e -> assertThat(((ProvisionException) e).isRetryable()).isFalse());
        assertThat(commands()).containsExactly("init", "plan");
        assertThat(workspace.resolve("orchestra.tfplan")).doesNotExist();
        assertThat(host.lines())
                .contains("The root module input variable \"release\" is not set, and has no default value.");
    }

    @Test
    void readsOutputsWithoutPlanning() throws IOException {
        ProvisionResult r = provision("mode", "output", "init", false);

        assertThat(commands()).containsExactly("output");
        assertThat(r.outputs()).containsEntry("changed", false).containsEntry("motd_path", "./out/motd");
    }

    @Test
    void drivesOpenTofuTheSameWay() throws IOException {
        Map<String, Object> args = Map.of("tool", "tofu", "mode", "plan");

        ProvisionResult r = provisioner.provision(args, host);

        assertThat(r.tool()).isEqualTo("tofu");
        assertThat(host.lines()).contains("+ tofu init -input=false -no-color");
    }

    @Test
    void killsAHangingApplyWhenTheTimeoutPasses() {
        provision("mode", "plan");
        host.env("FAKE_TERRAFORM_APPLY", "hang");

        assertThatThrownBy(() -> provision("mode", "apply", "planFile", "orchestra.tfplan", "timeout", "2s"))
                .isInstanceOf(ProvisionException.class)
                .hasMessage(
                        "provision (terraform): terraform apply timed out after 2.0s; all its processes were killed");
    }

    @Test
    void refusesArgumentsASavedPlanCannotTake() {
        assertThatThrownBy(() -> provisioner.validate(
                        Map.of("tool", "terraform", "mode", "apply", "planFile", "p.tfplan", "vars", Map.of("a", "b"))))
                .hasMessage("provision (terraform): vars cannot be given with planFile in mode 'apply': a saved plan is"
                        + " applied exactly as it was planned; give it to the plan call");
        assertThatThrownBy(() -> provisioner.validate(Map.of("tool", "terraform", "mode", "aply")))
                .hasMessage("provision (terraform): mode must be one of plan, apply, drift, output, was 'aply' (did you"
                        + " mean 'apply'?)");
        assertThatThrownBy(() -> provisioner.validate(Map.of("tool", "terraform", "planChecksum", "abc")))
                .hasMessageStartingWith("provision (terraform): planChecksum must be the 64 hex digits");
        assertThatThrownBy(() -> provisioner.validate(Map.of("tool", "terraform", "failOnDrift", true)))
                .hasMessage("provision (terraform): failOnDrift is for mode 'drift', was given with mode 'plan'");
    }
}
