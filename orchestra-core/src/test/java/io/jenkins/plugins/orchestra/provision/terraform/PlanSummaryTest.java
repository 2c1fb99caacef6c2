package io.jenkins.plugins.orchestra.provision.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.orchestra.provision.terraform.PlanSummary.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The summary of {@code show -json} output, from recorded outputs of each case. */
class PlanSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String fixture(String name) {
        try (InputStream in = PlanSummaryTest.class.getResourceAsStream("/provision/terraform/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void countsAddChangeAndDestroyAsTerraformDoes() {
        PlanSummary s = PlanSummary.parse(fixture("show-json-create-update-replace-destroy.json"));

        assertThat(s.add()).isEqualTo(2);
        assertThat(s.change()).isEqualTo(1);
        assertThat(s.destroy()).isEqualTo(2);
        assertThat(s.counts()).isEqualTo("2 to add, 1 to change, 2 to destroy");
        assertThat(s.hasChanges()).isTrue();
        assertThat(s.outputChanges()).isEqualTo(2);
        assertThat(s.lines())
                .containsExactly(
                        "Plan: 2 to add, 1 to change, 2 to destroy.",
                        "  <= data.local_file.motd (read)",
                        "  - local_file.legacy (destroy)",
                        "  + local_file.motd (create)",
                        "  ~ terraform_data.release (update in-place)",
                        "  -/+ terraform_data.web (replace, destroying first)",
                        "  and 2 outputs to change");
    }

    @Test
    void leavesNoOpsOutAndSaysWhenNothingChanges() {
        PlanSummary s = PlanSummary.parse(fixture("show-json-no-changes.json"));

        assertThat(s.changes()).isEmpty();
        assertThat(s.hasChanges()).isFalse();
        assertThat(s.lines()).containsExactly("No changes: the infrastructure matches the configuration.");
    }

    @Test
    void listsWhatChangedOutsideTerraform() {
        PlanSummary s = PlanSummary.parse(fixture("show-json-drift-changed-outside-terraform.json"));

        assertThat(s.drift()).extracting(PlanSummary.ResourceChange::address).containsExactly("local_file.motd");
        assertThat(s.lines())
                .containsExactly(
                        "Changed outside of Terraform: 1 resource",
                        "  local_file.motd (destroy; may have affected this plan)",
                        "Plan: 1 to add, 0 to change, 0 to destroy.",
                        "  + local_file.motd (create)");
    }

    @Test
    void aRefreshOnlyPlanThatFoundDriftHasChangesToApply() {
        PlanSummary s = PlanSummary.parse(fixture("show-json-refresh-only-drift.json"));

        assertThat(s.refreshOnly()).isTrue();
        assertThat(s.changes()).isEmpty();
        assertThat(s.hasChanges()).isTrue();
        assertThat(s.counts()).isEqualTo("1 changed outside Terraform");
        assertThat(s.lines())
                .containsExactly(
                        "Changed outside of Terraform: 1 resource",
                        "  local_file.motd (destroy)",
                        "Refresh-only plan: applying it records these changes in the state and changes no"
                                + " infrastructure.");
    }

    @Test
    void driftAloneDoesNotMakeANormalPlanApplyable() throws IOException {
        // a normal plan that changes nothing although a resource drifted, as when the drift is in ignore_changes
        ObjectNode plan = (ObjectNode) JSON.readTree(fixture("show-json-no-changes.json"));
        plan.set(
                "resource_drift",
                JSON.readTree(fixture("show-json-refresh-only-drift.json")).get("resource_drift"));

        PlanSummary s = PlanSummary.parse(plan.toString());

        assertThat(s.refreshOnly()).isFalse();
        assertThat(s.drift()).hasSize(1);
        assertThat(s.hasChanges()).isFalse();
        assertThat(s.lines()).endsWith("No changes: the infrastructure matches the configuration.");
    }

    @Test
    void takesTerraformsOwnApplyableWhenItPrintsOne() throws IOException {
        ObjectNode plan = (ObjectNode) JSON.readTree(fixture("show-json-refresh-only-drift.json"));
        plan.put("applyable", false);

        assertThat(PlanSummary.parse(plan.toString()).hasChanges()).isFalse();
        assertThat(PlanSummary.parse(plan.put("applyable", true).toString()).hasChanges())
                .isTrue();
    }

    @Test
    void countsImportsAndForgetsAsTerraform17Does() {
        PlanSummary s = PlanSummary.parse(fixture("show-json-import-and-forget.json"));

        assertThat(s.imports()).isEqualTo(2);
        assertThat(s.forgets()).isEqualTo(1);
        assertThat(s.counts()).isEqualTo("2 to import, 0 to add, 1 to change, 0 to destroy, 1 to forget");
        assertThat(s.lines())
                .contains(
                        "  <- local_file.imported (import)",
                        "  ~ local_file.imported_and_updated (import, then update in-place)",
                        "  . terraform_data.retired (forget)");
    }

    @Test
    void refusesAFormatVersionItDoesNotRead() {
        assertThatThrownBy(() -> PlanSummary.parse(fixture("show-json-unsupported-format-version.json")))
                .hasMessage("show -json gave format_version '2.0', which this version of Orchestra does not read (it"
                        + " reads 0.x and 1.x)");
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertThatThrownBy(() -> PlanSummary.parse("Error: Failed to read the given file as a state or plan file"))
                .hasMessageStartingWith("show -json did not print JSON");
    }

    @Test
    void readsEveryDocumentedActionList() {
        assertThat(Action.of(java.util.List.of("create", "delete"))).isEqualTo(Action.CREATE_THEN_DELETE);
        assertThat(Action.of(java.util.List.of("delete", "create"))).isEqualTo(Action.REPLACE);
        assertThatThrownBy(() -> Action.of(java.util.List.of("explode")))
                .hasMessage("unknown change actions [explode]");
    }
}
