package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.orchestra.deploy.Strategy;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Snippet Generator's form of {@code deploy}: its list of strategies and its field checks, each the validation
 * core applies to the same argument. The checks answer POSTs
 * only, which is how Jenkins' forms send them unless a field says otherwise; the target
 * check says what is configured only to those who may configure the job.
 */
@Restricted(NoExternalUse.class)
public abstract class DeployForm extends StepDescriptor {
    public ListBoxModel doFillStrategyItems() {
        ListBoxModel items = new ListBoxModel();
        for (Strategy s : Strategy.values()) {
            items.add(s.id());
        }
        return items;
    }

    @POST
    public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
        return DeployChecks.target(value, item);
    }

    @POST
    public FormValidation doCheckArtifact(@QueryParameter String value, @QueryParameter boolean rollback) {
        return rollback ? FormValidation.ok() : DeployChecks.field("artifact", value, null);
    }

    @POST
    public FormValidation doCheckVersion(@QueryParameter String value, @QueryParameter boolean rollback) {
        return rollback ? FormValidation.ok() : DeployChecks.field("version", value, null);
    }

    @POST
    public FormValidation doCheckBatch(@QueryParameter String value, @QueryParameter String strategy) {
        return DeployChecks.field("batch", value, strategy);
    }

    @POST
    public FormValidation doCheckCanary(@QueryParameter String value, @QueryParameter String strategy) {
        return DeployChecks.field("canary", value, strategy);
    }

    @POST
    public FormValidation doCheckPause(@QueryParameter String value, @QueryParameter String strategy) {
        return DeployChecks.field("pause", value, strategy);
    }

    @POST
    public FormValidation doCheckMaxFailures(@QueryParameter String value) {
        return DeployChecks.field("maxFailures", value, null);
    }

    @POST
    public FormValidation doCheckMaxParallel(@QueryParameter String value) {
        return DeployChecks.field("maxParallel", value, null);
    }

    @POST
    public FormValidation doCheckHealthCheck(@QueryParameter String value) {
        return DeployChecks.field("healthCheck", value, null);
    }

    @POST
    public FormValidation doCheckKeep(@QueryParameter String value) {
        return DeployChecks.field("keep", value, null);
    }

    @POST
    public FormValidation doCheckShared(@QueryParameter String value) {
        return DeployChecks.field("shared", value, null);
    }
}
