package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.jenkins.host.HostedWork;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One {@code provision} call on its way to the agent: the arguments as plain values, checked on the controller first
 * by the same validation the tool runs, and the ids of the credentials they name ({@code secretEnv}, {@code
 * secretVars}, {@code sshCredentials}, {@code vaultCredentials}).
 */
@Restricted(NoExternalUse.class)
final class ProvisionWork implements HostedWork {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> arguments;
    private final TreeSet<String> credentialIds;

    private ProvisionWork(Map<String, Object> arguments) {
        this.arguments = new LinkedHashMap<>(arguments);
        this.credentialIds = new TreeSet<>(CredentialIds.in(arguments));
    }

    /**
     * The work of a call with these arguments, on the controller.
     *
     * @throws AbortException naming the bad argument
     */
    static ProvisionWork of(Map<String, Object> arguments) throws AbortException {
        StepArguments.validate(() -> ProvisionStep.PROVISIONER.validate(arguments));
        return new ProvisionWork(arguments);
    }

    /**
     * The Snippet Generator's check of one argument in a call to the form's tool, with stand-ins for the arguments that
     * tool requires. A field of another tool's is not this one's business: no message.
     */
    static FormValidation check(String tool, String name, String value) {
        if (tool == null || tool.isBlank() || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("tool", tool);
        call.put(name, value.strip());
        if (tool.equals("ansible")) {
            call.putIfAbsent("playbook", "site.yml");
        } else if (tool.equals("shell")) {
            call.putIfAbsent("script", "true");
        }
        try {
            ProvisionStep.PROVISIONER.validate(call);
            return FormValidation.ok();
        } catch (IllegalArgumentException | OrchestraException e) {
            String message = String.valueOf(e.getMessage());
            return message.contains("unknown argument '" + name + "'")
                    ? FormValidation.ok()
                    : FormValidation.error(message);
        }
    }

    @Override
    public Map<String, Object> run(StepHost host) {
        return new LinkedHashMap<>(
                ProvisionStep.PROVISIONER.provision(arguments, host).outputs());
    }

    @Override
    public Set<String> credentialIds() {
        return credentialIds;
    }
}
