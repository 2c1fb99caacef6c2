package io.jenkins.plugins.orchestra.deploy;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link StepHost} for tests: records what the step prints (masked, as a real host does). */
final class TestHost implements StepHost {
    private final Path workspace;
    private final SecretMasker masker = new SecretMasker();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
    private final Map<String, Credential> credentials = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>(System.getenv());
    private final Cancellation cancellation = new Cancellation();
    private RunRef run = new RunRef("app", 7, "", "alice");
    private boolean dryRun;

    TestHost(Path workspace) {
        this.workspace = workspace;
    }

    TestHost target(String name, Map<String, Object> config) {
        targets.put(name, config);
        return this;
    }

    TestHost credential(Credential credential) {
        credentials.put(credential.id(), credential);
        return this;
    }

    TestHost dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    TestHost run(RunRef run) {
        this.run = run;
        return this;
    }

    TestHost env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Everything printed so far, one string. */
    String log() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public CredentialStore credentials() {
        return id -> {
            Credential c = credentials.get(id);
            if (c == null) {
                throw CredentialsException.notFound(id, credentials.keySet(), "");
            }
            return c;
        };
    }

    @Override
    public void addSecret(Secret secret) {
        masker.add(secret);
    }

    @Override
    public String mask(CharSequence text) {
        return masker.mask(text);
    }

    @Override
    public StepListener listener() {
        return line -> lines.add(masker.mask(line));
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public RunRef run() {
        return run;
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public Map<String, Map<String, Object>> configured(String section) {
        return section.equals("targets") ? targets : Map.of();
    }
}
