package io.jenkins.plugins.orchestra.provision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code provision} call produced.
 *
 * @param tool the tool that ran: {@code ansible}
 * @param outputs the step's result, and a stage's outputs inside {@code orchestrate}: names to strings, whole numbers
 *     or booleans, never a secret. Every tool sets {@code changed}: whether anything was changed (in a plan or check
 *     run: would be)
 * @param environment variables the tool exports to the steps inside the call's block ({@code TF_OUTPUT_name}); may
 *     hold secrets (sensitive Terraform outputs), which the host masks, so it is never printed or stored
 */
public record ProvisionResult(String tool, Map<String, Object> outputs, Map<String, String> environment) {
    public ProvisionResult {
        Objects.requireNonNull(tool, "tool");
        Map<String, Object> checked = new LinkedHashMap<>();
        Objects.requireNonNull(outputs, "outputs").forEach((name, value) -> {
            if (!(value instanceof String
                    || value instanceof Integer
                    || value instanceof Long
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException(
                        "output " + name + " must be a string, a whole number or a boolean, was "
                                + (value == null ? "null" : value.getClass().getSimpleName()));
            }
            checked.put(name, value);
        });
        outputs = Collections.unmodifiableMap(checked);
        environment =
                Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
    }

    /** A result without environment. */
    public static ProvisionResult of(String tool, Map<String, Object> outputs) {
        return new ProvisionResult(tool, outputs, Map.of());
    }

    /** Whether anything was (in a plan or check run: would be) changed. */
    public boolean changed() {
        return Boolean.TRUE.equals(outputs.get("changed"));
    }

    /** Names the environment's variables but not their values, which may be secrets. */
    @Override
    public String toString() {
        return "ProvisionResult[tool=" + tool + ", outputs=" + outputs + ", environment=" + environment.keySet() + "]";
    }
}
