package io.jenkins.plugins.orchestra.provision.terraform;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Terraform or OpenTofu call was asked to do. See {@code docs/steps/provision.md} for every argument.
 *
 * @param binary the program: {@code terraform}, {@code tofu}, or a path
 * @param mode plan, apply, drift or output
 * @param workspace the workspace to select, created if missing; empty for the current one
 * @param varFiles {@code -var-file}s
 * @param vars {@code -var}s: plain values; lists and maps are given as JSON, which Terraform reads as HCL
 * @param secretVars variables from {@code string} credentials, given as {@code TF_VAR_name}: name to credentials id
 * @param lockTimeout {@code -lock-timeout}
 * @param backendConfig {@code init -backend-config=key=value}s
 * @param init whether to run {@code init} first
 * @param planFile plan: where to save the plan; apply: the saved plan to apply
 * @param planChecksum apply: the SHA-256 the plan call gave for the plan file; a different file is refused
 * @param targets {@code -target}s
 * @param destroy {@code -destroy}: plan to destroy everything
 * @param refreshOnly {@code -refresh-only}: plan only to update the state to match the real infrastructure
 * @param parallelism {@code -parallelism}
 * @param failOnDrift drift: fail the step when there is drift
 */
public record TerraformSpec(
        String binary,
        TerraformMode mode,
        Optional<String> workspace,
        List<String> varFiles,
        Map<String, Object> vars,
        Map<String, String> secretVars,
        Optional<Duration> lockTimeout,
        Map<String, Object> backendConfig,
        boolean init,
        Optional<String> planFile,
        Optional<String> planChecksum,
        List<String> targets,
        boolean destroy,
        boolean refreshOnly,
        Optional<Integer> parallelism,
        boolean failOnDrift) {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public TerraformSpec {
        notBlank("binary", binary);
        Objects.requireNonNull(mode, "mode");
        workspace.ifPresent(w -> {
            notBlank("workspace", w);
            if (w.contains("/") || w.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("workspace must be a name without '/' or spaces, was '" + w + "'");
            }
        });
        varFiles = List.copyOf(varFiles);
        varFiles.forEach(f -> notBlank("varFiles", f));
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        secretVars = Collections.unmodifiableMap(new LinkedHashMap<>(secretVars));
        vars.keySet().forEach(k -> variable("vars", k));
        for (Map.Entry<String, String> e : secretVars.entrySet()) {
            variable("secretVars", e.getKey());
            notBlank("secretVars." + e.getKey(), e.getValue());
            if (vars.containsKey(e.getKey())) {
                throw new IllegalArgumentException(
                        "'" + e.getKey() + "' is in both vars and secretVars; give it in one of them");
            }
        }
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        backendConfig = Collections.unmodifiableMap(new LinkedHashMap<>(backendConfig));
        backendConfig.forEach((k, v) -> {
            if (v instanceof Map || v instanceof List) {
                throw new IllegalArgumentException("backendConfig." + k + " must be a string, number or boolean");
            }
        });
        planFile.ifPresent(p -> notBlank("planFile", p));
        planChecksum.ifPresent(c -> {
            if (!SHA256.matcher(c).matches()) {
                throw new IllegalArgumentException(
                        "planChecksum must be the 64 hex digits of a SHA-256 (the plan call's planChecksum output),"
                                + " was '" + c + "'");
            }
        });
        targets = List.copyOf(targets);
        targets.forEach(t -> notBlank("targets", t));
        parallelism.ifPresent(p -> {
            if (p < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, was " + p);
            }
        });
        if (destroy && refreshOnly) {
            throw new IllegalArgumentException("destroy and refreshOnly cannot both be true");
        }
        boolean appliesSavedPlan = mode == TerraformMode.APPLY && planFile.isPresent();
        if (appliesSavedPlan) {
            String because = " cannot be given with planFile in mode 'apply': a saved plan is applied exactly as it"
                    + " was planned; give it to the plan call";
            onlyWhen(!varFiles.isEmpty(), "varFiles" + because);
            onlyWhen(!vars.isEmpty(), "vars" + because);
            onlyWhen(!targets.isEmpty(), "targets" + because);
            onlyWhen(destroy, "destroy" + because);
            onlyWhen(refreshOnly, "refreshOnly" + because);
        }
        if (planChecksum.isPresent() && !appliesSavedPlan) {
            throw new IllegalArgumentException("planChecksum is for mode 'apply' with a planFile, was given with mode '"
                    + mode.symbol() + "'" + (planFile.isEmpty() ? " and no planFile" : ""));
        }
        if (failOnDrift && mode != TerraformMode.DRIFT) {
            throw new IllegalArgumentException(
                    "failOnDrift is for mode 'drift', was given with mode '" + mode.symbol() + "'");
        }
        if (mode == TerraformMode.OUTPUT || mode == TerraformMode.DRIFT) {
            String in = " cannot be given with mode '" + mode.symbol() + "'";
            onlyWhen(planFile.isPresent(), "planFile" + in);
            onlyWhen(destroy, "destroy" + in);
        }
        if (mode == TerraformMode.OUTPUT) {
            String in = " cannot be given with mode 'output', which does not plan";
            onlyWhen(!varFiles.isEmpty(), "varFiles" + in);
            onlyWhen(!vars.isEmpty(), "vars" + in);
            onlyWhen(!targets.isEmpty(), "targets" + in);
            onlyWhen(refreshOnly, "refreshOnly" + in);
        }
    }

    private static void onlyWhen(boolean given, String message) {
        if (given) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    field + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private static void variable(String field, String name) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " names must be Terraform variable names (letters, digits, _"
                    + " and -, not starting with a digit), was '" + name + "'");
        }
    }
}
