package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.jenkins.config.OrchestraConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The Snippet Generator's checks of {@code deploy}'s fields: each field is parsed by core's {@link DeploySpec#parse},
 * alone in an otherwise valid call, so that the form shows exactly the message a build would.
 */
@Restricted(NoExternalUse.class)
final class DeployChecks {
    private DeployChecks() {}

    /** {@code value} as the parameter {@code name}; with the form's strategy for the fields that depend on it. */
    static FormValidation field(String name, String value, String strategy) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("target", "checked");
        call.put("artifact", "app.tar.gz");
        call.put("version", "1");
        if (strategy != null && !strategy.isBlank()) {
            call.put("strategy", strategy);
        }
        if (value == null || value.isBlank()) {
            call.remove(name);
        } else {
            call.put(name, value.strip());
        }
        return StepArguments.check(() -> DeploySpec.parse(call));
    }

    /**
     * A name: required, and a warning when no target of that name is configured (yet), told only to those who may
     * configure the job ({@code item}, or Jenkins itself in the global Snippet Generator): the names of the configured
     * targets are not for everyone.
     */
    static FormValidation target(String value, Item item) {
        FormValidation parsed = field("target", value, null);
        boolean mayConfigure =
                item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
        if (parsed.kind != FormValidation.Kind.OK || !mayConfigure) {
            return parsed;
        }
        String name = value.strip();
        if (!OrchestraConfiguration.get()
                .section(OrchestraConfiguration.TARGETS)
                .containsKey(name)) {
            return FormValidation.warning("No target '" + name + "' is configured in Manage Jenkins » System »"
                    + " Orchestra; a build fails unless it is by then");
        }
        return FormValidation.ok();
    }
}
