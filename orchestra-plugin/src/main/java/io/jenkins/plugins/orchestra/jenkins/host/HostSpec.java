package io.jenkins.plugins.orchestra.jenkins.host;

import io.jenkins.plugins.orchestra.host.RunRef;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What the controller knows that the agent's {@link AgentStepHost} needs, in a form that crosses the remoting channel:
 * strings, plain maps and {@link ShippedCredential}s. Never persisted: it lives for one call.
 */
@Restricted(NoExternalUse.class)
final class HostSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final String workspace;
    final HashMap<String, String> environment;
    final ArrayList<ShippedCredential> credentials;
    final String job;
    final int number;
    final String url;
    final String user;
    final boolean dryRun;
    /** Section name to entry name to settings, as {@code OrchestraConfiguration} gives them. */
    final HashMap<String, Map<String, Map<String, Object>>> configured;

    HostSpec(
            String workspace,
            Map<String, String> environment,
            List<ShippedCredential> credentials,
            RunRef run,
            boolean dryRun,
            Map<String, Map<String, Map<String, Object>>> configured) {
        this.workspace = workspace;
        this.environment = new HashMap<>(environment);
        this.credentials = new ArrayList<>(credentials);
        this.job = run.job();
        this.number = run.number();
        this.url = run.url();
        this.user = run.user();
        this.dryRun = dryRun;
        this.configured = new HashMap<>(configured);
    }

    RunRef run() {
        return new RunRef(job, number, url, user);
    }
}
