package io.jenkins.plugins.orchestra.deploy.local;

import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.HostConnector;
import io.jenkins.plugins.orchestra.process.Cancellation;
import io.jenkins.plugins.orchestra.process.ShellRunner;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connects to this machine, under any name: each "host" of a {@code local} target is this machine with its own base
 * directory. Commands see {@code environment} (the step's), as a shell of the run would.
 */
public final class LocalConnector implements HostConnector {
    private static final ShellRunner RUNNER = ShellRunner.create().withKillGrace(Duration.ofSeconds(2));

    private final Map<String, String> environment;

    /**
     * Commands are stopped by interrupting the thread that runs them (the deploy does on an abort), never by the
     * step's cancellation: a deploy that is stopped must still roll back and release its lock.
     */
    public LocalConnector(Map<String, String> environment) {
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    @Override
    public HostConnection connect(String host) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("connecting to " + host + " was aborted");
        }
        return new LocalConnection(host, RUNNER, environment, new Cancellation());
    }

    @Override
    public void close() {
        // connections hold nothing
    }
}
