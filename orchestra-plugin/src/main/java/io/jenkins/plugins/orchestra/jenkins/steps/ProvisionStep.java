package io.jenkins.plugins.orchestra.jenkins.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.orchestra.jenkins.host.AgentCalls;
import io.jenkins.plugins.orchestra.provision.Provisioner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

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
        return StepExecutions.synchronousNonBlocking(context, c -> AgentCalls.run(c, ProvisionWork.of(arguments)));
    }

    @Extension
    @Symbol("provision")
    public static final class DescriptorImpl extends StepDescriptor {
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

        public ListBoxModel doFillToolItems() {
            ListBoxModel items = new ListBoxModel();
            PROVISIONER.tools().forEach(items::add);
            return items;
        }

        public FormValidation doCheckTimeout(@QueryParameter String tool, @QueryParameter String value) {
            return ProvisionWork.check(tool, "timeout", value);
        }

        public FormValidation doCheckPlaybook(@QueryParameter String tool, @QueryParameter String value) {
            return ProvisionWork.check(tool, "playbook", value);
        }

        public FormValidation doCheckScript(@QueryParameter String tool, @QueryParameter String value) {
            return ProvisionWork.check(tool, "script", value);
        }

        public FormValidation doCheckMode(@QueryParameter String tool, @QueryParameter String value) {
            return ProvisionWork.check(tool, "mode", value);
        }

        /** An Ansible SSH key, listed as the credentials plugin recommends: only to those who may configure jobs. */
        public ListBoxModel doFillSshCredentialsItems(
                @AncestorInPath Item item, @QueryParameter String sshCredentials) {
            StandardListBoxModel result = new StandardListBoxModel();
            boolean allowed = item == null
                    ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
            if (!allowed) {
                return result.includeCurrentValue(sshCredentials);
            }
            return result.includeEmptyValue()
                    .includeMatchingAs(
                            item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                            item,
                            SSHUserPrivateKey.class,
                            List.of(),
                            CredentialsMatchers.always())
                    .includeCurrentValue(sshCredentials);
        }
    }
}
