package io.jenkins.plugins.orchestra.deploy;

/**
 * A target opened for one deploy: opens its hosts. Thread-safe: a deploy opens many hosts at once. Closing it closes
 * every host it opened (and their connections).
 */
public interface DeployTarget extends AutoCloseable {
    /** The target as configured. */
    TargetSpec spec();

    /**
     * Opens {@code host} (one of {@code spec().hosts()}): connects to it.
     *
     * @throws HostException if it cannot be reached or refuses us
     */
    TargetHost open(String host) throws InterruptedException;

    @Override
    void close();
}
