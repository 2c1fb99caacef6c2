package io.jenkins.plugins.orchestra.deploy.tomcat;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link StepHost} for tests: credentials from a map, every listener line recorded unmasked. */
final class TestStepHost implements StepHost {
    private final Path workspace;
    private final Map<String, Credential> credentials = new LinkedHashMap<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<Secret> secrets = Collections.synchronizedList(new ArrayList<>());
    private final SecretMasker masker = new SecretMasker();
    private final Map<String, Map<String, Object>> targets = new LinkedHashMap<>();
    private final Cancellation cancellation = new Cancellation();
    private boolean dryRun;

    TestStepHost(Path workspace) {
        this.workspace = workspace;
    }

    TestStepHost with(Credential credential) {
        credentials.put(credential.id(), credential);
        return this;
    }

    /** A target as {@code orchestra.yaml} would configure it under {@code targets:}. */
    TestStepHost target(String name, Map<String, Object> config) {
        targets.put(name, config);
        return this;
    }

    /** What the step told the user, unmasked, one string. */
    String log() {
        return String.join("\n", lines());
    }

    TestStepHost dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** What the step told the user, unmasked. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The secrets the step asked to mask. */
    List<Secret> secrets() {
        synchronized (secrets) {
            return List.copyOf(secrets);
        }
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
        secrets.add(secret);
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
        return new RunRef("shop-pipeline", 7, "", "alice");
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
