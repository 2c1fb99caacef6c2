package io.jenkins.plugins.orchestra.deploy.ssh;

import java.util.Objects;

/**
 * Where an SSH server listens: a host name or address and a port. Written {@code web1}, {@code web1:2222}, {@code
 * 10.0.0.5:22} or, for IPv6, {@code [2001:db8::5]:2222}.
 *
 * @param host the name or address, without brackets
 * @param port 1-65535
 */
public record SshAddress(String host, int port) {
    public SshAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("host must be a host name or address, was '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
    }

    /**
     * Reads {@code host}, {@code host:port} or {@code [v6-address]:port}.
     *
     * @throws IllegalArgumentException saying what is wrong; the caller names the field
     */
    public static SshAddress parse(String text, int defaultPort) {
        String s = Objects.requireNonNull(text, "text").strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a host is required, such as 'web1' or 'web1:2222'");
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' has no closing ']'");
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new SshAddress(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + text + "' must be written [address]:port");
            }
            return new SshAddress(host, port(rest.substring(1), text));
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new SshAddress(s, defaultPort);
        }
        if (s.indexOf(':', colon + 1) >= 0) {
            // a bare IPv6 address: its port cannot be told apart, so it has none
            return new SshAddress(s, defaultPort);
        }
        return new SshAddress(s.substring(0, colon), port(s.substring(colon + 1), text));
    }

    private static int port(String digits, String text) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("the port in '" + text + "' must be a number 1-65535");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port in '" + text + "' must be 1-65535, was " + port);
        }
        return port;
    }

    /** As users write it: the port only if it is not 22, brackets around an IPv6 address that has a port. */
    @Override
    public String toString() {
        if (port == 22) {
            return host;
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
