package io.jenkins.plugins.orchestra.provision.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a saved plan would do, read from {@code terraform show -json PLANFILE} (Terraform's documented JSON output
 * format, {@code format_version} 0.x or 1.x): each resource change with its action, the resources that changed outside
 * Terraform, and the changes to outputs.
 *
 * <p>Whether applying the plan would do anything is decided as Terraform decides it (the same answer as {@code plan
 * -detailed-exitcode}): by its {@code applyable} field when it prints one (Terraform 1.8 and later); otherwise a plan
 * applies when it changes a resource or an output, and a refresh-only plan ({@code plan -refresh-only}) also when it
 * found resources changed outside Terraform, since applying it records them in the state. Drift alone does not make a
 * normal plan applyable.
 *
 * @param changes the planned changes to resources, without the no-ops
 * @param drift the resources found changed outside Terraform ({@code resource_drift})
 * @param outputChanges how many outputs would change
 * @param relevant the resources named in {@code relevant_attributes}: those whose drift may have affected the plan
 * @param refreshOnly whether this is a refresh-only plan: Terraform plans no resource change in one, so a plan with
 *     {@code resource_drift} and no {@code resource_changes} at all is one
 * @param applyable Terraform's own {@code applyable} field; empty when it prints none (before Terraform 1.8)
 */
public record PlanSummary(
        List<ResourceChange> changes,
        List<ResourceChange> drift,
        int outputChanges,
        Set<String> relevant,
        boolean refreshOnly,
        Optional<Boolean> applyable) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanSummary {
        changes = List.copyOf(changes);
        drift = List.copyOf(drift);
        relevant = Set.copyOf(relevant);
        Objects.requireNonNull(applyable, "applyable");
    }

    /** What happens to a resource, with the symbol Terraform's plan shows for it. */
    public enum Action {
        CREATE("+", "create"),
        UPDATE("~", "update in-place"),
        DELETE("-", "destroy"),
        REPLACE("-/+", "replace, destroying first"),
        CREATE_THEN_DELETE("+/-", "replace, creating first"),
        READ("<=", "read"),
        FORGET(".", "forget"),
        IMPORT("<-", "import"),
        NO_OP(" ", "no change");

        private final String symbol;
        private final String description;

        Action(String symbol, String description) {
            this.symbol = symbol;
            this.description = description;
        }

        public String symbol() {
            return symbol;
        }

        public String description() {
            return description;
        }

        /** The action of a change's {@code actions} array, as the JSON format documents them. */
        static Action of(List<String> actions) {
            return switch (String.join(",", actions)) {
                case "no-op" -> NO_OP;
                case "create" -> CREATE;
                case "read" -> READ;
                case "update" -> UPDATE;
                case "delete" -> DELETE;
                case "delete,create" -> REPLACE;
                case "create,delete" -> CREATE_THEN_DELETE;
                case "forget" -> FORGET;
                default -> throw new IllegalArgumentException("unknown change actions " + actions);
            };
        }
    }

    /** One resource's planned change: {@code local_file.motd} will be created. */
    public record ResourceChange(String address, Action action, boolean importing) {
        /** {@code  + local_file.motd (create)}, with Terraform's symbol. */
        @Override
        public String toString() {
            String what =
                    importing && action != Action.NO_OP ? "import, then " + action.description() : action.description();
            return (importing && action == Action.NO_OP ? Action.IMPORT.symbol() : action.symbol()) + " " + address
                    + " (" + (importing && action == Action.NO_OP ? Action.IMPORT.description() : what) + ")";
        }
    }

    /**
     * Reads {@code show -json} output.
     *
     * @throws IllegalArgumentException if it is not a plan in a format version this reads
     */
    public static PlanSummary parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("show -json did not print JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("show -json printed no JSON object");
        }
        String version = root.path("format_version").asText("");
        if (!version.startsWith("0.") && !version.startsWith("1.")) {
            throw new IllegalArgumentException("show -json gave format_version '" + version
                    + "', which this version of Orchestra does not read (it reads 0.x and 1.x)");
        }
        List<ResourceChange> changes = new ArrayList<>();
        boolean anyResourceChange = false;
        for (JsonNode rc : root.path("resource_changes")) {
            anyResourceChange = true;
            ResourceChange change = change(rc);
            if (change.action() != Action.NO_OP || change.importing()) {
                changes.add(change);
            }
        }
        List<ResourceChange> drift = new ArrayList<>();
        for (JsonNode rc : root.path("resource_drift")) {
            drift.add(change(rc));
        }
        int outputs = 0;
        for (JsonNode oc : root.path("output_changes")) {
            if (Action.of(actions(oc.path("actions"))) != Action.NO_OP) {
                outputs++;
            }
        }
        Set<String> relevant = new LinkedHashSet<>();
        for (JsonNode ra : root.path("relevant_attributes")) {
            if (ra.path("resource").isTextual()) {
                relevant.add(ra.path("resource").asText());
            }
        }
        JsonNode applyable = root.path("applyable");
        return new PlanSummary(
                changes,
                drift,
                outputs,
                relevant,
                !anyResourceChange && !drift.isEmpty(),
                applyable.isBoolean() ? Optional.of(applyable.asBoolean()) : Optional.empty());
    }

    private static ResourceChange change(JsonNode rc) {
        JsonNode change = rc.path("change");
        return new ResourceChange(
                rc.path("address").asText("?"),
                Action.of(actions(change.path("actions"))),
                change.path("importing").isObject());
    }

    private static List<String> actions(JsonNode node) {
        List<String> actions = new ArrayList<>();
        node.forEach(a -> actions.add(a.asText()));
        return actions;
    }

    /** Resources to create: creations and replacements, as Terraform counts "to add". */
    public int add() {
        return count(Action.CREATE) + count(Action.REPLACE) + count(Action.CREATE_THEN_DELETE);
    }

    /** Resources to update in place. */
    public int change() {
        return count(Action.UPDATE);
    }

    /** Resources to destroy: deletions and replacements, as Terraform counts "to destroy". */
    public int destroy() {
        return count(Action.DELETE) + count(Action.REPLACE) + count(Action.CREATE_THEN_DELETE);
    }

    public int imports() {
        return (int) changes.stream().filter(ResourceChange::importing).count();
    }

    public int forgets() {
        return count(Action.FORGET);
    }

    private int count(Action action) {
        return (int) changes.stream().filter(c -> c.action() == action).count();
    }

    /**
     * Whether applying the plan would change anything: a resource (reads aside), an output, or, in a refresh-only
     * plan, the state; Terraform's {@code applyable} when it gives one.
     */
    public boolean hasChanges() {
        return applyable.orElseGet(() -> outputChanges > 0
                || changes.stream().anyMatch(c -> c.action() != Action.READ)
                || (refreshOnly && !drift.isEmpty()));
    }

    /**
     * {@code 2 to add, 1 to change, 2 to destroy}, with imports and forgets when there are any, as Terraform says; for
     * a refresh-only plan, {@code 1 changed outside Terraform}.
     */
    public String counts() {
        if (refreshOnly) {
            return drift.size() + " changed outside Terraform";
        }
        StringBuilder sb = new StringBuilder();
        if (imports() > 0) {
            sb.append(imports()).append(" to import, ");
        }
        sb.append(String.format(Locale.ROOT, "%d to add, %d to change, %d to destroy", add(), change(), destroy()));
        if (forgets() > 0) {
            sb.append(", ").append(forgets()).append(" to forget");
        }
        return sb.toString();
    }

    /**
     * The summary for the log: the drift (in a normal plan, marking what may have affected it, from {@code
     * relevant_attributes}), the counts, each resource change and the output changes.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (!drift.isEmpty()) {
            lines.add("Changed outside of Terraform: " + drift.size() + " resource" + (drift.size() == 1 ? "" : "s"));
            drift.forEach(d -> lines.add("  " + d.address() + " (" + d.action().description()
                    + (!refreshOnly && relevant.contains(d.address()) ? "; may have affected this plan" : "")
                    + ")"));
        }
        if (refreshOnly && hasChanges()) {
            lines.add("Refresh-only plan: applying it records these changes in the state and changes no"
                    + " infrastructure.");
            if (outputChanges > 0) {
                lines.add("  and " + outputChanges + " output" + (outputChanges == 1 ? "" : "s") + " to change");
            }
            return lines;
        }
        if (!hasChanges()) {
            lines.add("No changes: the infrastructure matches the configuration.");
            return lines;
        }
        lines.add("Plan: " + counts() + ".");
        changes.forEach(c -> lines.add("  " + c));
        if (outputChanges > 0) {
            lines.add("  and " + outputChanges + " output" + (outputChanges == 1 ? "" : "s") + " to change");
        }
        return lines;
    }
}
