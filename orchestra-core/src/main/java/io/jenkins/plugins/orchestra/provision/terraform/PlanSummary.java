package io.jenkins.plugins.orchestra.provision.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a saved plan would do, read from {@code terraform show -json PLANFILE} (Terraform's documented JSON output
 * format, {@code format_version} 0.x or 1.x): each resource change with its action, the resources that changed outside
 * Terraform, and the changes to outputs.
 *
 * @param changes the planned changes to resources, without the no-ops
 * @param drift the resources found changed outside Terraform ({@code resource_drift})
 * @param outputChanges how many outputs would change
 */
public record PlanSummary(List<ResourceChange> changes, List<ResourceChange> drift, int outputChanges) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanSummary {
        changes = List.copyOf(changes);
        drift = List.copyOf(drift);
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
        for (JsonNode rc : root.path("resource_changes")) {
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
        return new PlanSummary(changes, drift, outputs);
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

    /** Whether applying the plan would change anything: a resource (reads aside) or an output. */
    public boolean hasChanges() {
        return outputChanges > 0 || changes.stream().anyMatch(c -> c.action() != Action.READ);
    }

    /** {@code 2 to add, 1 to change, 2 to destroy}, with imports and forgets when there are any, as Terraform says. */
    public String counts() {
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

    /** The summary for the log: the counts, each resource change, the drift and the output changes. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (!drift.isEmpty()) {
            lines.add("Changed outside of Terraform: " + drift.size() + " resource" + (drift.size() == 1 ? "" : "s"));
            drift.forEach(d -> lines.add("  " + d.address() + " (" + d.action().description() + ")"));
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
