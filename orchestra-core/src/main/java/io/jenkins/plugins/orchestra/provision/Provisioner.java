package io.jenkins.plugins.orchestra.provision;

import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.WorkspacePath;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import io.jenkins.plugins.orchestra.provision.ansible.AnsibleTool;
import io.jenkins.plugins.orchestra.provision.shell.ShellTool;
import io.jenkins.plugins.orchestra.provision.terraform.TerraformTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code provision} step: picks the {@link ProvisionTool} named by {@code tool}, validates every argument before
 * anything runs, and runs the tool in the host's workspace and environment.
 *
 * <pre>{@code
 * ProvisionResult r = Provisioner.withBuiltInTools()
 *         .provision(Map.of("tool", "ansible", "playbook", "site.yml", "inventory", "hosts.ini"), host);
 * }</pre>
 */
public final class Provisioner {
    /** The arguments every tool takes. */
    public static final List<String> COMMON_PARAMETERS =
            List.of("tool", "dir", "env", "secretEnv", "timeout", "dryRun");

    private final Map<String, ProvisionTool<?>> tools = new TreeMap<>();

    /** A provisioner with these tools, each under its {@link ProvisionTool#name()}. */
    public Provisioner(List<? extends ProvisionTool<?>> tools) {
        for (ProvisionTool<?> tool : tools) {
            if (this.tools.put(tool.name(), tool) != null) {
                throw new IllegalArgumentException("two tools are named " + tool.name());
            }
            for (String p : tool.parameters()) {
                if (COMMON_PARAMETERS.contains(p)) {
                    throw new IllegalArgumentException(tool.name() + " must not declare the common parameter " + p);
                }
            }
        }
    }

    /** Ansible, Terraform, OpenTofu and scripts. */
    public static Provisioner withBuiltInTools() {
        return new Provisioner(
                List.of(new AnsibleTool(), TerraformTool.terraform(), TerraformTool.tofu(), new ShellTool()));
    }

    /** The tools' names, sorted. */
    public List<String> tools() {
        return List.copyOf(tools.keySet());
    }

    /**
     * Checks the arguments as {@link #provision} would, without running anything.
     *
     * @throws ProvisionException.InvalidArgument naming the argument and its bad value
     */
    public void validate(Map<String, ?> arguments) {
        prepare(arguments);
    }

    /**
     * Runs the tool the arguments name and returns its outputs.
     *
     * @throws ProvisionException.InvalidArgument for a bad argument, before anything runs
     * @throws ProvisionException if the tool is missing or failed
     * @throws io.jenkins.plugins.orchestra.host.CredentialsException if named credentials cannot be had
     * @throws io.jenkins.plugins.orchestra.process.ScriptException.Aborted if the step was aborted
     */
    public ProvisionResult provision(Map<String, ?> arguments, StepHost host) {
        return prepare(arguments).run(host);
    }

    private Prepared<?> prepare(Map<String, ?> arguments) {
        Objects.requireNonNull(arguments, "arguments");
        Object toolName = arguments.get("tool");
        if (!(toolName instanceof CharSequence)) {
            throw ProvisionException.invalid("provision: tool is required: one of " + String.join(", ", tools.keySet())
                    + (toolName == null ? "" : "; was " + ToolArguments.describe(toolName)));
        }
        ProvisionTool<?> tool = tools.get(toolName.toString());
        if (tool == null) {
            throw ProvisionException.invalid("provision: tool " + ToolArguments.show(toolName) + " is not one of "
                    + String.join(", ", tools.keySet())
                    + Suggestions.closest(toolName.toString(), tools.keySet())
                            .map(m -> " (did you mean '" + m + "'?)")
                            .orElse(""));
        }
        ToolArguments args = new ToolArguments(tool.name(), arguments);
        List<String> known = new ArrayList<>(COMMON_PARAMETERS);
        known.addAll(tool.parameters());
        for (String name : args.names()) {
            if (!known.contains(name)) {
                throw args.invalid("unknown argument '" + name + "'"
                        + Suggestions.closest(name, known)
                                .map(m -> " (did you mean '" + m + "'?)")
                                .orElseGet(() -> "; " + tool.name() + " takes " + String.join(", ", known)));
            }
        }
        ProvisionOptions options = ProvisionOptions.from(args);
        return prepared(tool, args, options);
    }

    private static <S> Prepared<S> prepared(ProvisionTool<S> tool, ToolArguments args, ProvisionOptions options) {
        S spec;
        try {
            spec = tool.parse(args);
        } catch (ProvisionException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw args.invalid(e.getMessage());
        }
        return new Prepared<>(tool, spec, options);
    }

    /** A call whose arguments are valid. */
    private record Prepared<S>(ProvisionTool<S> tool, S spec, ProvisionOptions options) {
        ProvisionResult run(StepHost host) {
            Path dir;
            try {
                dir = options.dir()
                        .map(d -> WorkspacePath.resolve(host.workspace(), "dir", d))
                        .orElse(host.workspace().toAbsolutePath().normalize());
            } catch (IllegalArgumentException e) {
                throw ProvisionException.invalid("provision (" + tool.name() + "): " + e.getMessage());
            }
            if (!Files.isDirectory(dir)) {
                throw ProvisionException.failed(
                        "provision (" + tool.name() + "): the directory " + dir + " does not exist");
            }
            Map<String, String> env = new LinkedHashMap<>(host.environment());
            env.putAll(options.env());
            options.secretEnv().forEach((name, id) -> {
                StringCredential c = host.credentials().get(id, StringCredential.class);
                host.addSecret(c.secret());
                env.put(name, c.secret().reveal());
            });
            boolean dryRun = options.dryRun() || host.dryRun();
            try (ProvisionContext context =
                    new ProvisionContext(host, tool.name(), dir, env, dryRun, options.timeout())) {
                ProvisionResult result = tool.run(spec, context);
                return withoutSecrets(result, host);
            }
        }

        /** An output that holds a secret would reach logs and journals: it is given masked, with a warning. */
        private static ProvisionResult withoutSecrets(ProvisionResult result, StepHost host) {
            Map<String, Object> outputs = new LinkedHashMap<>();
            result.outputs().forEach((name, value) -> {
                if (value instanceof String s) {
                    String masked = host.mask(s);
                    if (!masked.equals(s)) {
                        host.listener()
                                .warn("output '" + name + "' holds a secret, so it is given masked; pass secrets"
                                        + " through credentials instead");
                        value = masked;
                    }
                }
                outputs.put(name, value);
            });
            return new ProvisionResult(result.tool(), outputs, result.environment());
        }
    }
}
