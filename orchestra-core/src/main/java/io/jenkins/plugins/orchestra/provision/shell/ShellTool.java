package io.jenkins.plugins.orchestra.provision.shell;

import io.jenkins.plugins.orchestra.provision.CommandResult;
import io.jenkins.plugins.orchestra.provision.ProvisionContext;
import io.jenkins.plugins.orchestra.provision.ProvisionException;
import io.jenkins.plugins.orchestra.provision.ProvisionResult;
import io.jenkins.plugins.orchestra.provision.ProvisionTool;
import io.jenkins.plugins.orchestra.provision.ToolArguments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs any provisioning script. It reports outputs by writing {@code name=value} lines to the file whose path it finds
 * in {@code ORCHESTRA_OUTPUTS}; {@code ORCHESTRA_DRY_RUN} tells it whether it runs as a dry run.
 */
public final class ShellTool implements ProvisionTool<ShellSpec> {
    /** The variable that holds the path of the outputs file. */
    public static final String OUTPUTS_VARIABLE = "ORCHESTRA_OUTPUTS";

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public List<String> parameters() {
        return List.of("script", "dryRunScript");
    }

    @Override
    public ShellSpec parse(ToolArguments args) {
        return new ShellSpec(args.requiredString("script"), args.string("dryRunScript"));
    }

    @Override
    public ProvisionResult run(ShellSpec spec, ProvisionContext context) {
        String script = spec.script();
        if (context.dryRun()) {
            if (spec.dryRunScript().isEmpty()) {
                context.info("Dry run: the script is not run (give dryRunScript: to say what it would do)");
                return ProvisionResult.of("shell", Map.of("changed", false, "dryRun", true));
            }
            context.info("Dry run: running dryRunScript instead of the script");
            script = spec.dryRunScript().get();
        }
        Path outputs = context.privateFile("outputs", new byte[0]);
        CommandResult result = context.runScript(
                script,
                Map.of(OUTPUTS_VARIABLE, outputs.toString(), "ORCHESTRA_DRY_RUN", Boolean.toString(context.dryRun())));
        if (result.exitCode() != 0) {
            throw ProvisionException.failed("provision (shell): the script returned exit code " + result.exitCode());
        }
        Map<String, String> written;
        try {
            written = OutputsFile.parse(Files.readAllLines(outputs, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ProvisionException.failed(
                    "provision (shell): the outputs file (" + OUTPUTS_VARIABLE + ") " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changed", !context.dryRun());
        written.forEach((name, value) -> out.put(
                name,
                name.equals("changed") && (value.equals("true") || value.equals("false"))
                        ? Boolean.valueOf(value)
                        : value));
        if (context.dryRun()) {
            out.put("dryRun", true);
        }
        if (!written.isEmpty()) {
            context.info("Outputs: " + String.join(", ", written.keySet()));
        }
        return ProvisionResult.of("shell", out);
    }
}
