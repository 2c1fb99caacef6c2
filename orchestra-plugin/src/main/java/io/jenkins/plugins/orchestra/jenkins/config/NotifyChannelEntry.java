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

/** A named notify channel: {@code notify channel: 'team'} in a Jenkinsfile. */
@Restricted(NoExternalUse.class)
public final class NotifyChannelEntry extends NamedSettings implements Describable<NotifyChannelEntry> {
    @DataBoundConstructor
    public NotifyChannelEntry(String name, String settings) {
        super(name, settings);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Descriptor<NotifyChannelEntry> getDescriptor() {
        return Jenkins.get().getDescriptorOrDie(getClass());
    }

    @Extension
    @Symbol("channel")
    public static final class DescriptorImpl extends Descriptor<NotifyChannelEntry> {
        @Override
        public String getDisplayName() {
            return "Notify channel";
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
