package io.jenkins.plugins.orchestra.jenkins.steps;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Snippet Generator's form of {@code provision}: its list of tools, its list of SSH keys and its field checks, each
 * the validation core applies to the same argument for the chosen tool. The checks answer POSTs only (Jenkins' forms
 * send them so since 2.285).
 */
@Restricted(NoExternalUse.class)
public abstract class ProvisionForm extends StepDescriptor {
    public ListBoxModel doFillToolItems() {
        ListBoxModel items = new ListBoxModel();
        ProvisionStep.PROVISIONER.tools().forEach(items::add);
        return items;
    }

    @POST
    public FormValidation doCheckTimeout(@QueryParameter String tool, @QueryParameter String value) {
        return ProvisionWork.check(tool, "timeout", value);
    }

    @POST
    public FormValidation doCheckPlaybook(@QueryParameter String tool, @QueryParameter String value) {
        return ProvisionWork.check(tool, "playbook", value);
    }

    @POST
    public FormValidation doCheckScript(@QueryParameter String tool, @QueryParameter String value) {
        return ProvisionWork.check(tool, "script", value);
    }

    @POST
    public FormValidation doCheckMode(@QueryParameter String tool, @QueryParameter String value) {
        return ProvisionWork.check(tool, "mode", value);
    }

    /** An Ansible SSH key, listed as the credentials plugin recommends: only to those who may configure jobs. */
    public ListBoxModel doFillSshCredentialsItems(@AncestorInPath Item item, @QueryParameter String sshCredentials) {
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
