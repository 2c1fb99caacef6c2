package io.jenkins.plugins.orchestra.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.jenkins.host.AgentCalls;
import io.jenkins.plugins.orchestra.jenkins.orchestrate.Automations;
import io.jenkins.plugins.orchestra.provision.Provisioner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code provision tool: 'ansible', playbook: 'site.yml', inventory: 'hosts.ini'}: core's {@link Provisioner} on the
 * agent that holds the workspace; returns the tool's outputs. The optional arguments, those every tool takes and the
 * tools' own, are in {@link ProvisionOptions}.
 */
@Restricted(NoExternalUse.class)
public final class ProvisionStep extends ProvisionOptions {
    static final Provisioner PROVISIONER = Provisioner.withBuiltInTools();

    private final String tool;

    @DataBoundConstructor
    public ProvisionStep(String tool) {
        this.tool = StepArguments.text(tool);
    }

    public String getTool() {
        return tool;
    }

    /** The arguments as core's {@link Provisioner} reads them. */
    Map<String, Object> arguments() {
        LinkedHashMap<String, Object> arguments = StepArguments.arguments();
        StepArguments.put(arguments, "tool", tool);
        putOptions(arguments);
        return arguments;
    }

    @Override
    public StepExecution start(StepContext context) {
        Map<String, Object> arguments = arguments();
        return StepExecutions.synchronousNonBlocking(
                context,
                c -> Automations.recorded(c, "provision", () -> AgentCalls.run(c, ProvisionWork.of(arguments))));
    }

    @Extension
    @Symbol("provision")
    public static final class DescriptorImpl extends ProvisionForm {
        @Override
        public String getFunctionName() {
            return "provision";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Provision with Ansible, Terraform, OpenTofu or a script (Orchestra)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }
    }
}
