package io.jenkins.plugins.orchestra.testing;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link StepHost} for tests and benchmarks: a workspace, an environment ({@code PATH}, {@code HOME} and
 * {@code LANG} of this JVM unless the test sets others), credentials and configured sections put in by the test, a
 * real {@link SecretMasker}, and a listener that records every line, both as the user would read it (masked) and as
 * it was handed over (unmasked, to prove a secret never reached the listener). The run is {@code app#7} by
 * {@code alice}, the clock the system's, unless the test sets them. Thread-safe: deploys report from many threads.
 */
public final class RecordingStepHost implements StepHost {
    private final Path workspace;
    private final Map<String, String> environment = new ConcurrentHashMap<>();
    private final Map<String, Credential> credentials = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Map<String, Map<String, Object>>> sections = new ConcurrentHashMap<>();
    private final SecretMasker masker = new SecretMasker();
    private final List<Secret> secrets = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> unmaskedLines = new CopyOnWriteArrayList<>();
    private final Cancellation cancellation = new Cancellation();
    private final StepListener listener = this::record;
    private volatile RunRef run = new RunRef("app", 7, "", "alice");
    private volatile InstantSource clock = InstantSource.system();
    private volatile boolean dryRun;

    public RecordingStepHost(Path workspace) {
        this.workspace = workspace;
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("LANG", "C.UTF-8");
    }

    public RecordingStepHost env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Adds these credentials under their own id. */
    public RecordingStepHost credential(Credential credential) {
        return credential(credential.id(), credential);
    }

    public RecordingStepHost credential(String id, Credential credential) {
        credentials.put(id, credential);
        return this;
    }

    /** An entry of a section of the host's configuration, as {@code orchestra.yaml} would configure it. */
    public RecordingStepHost configure(String section, String name, Map<String, Object> settings) {
        sections.computeIfAbsent(section, s -> Collections.synchronizedMap(new LinkedHashMap<>()))
                .put(name, settings);
        return this;
    }

    /** A target, as under {@code targets:}. */
    public RecordingStepHost target(String name, Map<String, Object> settings) {
        return configure("targets", name, settings);
    }

    /** A notification channel, as under {@code channels:}. */
    public RecordingStepHost channel(String name, Map<String, Object> settings) {
        return configure("channels", name, settings);
    }

    public RecordingStepHost run(RunRef run) {
        this.run = run;
        return this;
    }

    public RecordingStepHost clock(InstantSource clock) {
        this.clock = clock;
        return this;
    }

    public RecordingStepHost dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** Every line shown to the user so far, masked as a host masks them. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** {@link #lines()} as one text. */
    public String log() {
        return String.join("\n", lines);
    }

    /** Every line handed to the listener so far, before masking. */
    public List<String> unmaskedLines() {
        return List.copyOf(unmaskedLines);
    }

    /** {@link #unmaskedLines()} as one text. */
    public String unmaskedLog() {
        return String.join("\n", unmaskedLines);
    }

    /** The secrets the step asked to mask, in order, as often as it asked. */
    public List<Secret> secrets() {
        return List.copyOf(secrets);
    }

    private synchronized void record(String line) {
        unmaskedLines.add(line);
        lines.add(masker.mask(line));
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    @Override
    public CredentialStore credentials() {
        return id -> {
            synchronized (credentials) {
                Credential c = credentials.get(id);
                if (c == null) {
                    throw CredentialsException.notFound(id, List.copyOf(credentials.keySet()), "");
                }
                return c;
            }
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
        return listener;
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
        return clock;
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public Map<String, Map<String, Object>> configured(String section) {
        Map<String, Map<String, Object>> entries = sections.get(section);
        if (entries == null) {
            return Map.of();
        }
        synchronized (entries) {
            return new LinkedHashMap<>(entries);
        }
    }
}
