package io.jenkins.plugins.orchestra.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.jenkins.host.AgentCalls;
import io.jenkins.plugins.orchestra.jenkins.orchestrate.Automations;
import io.jenkins.plugins.orchestra.notify.ChannelSettings;
import io.jenkins.plugins.orchestra.notify.Policy;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code notify channel: 'team', when: ['failure', 'fixed']}: core's {@code Notifier} with the build as the message
 * tells it. Unlike {@code deploy} and {@code provision} it runs on the controller, in a background thread of its own:
 * it needs no workspace, only the network and the build's own files (its log, and {@code notify-state.json} in the
 * build's directory, which makes a message go out once), and it must not keep an agent busy while it retries.
 */
@Restricted(NoExternalUse.class)
public final class NotifyStep extends NotifyOptions {
    private final Object channel;

    /** @param channel a configured channel's name, a list of names, or a channel's settings inline */
    @DataBoundConstructor
    public NotifyStep(Object channel) {
        this.channel = StepArguments.value(channel);
    }

    public Object getChannel() {
        return channel;
    }

    @Override
    public StepExecution start(StepContext context) {
        Object channel = this.channel;
        Map<String, Object> settings = callSettings();
        String event = getEvent();
        String version = getVersion() == null ? null : String.valueOf(getVersion());
        String target = getTarget();
        return StepExecutions.synchronousNonBlocking(
                context,
                c -> Automations.recorded(c, "notify", () -> {
                    NotifyWork work = NotifyWork.of(c, channel, settings, event, version, target);
                    return AgentCalls.runOnController(c, work, work.directory(c));
                }));
    }

    @Extension
    @Symbol("notify")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "notify";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Notify email, Slack, Teams, Mattermost or a webhook (Orchestra)";
        }

        /** No workspace: {@code notify} works in {@code post} sections and outside {@code node} too. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        @POST
        public FormValidation doCheckChannel(@QueryParameter String value) {
            return value == null || value.isBlank()
                    ? FormValidation.error("channel is required: the name of a configured channel")
                    : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckWhen(@QueryParameter String value) {
            return policy("when", value);
        }

        @POST
        public FormValidation doCheckMessage(@QueryParameter String value) {
            return policy("message", value);
        }

        @POST
        public FormValidation doCheckRetries(@QueryParameter String value) {
            return policy("retries", value);
        }

        @POST
        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return policy("timeout", value);
        }

        /** One policy setting, read by core's {@link Policy#of} as every channel reads it. */
        private static FormValidation policy(String name, String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                Policy.of(new ChannelSettings("checked", "any", Map.of(name, value.strip())));
                return FormValidation.ok();
            } catch (IllegalArgumentException | OrchestraException e) {
                return FormValidation.error(NotifyRequests.withoutChannel(e.getMessage()));
            }
        }
    }
}
