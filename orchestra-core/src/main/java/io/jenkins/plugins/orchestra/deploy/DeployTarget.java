package io.jenkins.plugins.orchestra.deploy;

/**
 * A target opened for one deploy: opens its hosts. Thread-safe: a deploy opens many hosts at once. Closing it closes
 * every host it opened (and their connections).
 */
public interface DeployTarget extends AutoCloseable {
    /** The target as configured. */
    TargetSpec spec();

    /**
     * Refuses, before any host is touched, what this kind cannot do for {@code spec}: a Tomcat manager has no shell
     * for hooks or command health checks, no shared paths, no blue/green slots. Kinds over {@link HostConnection} can
     * do everything.
     *
     * @throws DeployException naming what is not supported and what to use instead
     */
    default void check(DeploySpec spec) {}

    /**
     * Opens {@code host} (one of {@code spec().hosts()}): connects to it.
     *
     * @throws HostException if it cannot be reached or refuses us
     */
    TargetHost open(String host) throws InterruptedException;

    @Override
    void close();
}
