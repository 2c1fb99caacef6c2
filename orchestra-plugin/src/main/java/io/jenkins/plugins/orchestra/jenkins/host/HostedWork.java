package io.jenkins.plugins.orchestra.jenkins.host;

import io.jenkins.plugins.orchestra.host.StepHost;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The work of one step call, handed to core on the agent that holds the workspace. It travels there by Java
 * serialization, so it holds the step's arguments as plain values (strings, numbers, lists, maps), never a {@code
 * Secret}: credentials travel separately, resolved on the controller from {@link #credentialIds()}.
 */
@Restricted(NoExternalUse.class)
public interface HostedWork extends Serializable {
    /**
     * Runs on the agent. Returns the step's result (it becomes the stage's outputs inside {@code orchestrate}), made of
     * plain values.
     */
    Map<String, Object> run(StepHost host) throws Exception;

    /** The ids of the credentials the work may ask {@link StepHost#credentials()} for. */
    default Set<String> credentialIds() {
        return Set.of();
    }
}
