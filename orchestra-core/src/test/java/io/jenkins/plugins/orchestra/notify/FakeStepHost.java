package io.jenkins.plugins.orchestra.notify;

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
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A host for tests: credentials and channels set by the test, a real masker, and the lines users would read. */
public final class FakeStepHost implements StepHost {
    private final Path workspace;
    private final SecretMasker masker = new SecretMasker();
    private final Map<String, Credential> credentials = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> channels = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private final Cancellation cancellation = new Cancellation();
    private RunRef run = new RunRef("shop", 7, "https://ci.example.com/job/shop/7/", "ada");
    private Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private boolean dryRun;

    public FakeStepHost(Path workspace) {
        this.workspace = workspace;
    }

    public FakeStepHost credential(Credential credential) {
        credentials.put(credential.id(), credential);
        return this;
    }

    public FakeStepHost channel(String name, Map<String, Object> settings) {
        channels.put(name, settings);
        return this;
    }

    public FakeStepHost run(RunRef run) {
        this.run = run;
        return this;
    }

    public FakeStepHost dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** What the user read, every line masked as a host masks them. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public String log() {
        return String.join("\n", lines());
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
        return line -> {
            synchronized (this) {
                lines.add(masker.mask(line));
            }
        };
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
        return () -> now;
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public Map<String, Map<String, Object>> configured(String section) {
        return section.equals("channels") ? channels : Map.of();
    }
}
