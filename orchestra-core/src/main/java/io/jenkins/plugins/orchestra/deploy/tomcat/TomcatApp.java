package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.util.Objects;
import java.util.Optional;

/**
 * One application a Tomcat manager lists ({@code /text/list}): {@code /shop:running:0:shop}.
 *
 * @param path its context path, {@code /} for ROOT
 * @param state {@code running} or {@code stopped}, as Tomcat says it
 * @param sessions its number of active sessions
 * @param name what the manager gives after the sessions: the application's base name ({@code shop}, {@code shop##2},
 *     {@code ROOT}) or, for an application deployed from a context file, its docBase
 */
public record TomcatApp(String path, String state, int sessions, String name) {
    public TomcatApp {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(name, "name");
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must not be negative, was " + sessions);
        }
    }

    public boolean isRunning() {
        return state.equals("running");
    }

    /**
     * The version of a parallel deployment ({@code shop##2} is version {@code 2}), if the application was deployed with
     * one; Orchestra itself deploys without, and records the version it deployed on its side.
     */
    public Optional<String> parallelVersion() {
        int at = name.lastIndexOf("##");
        if (at < 0 || name.indexOf('/') >= 0) {
            return Optional.empty();
        }
        String version = name.substring(at + 2);
        if (version.endsWith(".war")) {
            version = version.substring(0, version.length() - 4);
        }
        return version.isEmpty() ? Optional.empty() : Optional.of(version);
    }

    /** Reads one line of {@code /text/list}; empty if it is not shaped as one. */
    static Optional<TomcatApp> parse(String line) {
        String[] parts = line.split(":", 4);
        if (parts.length != 4 || !parts[0].startsWith("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TomcatApp(parts[0], parts[1], Integer.parseInt(parts[2].strip()), parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
