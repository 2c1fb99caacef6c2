package io.jenkins.plugins.orchestra.jenkins.host;

import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.CredentialsException;
import io.jenkins.plugins.orchestra.host.RunRef;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StepListener;
import io.jenkins.plugins.orchestra.process.Cancellation;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The {@link StepHost} of one step call, on the agent that holds the workspace. Built there from a {@link HostSpec};
 * the build log is reached through the {@link TaskListener}, which remoting carries to the agent. Work is cancelled by
 * interrupting the thread that runs it, which remoting does when the step on the controller is stopped; core honours
 * that as well as {@link #cancellation()}.
 */
@Restricted(NoExternalUse.class)
final class AgentStepHost implements StepHost {
    private static final String ADVICE = "define it in Manage Jenkins » Credentials or in the job's folder";

    private final HostSpec spec;
    private final SecretMasker masker = new SecretMasker();
    private final Map<String, Credential> credentials = new LinkedHashMap<>();
    private final StepListener listener;
    private final Cancellation cancellation = new Cancellation();

    AgentStepHost(HostSpec spec, TaskListener log) {
        this.spec = spec;
        this.listener = new MaskedListener(log, masker);
        for (ShippedCredential shipped : spec.credentials) {
            Credential c = shipped.toCore();
            credentials.put(c.id(), c);
            masker.addAll(c.secrets());
        }
    }

    @Override
    public Path workspace() {
        return Path.of(spec.workspace);
    }

    @Override
    public Map<String, String> environment() {
        return Collections.unmodifiableMap(spec.environment);
    }

    @Override
    public CredentialStore credentials() {
        return id -> {
            Credential c = credentials.get(Credential.requireId(id));
            if (c == null) {
                throw CredentialsException.notFound(id, credentials.keySet(), ADVICE);
            }
            return c;
        };
    }

    @Override
    public void addSecret(Secret secret) {
        if (SecretMasker.isShort(secret) && !secret.reveal().isEmpty()) {
            listener.warn("a secret shorter than 4 characters is masked everywhere it appears; choose a longer one");
        }
        masker.add(secret);
    }

    @Override
    public String mask(CharSequence text) {
        return masker.mask(text);
    }

    @Override
    public StepListener listener() {
        return listener;
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public RunRef run() {
        return spec.run();
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }

    @Override
    public boolean dryRun() {
        return spec.dryRun;
    }

    @Override
    public Map<String, Map<String, Object>> configured(String section) {
        return spec.configured.getOrDefault(section, Map.of());
    }
}
