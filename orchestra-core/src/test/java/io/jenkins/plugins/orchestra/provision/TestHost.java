package io.jenkins.plugins.orchestra.provision;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link StepHost} for tests: a workspace directory, the JVM's {@code PATH} and {@code HOME}, credentials put in by
 * the test, a real {@link SecretMasker}, and a log that keeps every line the way a user would see it (masked).
 */
public final class TestHost implements StepHost {
    private final Path workspace;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();
    private final SecretMasker masker = new SecretMasker();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Cancellation cancellation = new Cancellation();
    private boolean dryRun;

    public TestHost(Path workspace) {
        this.workspace = workspace;
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("LANG", "C.UTF-8");
    }

    public TestHost env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public TestHost credentials(Credential credential) {
        credentials.put(credential.id(), credential);
        return this;
    }

    public TestHost dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /** Every line shown to the user so far, masked. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** The log as one text. */
    public String logText() {
        return String.join("\n", log);
    }

    /**
     * Whether this process still runs. A zombie has ended, though {@link ProcessHandle#isAlive()} counts it: where init
     * does not reap orphans (containers) a killed orphan stays one.
     */
    public static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false; // gone since
        }
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
        return line -> log.add(masker.mask(line));
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public RunRef run() {
        return new RunRef("provision-test", 1, "", "tester");
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
        return Map.of();
    }
}
