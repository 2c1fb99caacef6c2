package io.jenkins.plugins.orchestra.jenkins.config;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A named deploy target: {@code deploy target: 'staging'} in a Jenkinsfile. */
@Restricted(NoExternalUse.class)
public final class DeployTargetEntry extends NamedSettings implements Describable<DeployTargetEntry> {
    @DataBoundConstructor
    public DeployTargetEntry(String name, String settings) {
        super(name, settings);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<DeployTargetEntry> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("target")
    public static final class DescriptorImpl extends Descriptor<DeployTargetEntry> {
        @Override
        public String getDisplayName() {
            return "Deploy target";
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkName(value);
        }

        @POST
        public FormValidation doCheckSettings(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return checkSettings(value);
        }
    }
}
