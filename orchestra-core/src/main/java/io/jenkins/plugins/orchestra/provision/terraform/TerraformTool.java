package io.jenkins.plugins.orchestra.provision.terraform;

import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import io.jenkins.plugins.orchestra.provision.CommandResult;
import io.jenkins.plugins.orchestra.provision.ProvisionContext;
import io.jenkins.plugins.orchestra.provision.ProvisionException;
import io.jenkins.plugins.orchestra.provision.ProvisionResult;
import io.jenkins.plugins.orchestra.provision.ProvisionTool;
import io.jenkins.plugins.orchestra.provision.ToolArguments;
import io.jenkins.plugins.orchestra.provision.ToolCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives Terraform or OpenTofu (the same command line): {@code init}, workspaces, {@code plan -out} with a summary read
 * from {@code show -json}, {@code apply} of exactly a saved plan, drift detection with {@code plan -detailed-exitcode},
 * and {@code output -json} into the step's outputs and environment.
 *
 * <p>A plan and its apply compose with an approval between them: the plan call's {@code planFile} and {@code
 * planChecksum} outputs go to the apply call, which refuses a plan file that changed since, and Terraform itself
 * refuses a plan whose state changed since ("Saved plan is stale"), which becomes a one-line message.
 */
public final class TerraformTool implements ProvisionTool<TerraformSpec> {
    /** The prefix of the environment variables that carry the outputs: {@code TF_OUTPUT_instance_ip}. */
    public static final String OUTPUT_PREFIX = "TF_OUTPUT_";

    private static final List<String> OWN_OUTPUTS = List.of(
            "changed",
            "add",
            "change",
            "destroy",
            "summary",
            "planFile",
            "planChecksum",
            "workspace",
            "drift",
            "changedOutside",
            "dryRun",
            "sensitiveOutputs");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final String name;
    private final String installHint;

    private TerraformTool(String name, String installHint) {
        this.name = name;
        this.installHint = installHint;
    }

    /** {@code tool: 'terraform'}. */
    public static TerraformTool terraform() {
        return new TerraformTool(
                "terraform",
                "install Terraform (https://developer.hashicorp.com/terraform/install), or set binary: to its path");
    }

    /** {@code tool: 'tofu'}: OpenTofu. */
    public static TerraformTool tofu() {
        return new TerraformTool(
                "tofu", "install OpenTofu (https://opentofu.org/docs/intro/install/), or set binary: to its path");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> parameters() {
        return List.of(
                "binary",
                "mode",
                "workspace",
                "varFiles",
                "vars",
                "secretVars",
                "lockTimeout",
                "backendConfig",
                "init",
                "planFile",
                "planChecksum",
                "targets",
                "destroy",
                "refreshOnly",
                "parallelism",
                "failOnDrift");
    }

    @Override
    public TerraformSpec parse(ToolArguments args) {
        String modeName = args.string("mode").orElse("plan");
        TerraformMode mode = TerraformMode.ofSymbol(modeName).orElseThrow(() -> {
            List<String> modes = Arrays.stream(TerraformMode.values())
                    .map(TerraformMode::symbol)
                    .toList();
            return args.invalid("mode must be one of " + String.join(", ", modes) + ", was '" + modeName + "'"
                    + Suggestions.closest(modeName, modes)
                            .map(m -> " (did you mean '" + m + "'?)")
                            .orElse(""));
        });
        return new TerraformSpec(
                args.string("binary").orElse(name),
                mode,
                args.string("workspace"),
                args.strings("varFiles"),
                args.map("vars"),
                args.stringMap("secretVars"),
                args.duration("lockTimeout"),
                args.map("backendConfig"),
                args.bool("init", true),
                args.string("planFile"),
                args.string("planChecksum"),
                args.strings("targets"),
                args.bool("destroy", false),
                args.bool("refreshOnly", false),
                args.count("parallelism"),
                args.bool("failOnDrift", false));
    }

    @Override
    public ProvisionResult run(TerraformSpec spec, ProvisionContext context) {
        return new Run(spec, context, context.executable(spec.binary(), installHint)).run();
    }

    /** One call: the program, its environment, and the steps of the mode. */
    private final class Run {
        private final TerraformSpec spec;
        private final ProvisionContext context;
        private final Path program;
        private final String command;
        private final Map<String, String> environment = new LinkedHashMap<>();

        Run(TerraformSpec spec, ProvisionContext context, Path program) {
            this.spec = spec;
            this.context = context;
            this.program = program;
            this.command = program.getFileName().toString();
            environment.put("TF_IN_AUTOMATION", "1");
            environment.put("TF_INPUT", "0");
            spec.secretVars()
                    .forEach((var, id) -> environment.put(
                            "TF_VAR_" + var, context.secretText(id).reveal()));
        }

        ProvisionResult run() {
            if (spec.init()) {
                init();
            }
            spec.workspace().ifPresent(this::selectWorkspace);
            Map<String, Object> outputs = new LinkedHashMap<>();
            Map<String, String> env = new LinkedHashMap<>();
            switch (spec.mode()) {
                case PLAN -> plan(outputs);
                case APPLY -> apply(outputs, env);
                case DRIFT -> drift(outputs);
                default -> {
                    outputs.put("changed", false);
                    readOutputs(outputs, env);
                }
            }
            spec.workspace().ifPresent(w -> outputs.put("workspace", w));
            return new ProvisionResult(name, outputs, env);
        }

        private void init() {
            List<String> args = new ArrayList<>(List.of("init", "-input=false", "-no-color"));
            spec.lockTimeout().ifPresent(t -> args.add("-lock-timeout=" + goDuration(t)));
            spec.backendConfig().forEach((k, v) -> args.add("-backend-config=" + k + "=" + v));
            CommandResult r = tf(args, false);
            if (r.exitCode() != 0) {
                throw failure("init", r);
            }
        }

        private void selectWorkspace(String workspace) {
            CommandResult r = tf(List.of("workspace", "select", "-or-create=true", workspace), false);
            if (r.exitCode() != 0) {
                throw failure("workspace select", r);
            }
        }

        private void plan(Map<String, Object> outputs) {
            String defaultName =
                    spec.workspace().map(w -> "orchestra-" + w + ".tfplan").orElse("orchestra.tfplan");
            Path file = context.resolve(spec.planFile().orElse(defaultName));
            Planned planned = makePlan(file);
            String checksum = sha256(file);
            put(outputs, planned.summary());
            outputs.put("planFile", file.toString());
            outputs.put("planChecksum", checksum);
            context.info("Saved the plan to " + file + " (SHA-256 " + checksum + "). Apply exactly this plan with"
                    + " mode: 'apply', planFile: and planChecksum: from this step's outputs.");
        }

        private void apply(Map<String, Object> outputs, Map<String, String> env) {
            PlanSummary summary;
            Path file;
            boolean changes;
            if (spec.planFile().isPresent()) {
                file = context.resolve(spec.planFile().get());
                if (!Files.isRegularFile(file)) {
                    throw ProvisionException.failed("provision (" + name + "): the plan file " + file
                            + " does not exist; make it with mode: 'plan' first, whose planFile output names it");
                }
                String checksum = sha256(file);
                if (spec.planChecksum().isPresent()
                        && !spec.planChecksum().get().equals(checksum)) {
                    throw ProvisionException.failed("provision (" + name + "): the plan file " + file
                            + " is not the plan that was made: its SHA-256 is " + checksum + ", the plan call gave "
                            + spec.planChecksum().get() + "; refusing to apply it");
                }
                summary = show(file);
                context.info("The saved plan " + file + " (SHA-256 " + checksum + "):");
                summary.lines().forEach(context::info);
                changes = summary.hasChanges();
            } else {
                file = context.privateDirectory().resolve("orchestra.tfplan");
                Planned planned = makePlan(file);
                summary = planned.summary();
                changes = planned.changes();
            }
            put(outputs, summary);
            if (context.dryRun()) {
                context.info("Dry run: the plan is not applied");
                outputs.put("dryRun", true);
                return;
            }
            outputs.put("changed", changes);
            if (!changes) {
                context.info("Nothing to apply.");
            } else {
                applyPlan(file);
            }
            readOutputs(outputs, env);
        }

        private void applyPlan(Path file) {
            List<String> args = new ArrayList<>(List.of("apply", "-input=false", "-no-color"));
            spec.lockTimeout().ifPresent(t -> args.add("-lock-timeout=" + goDuration(t)));
            spec.parallelism().ifPresent(p -> args.add("-parallelism=" + p));
            args.add(file.toString());
            CommandResult r = tf(args, false);
            if (r.exitCode() == 0) {
                return;
            }
            if (r.printed("Saved plan is stale")) {
                throw ProvisionException.failed(command + " refused to apply the saved plan " + file
                        + ": it is stale, the state changed after the plan was made; plan again, review and approve"
                        + " the new plan");
            }
            if (r.printed("Saved plan does not match the given state")) {
                throw ProvisionException.failed(command + " refused to apply the saved plan " + file
                        + ": it was made from another state (another workspace or backend); plan again in this one");
            }
            throw failure("apply", r);
        }

        private void drift(Map<String, Object> outputs) {
            Planned planned = makePlan(context.privateDirectory().resolve("drift.tfplan"));
            PlanSummary summary = planned.summary();
            put(outputs, summary);
            outputs.put("changed", false);
            outputs.put("drift", planned.changes());
            if (!planned.changes()) {
                context.info("No drift"
                        + spec.workspace().map(w -> " in workspace '" + w + "'").orElse("")
                        + ": the infrastructure matches the configuration.");
                return;
            }
            String message = command + " found drift"
                    + spec.workspace().map(w -> " in workspace '" + w + "'").orElse("")
                    + ": " + summary.counts()
                    + (summary.drift().isEmpty() || summary.refreshOnly()
                            ? ""
                            : ", " + summary.drift().size() + " changed outside Terraform")
                    + "; see the plan above";
            if (spec.failOnDrift()) {
                throw ProvisionException.failed(message);
            }
            context.listener().warn(message);
        }

        /** {@code plan -detailed-exitcode -out=FILE}: exit 0 means no changes, 2 changes, anything else an error. */
        private Planned makePlan(Path file) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of the plan file " + file, e);
            }
            List<String> args =
                    new ArrayList<>(List.of("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=" + file));
            spec.lockTimeout().ifPresent(t -> args.add("-lock-timeout=" + goDuration(t)));
            spec.parallelism().ifPresent(p -> args.add("-parallelism=" + p));
            if (spec.destroy()) {
                args.add("-destroy");
            }
            if (spec.refreshOnly()) {
                args.add("-refresh-only");
            }
            spec.targets().forEach(t -> args.add("-target=" + t));
            spec.varFiles().forEach(f -> args.add("-var-file=" + f));
            spec.vars().forEach((k, v) -> args.add("-var=" + k + "=" + hcl(v)));
            CommandResult r = tf(args, false);
            if (r.exitCode() != 0 && r.exitCode() != 2) {
                throw failure("plan", r);
            }
            PlanSummary summary = show(file);
            summary.lines().forEach(context::info);
            return new Planned(summary, r.exitCode() == 2);
        }

        /** The saved plan's summary from {@code show -json}, whose text (with sensitive values) is never printed. */
        private PlanSummary show(Path file) {
            CommandResult r = tf(List.of("show", "-json", file.toString()), true);
            if (r.exitCode() != 0) {
                throw failure("show", r);
            }
            try {
                return PlanSummary.parse(r.stdout());
            } catch (IllegalArgumentException e) {
                throw ProvisionException.failed(command + " " + e.getMessage());
            }
        }

        /** {@code output -json}: plain outputs to the outputs, all to {@code TF_OUTPUT_name}; sensitive ones masked. */
        private void readOutputs(Map<String, Object> outputs, Map<String, String> env) {
            CommandResult r = tf(List.of("output", "-json", "-no-color"), true);
            if (r.exitCode() != 0) {
                throw failure("output", r);
            }
            List<TerraformOutputs.Output> read;
            try {
                read = TerraformOutputs.parse(r.stdout());
            } catch (IllegalArgumentException e) {
                throw ProvisionException.failed(command + " " + e.getMessage());
            }
            List<String> plain = new ArrayList<>();
            List<String> sensitive = new ArrayList<>();
            for (TerraformOutputs.Output o : read) {
                if (o.sensitive()) {
                    if (!o.value().isEmpty()) {
                        context.host().addSecret(Secret.of(o.value()));
                    }
                    sensitive.add(o.name());
                } else if (OWN_OUTPUTS.contains(o.name())) {
                    context.listener()
                            .warn("output '" + o.name() + "' has the name of one of provision's own outputs; read it"
                                    + " from " + OUTPUT_PREFIX + variable(o.name()) + " instead");
                } else {
                    outputs.put(o.name(), o.value());
                    plain.add(o.name());
                }
                env.put(OUTPUT_PREFIX + variable(o.name()), o.value());
            }
            if (!sensitive.isEmpty()) {
                outputs.put("sensitiveOutputs", String.join(",", sensitive));
            }
            if (!read.isEmpty()) {
                context.info("Outputs: " + (plain.isEmpty() ? "none plain" : String.join(", ", plain))
                        + (sensitive.isEmpty()
                                ? ""
                                : "; sensitive, in the environment of the step's block only: "
                                        + String.join(", ", sensitive)));
            }
        }

        private void put(Map<String, Object> outputs, PlanSummary summary) {
            outputs.put("changed", summary.hasChanges());
            outputs.put("add", summary.add());
            outputs.put("change", summary.change());
            outputs.put("destroy", summary.destroy());
            outputs.put("summary", summary.hasChanges() ? summary.counts() : "no changes");
            outputs.put("changedOutside", summary.drift().size());
        }

        private CommandResult tf(List<String> args, boolean captureStdout) {
            List<String> argv = new ArrayList<>();
            argv.add(program.toString());
            argv.addAll(args);
            ToolCommand c = ToolCommand.of(argv).withEnvironment(environment);
            return context.run(captureStdout ? c.capturingStdout() : c);
        }

        /** A failed command as one line: a held state lock may clear by itself, so it is retryable. */
        private ProvisionException failure(String step, CommandResult r) {
            if (r.printed("Error acquiring the state lock")) {
                return ProvisionException.retryable(command + " " + step + " could not lock the state"
                        + spec.lockTimeout()
                                .map(t -> " within " + Durations.format(t))
                                .orElse("")
                        + ": another operation holds the lock (its lock info is above)"
                        + (spec.lockTimeout().isEmpty() ? "; give lockTimeout: to wait for it" : ""));
            }
            return ProvisionException.failed(command + " " + step + " failed with exit code " + r.exitCode()
                    + r.firstError().map(e -> ": " + e).orElse("; see the log above"));
        }
    }

    /** A saved plan's summary, and whether {@code plan -detailed-exitcode} said it has changes. */
    private record Planned(PlanSummary summary, boolean changes) {}

    /** A variable's value on the command line: strings as they are, lists and maps as JSON, which HCL reads. */
    static String hcl(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plain data must write as JSON", e);
        }
    }

    /** A duration as Go writes it, which {@code -lock-timeout} reads: {@code 30s}, {@code 1500ms}. */
    static String goDuration(Duration d) {
        return d.toMillisPart() == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** An output's name as an environment variable name: {@code db-host} becomes {@code db_host}. */
    static String variable(String output) {
        return output.replace('-', '_');
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plan file " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
