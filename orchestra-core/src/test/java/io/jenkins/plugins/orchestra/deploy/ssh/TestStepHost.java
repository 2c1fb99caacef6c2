package io.jenkins.plugins.orchestra.deploy.ssh;

import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.RunRef;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StepListener;
import io.jenkins.plugins.orchestra.process.Cancellation;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link StepHost} for tests and benchmarks of the ssh target: credentials put in by the test, a masker, and a
 * listener that keeps every line as it was given (unmasked), so a test can prove no secret was ever handed to it.
 */
public final class TestStepHost implements StepHost {
    private final Path workspace;
    private final Map<String, Credential> credentials = new HashMap<>();
    private final SecretMasker masker = new SecretMasker();
    private final List<Secret> secretsAdded = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Cancellation cancellation = new Cancellation();

    public TestStepHost(Path workspace) {
        this.workspace = workspace;
    }

    public TestStepHost with(Credential credential) {
        credentials.put(credential.id(), credential);
        return this;
    }

    /** Every line given to the listener, unmasked. */
    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    public List<Secret> secretsAdded() {
        return new ArrayList<>(secretsAdded);
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public CredentialStore credentials() {
        return id -> {
            Credential c = credentials.get(id);
            if (c == null) {
                throw new IllegalArgumentException("test has no credentials '" + id + "'");
            }
            return c;
        };
    }

    @Override
    public void addSecret(Secret secret) {
        secretsAdded.add(secret);
        masker.add(secret);
    }

    @Override
    public String mask(CharSequence text) {
        return masker.mask(text);
    }

    @Override
    public StepListener listener() {
        return lines::add;
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public RunRef run() {
        return new RunRef("ssh-test", 1, "", "tester");
    }

    @Override
    public InstantSource clock() {
        return InstantSource.system();
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    @Override
    public Map<String, Map<String, Object>> configured(String section) {
        return Map.of();
    }
}
