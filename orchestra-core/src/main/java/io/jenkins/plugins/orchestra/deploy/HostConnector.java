package io.jenkins.plugins.orchestra.deploy;

/**
 * Opens {@link HostConnection}s to the hosts of one target, for one deploy: {@code local} hands out this machine,
 * {@code ssh} opens (and reuses) SSH sessions. Thread-safe: a deploy connects to many hosts at once. Closing it
 * closes every connection it opened.
 */
public interface HostConnector extends AutoCloseable {
    /**
     * A connection to {@code host}, as the target names it ({@code web1}, {@code 10.0.0.5}, {@code web1:2222}).
     *
     * @throws HostException if the host cannot be reached or refuses us, naming the host and what to fix
     * @throws InterruptedException if the calling thread is interrupted
     */
    HostConnection connect(String host) throws InterruptedException;

    @Override
    void close();
}
