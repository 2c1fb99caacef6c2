package io.jenkins.plugins.orchestra.deploy.ssh;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach the hosts of one {@code ssh} target. Read from a {@code targets:} entry with {@link #fromConfig}:
 *
 * <pre>
 * targets:
 *   web:
 *     kind: ssh
 *     hosts: [web1, web2:2222]
 *     user: deploy
 *     credentialsId: deploy-key
 *     knownHosts: ~/.ssh/known_hosts
 *     jumpHost: bastion@gate.example.com:22
 * </pre>
 *
 * @param target the target's name, for messages ({@code targets.web.port must be …})
 * @param hosts the hosts, each {@code host} or {@code host:port}; at least one
 * @param user the user to log in as; if empty, the credentials' user name, else the user running the step
 * @param port the port of hosts that name none
 * @param credentialsId {@code sshUserPrivateKey} or {@code usernamePassword} credentials; if empty, the unencrypted
 *     keys {@code ~/.ssh/id_ed25519}, {@code id_ecdsa} and {@code id_rsa} of the user running the step, as {@code ssh}
 *     would use them
 * @param knownHosts the OpenSSH {@code known_hosts} file host keys are checked against; a relative path is taken from
 *     the workspace
 * @param trustOnFirstUse whether a host that is not in {@code knownHosts} is trusted (with a warning) and added to it;
 *     a host whose key changed is refused whatever this says
 * @param jumpHost a host every connection goes through ({@code ssh -J}), if any
 * @param jumpCredentialsId credentials for the jump host, if they differ from {@code credentialsId}
 * @param connectTimeout how long to wait for a TCP connection and the SSH key exchange
 * @param authTimeout how long to wait for the host to accept our credentials
 * @param commandTimeout how long a command on a host may run, for callers that have no timeout of their own
 */
public record SshSettings(
        String target,
        List<String> hosts,
        Optional<String> user,
        int port,
        Optional<String> credentialsId,
        Path knownHosts,
        boolean trustOnFirstUse,
        Optional<JumpHost> jumpHost,
        Optional<String> jumpCredentialsId,
        Duration connectTimeout,
        Duration authTimeout,
        Duration commandTimeout) {

    public static final int DEFAULT_PORT = 22;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    /** The keys of a target's entry that {@link #fromConfig} reads; the rest belong to whoever reads the target. */
    public static final Set<String> KEYS = Set.of(
            "hosts",
            "user",
            "port",
            "credentialsId",
            "knownHosts",
            "trustOnFirstUse",
            "jumpHost",
            "jumpCredentialsId",
            "connectTimeout",
            "authTimeout",
            "commandTimeout");

    public SshSettings {
        Objects.requireNonNull(target, "target");
        String at = "targets." + target + ".";
        Objects.requireNonNull(hosts, "hosts");
        if (hosts.isEmpty()) {
            throw new SshSettingsException(at + "hosts must list at least one host, such as [web1, web2:2222]");
        }
        hosts = List.copyOf(hosts);
        for (int i = 0; i < hosts.size(); i++) {
            try {
                SshAddress.parse(hosts.get(i), DEFAULT_PORT);
            } catch (IllegalArgumentException e) {
                throw new SshSettingsException(at + "hosts[" + i + "]: " + e.getMessage());
            }
        }
        Objects.requireNonNull(user, "user");
        user.ifPresent(u -> {
            if (u.isBlank() || u.chars().anyMatch(c -> Character.isWhitespace(c) || c == '@')) {
                throw new SshSettingsException(at + "user must be a user name, was '" + u + "'");
            }
        });
        if (port < 1 || port > 65535) {
            throw new SshSettingsException(at + "port must be 1-65535, was " + port);
        }
        Objects.requireNonNull(credentialsId, "credentialsId");
        credentialsId.ifPresent(id -> requireId(at + "credentialsId", id));
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(jumpHost, "jumpHost");
        Objects.requireNonNull(jumpCredentialsId, "jumpCredentialsId");
        jumpCredentialsId.ifPresent(id -> requireId(at + "jumpCredentialsId", id));
        if (jumpCredentialsId.isPresent() && jumpHost.isEmpty()) {
            throw new SshSettingsException(at + "jumpCredentialsId is set but jumpHost is not");
        }
        requirePositive(at + "connectTimeout", connectTimeout);
        requirePositive(at + "authTimeout", authTimeout);
        requirePositive(at + "commandTimeout", commandTimeout);
    }

    /** Settings for these hosts with every default: for tests and callers that build them in code. */
    public static SshSettings of(String target, List<String> hosts, String credentialsId, Path knownHosts) {
        return new SshSettings(
                target,
                hosts,
                Optional.empty(),
                DEFAULT_PORT,
                Optional.of(credentialsId),
                knownHosts,
                false,
                Optional.empty(),
                Optional.empty(),
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_AUTH_TIMEOUT,
                DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Reads a {@code targets:} entry, as {@code orchestra.yaml} or a Jenkinsfile writes it: plain strings, numbers,
     * booleans and lists. Keys not in {@link #KEYS} are left to the caller.
     *
     * @throws SshSettingsException naming the field and the bad value
     */
    public static SshSettings fromConfig(String targetName, Map<String, Object> target) {
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(target, "target");
        Reader r = new Reader("targets." + targetName + ".", target);
        return new SshSettings(
                targetName,
                r.hosts(),
                r.string("user"),
                r.integer("port").orElse(DEFAULT_PORT),
                r.string("credentialsId"),
                r.path("knownHosts").orElseGet(SshSettings::defaultKnownHosts),
                r.bool("trustOnFirstUse").orElse(false),
                r.string("jumpHost").map(text -> r.jumpHost(text)),
                r.string("jumpCredentialsId"),
                r.duration("connectTimeout").orElse(DEFAULT_CONNECT_TIMEOUT),
                r.duration("authTimeout").orElse(DEFAULT_AUTH_TIMEOUT),
                r.duration("commandTimeout").orElse(DEFAULT_COMMAND_TIMEOUT));
    }

    /** {@code ~/.ssh/known_hosts} of the user running the step. */
    public static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** A copy that trusts hosts on first use (or not). */
    public SshSettings withTrustOnFirstUse(boolean trust) {
        return new SshSettings(
                target,
                hosts,
                user,
                port,
                credentialsId,
                knownHosts,
                trust,
                jumpHost,
                jumpCredentialsId,
                connectTimeout,
                authTimeout,
                commandTimeout);
    }

    /** A copy that goes through this jump host, with these credentials for it (empty: the target's). */
    public SshSettings withJumpHost(JumpHost jump, Optional<String> jumpCredentials) {
        return new SshSettings(
                target,
                hosts,
                user,
                port,
                credentialsId,
                knownHosts,
                trustOnFirstUse,
                Optional.of(jump),
                jumpCredentials,
                connectTimeout,
                authTimeout,
                commandTimeout);
    }

    /** A copy that logs in as this user. */
    public SshSettings withUser(String name) {
        return new SshSettings(
                target,
                hosts,
                Optional.of(name),
                port,
                credentialsId,
                knownHosts,
                trustOnFirstUse,
                jumpHost,
                jumpCredentialsId,
                connectTimeout,
                authTimeout,
                commandTimeout);
    }

    /** The address of a host as the target names it ({@code web1}, {@code web1:2222}), with this target's port. */
    public SshAddress address(String host) {
        try {
            return SshAddress.parse(host, port);
        } catch (IllegalArgumentException e) {
            throw new SshSettingsException("targets." + target + ": host '" + host + "': " + e.getMessage());
        }
    }

    /**
     * A host all connections go through, as {@code ssh -J user@host:port} does.
     *
     * @param user the user to log in as there; if empty, the jump credentials' user, else the target's user
     * @param address where it listens
     */
    public record JumpHost(Optional<String> user, SshAddress address) {
        public JumpHost {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(address, "address");
        }

        /** Reads {@code host}, {@code host:port}, {@code user@host} or {@code user@host:port}. */
        public static JumpHost parse(String text) {
            String s = Objects.requireNonNull(text, "text").strip();
            int at = s.lastIndexOf('@');
            Optional<String> user = Optional.empty();
            if (at >= 0) {
                String name = s.substring(0, at);
                if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("'" + text + "' must be written user@host:port");
                }
                user = Optional.of(name);
                s = s.substring(at + 1);
            }
            return new JumpHost(user, SshAddress.parse(s, DEFAULT_PORT));
        }

        @Override
        public String toString() {
            return user.map(u -> u + "@").orElse("") + address;
        }
    }

    private static void requireId(String field, String id) {
        if (id.isBlank()) {
            throw new SshSettingsException(field + " must not be blank");
        }
    }

    private static void requirePositive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new SshSettingsException(field + " must be positive, was " + Durations.format(d));
        }
    }

    /** Reads the plain values of a map, with messages that name the field. */
    private static final class Reader {
        private final String at;
        private final Map<String, Object> map;

        Reader(String at, Map<String, Object> map) {
            this.at = at;
            this.map = map;
        }

        List<String> hosts() {
            Object value = map.get("hosts");
            if (value == null) {
                throw new SshSettingsException(at + "hosts is required, such as [web1, web2:2222]");
            }
            if (value instanceof String) {
                // one host, or several separated by commas as in a Jenkins text field
                List<String> hosts = new ArrayList<>();
                for (String part : ((String) value).split(",")) {
                    if (!part.isBlank()) {
                        hosts.add(part.strip());
                    }
                }
                return hosts;
            }
            if (!(value instanceof List)) {
                throw new SshSettingsException(at + "hosts must be a list of hosts, was " + describe(value));
            }
            List<String> hosts = new ArrayList<>();
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                if (!(item instanceof String)) {
                    throw new SshSettingsException(
                            at + "hosts[" + i + "] must be a host such as 'web1:2222', was " + describe(item));
                }
                hosts.add(((String) item).strip());
            }
            return hosts;
        }

        Optional<String> string(String key) {
            Object value = map.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof String)) {
                throw new SshSettingsException(at + key + " must be text, was " + describe(value));
            }
            String s = ((String) value).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }

        Optional<Integer> integer(String key) {
            Object value = map.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                long n = ((Number) value).longValue();
                if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                    throw new SshSettingsException(at + key + " must be 1-65535, was " + n);
                }
                return Optional.of((int) n);
            }
            if (value instanceof String && ((String) value).strip().matches("-?\\d{1,9}")) {
                return Optional.of(Integer.parseInt(((String) value).strip()));
            }
            throw new SshSettingsException(at + key + " must be a whole number, was " + describe(value));
        }

        Optional<Boolean> bool(String key) {
            Object value = map.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Boolean) {
                return Optional.of((Boolean) value);
            }
            if (value instanceof String) {
                String s = ((String) value).strip().toLowerCase(Locale.ROOT);
                if (s.equals("true") || s.equals("false")) {
                    return Optional.of(Boolean.parseBoolean(s));
                }
            }
            throw new SshSettingsException(at + key + " must be true or false, was " + describe(value));
        }

        Optional<Duration> duration(String key) {
            Object value = map.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Integer || value instanceof Long) {
                // a bare number is seconds, as in Jenkins' timeout step
                return Optional.of(Duration.ofSeconds(((Number) value).longValue()));
            }
            if (!(value instanceof String)) {
                throw new SshSettingsException(at + key + " must be a duration such as '30s', was " + describe(value));
            }
            try {
                return Optional.of(Durations.parse((String) value));
            } catch (IllegalArgumentException e) {
                throw new SshSettingsException(at + key + ": " + e.getMessage());
            }
        }

        Optional<Path> path(String key) {
            return string(key).map(text -> {
                String expanded = text.equals("~") || text.startsWith("~/")
                        ? System.getProperty("user.home") + text.substring(1)
                        : text;
                try {
                    return Path.of(expanded);
                } catch (InvalidPathException e) {
                    throw new SshSettingsException(at + key + " must be a file path, was '" + text + "'");
                }
            });
        }

        JumpHost jumpHost(String text) {
            try {
                return JumpHost.parse(text);
            } catch (IllegalArgumentException e) {
                throw new SshSettingsException(at + "jumpHost: " + e.getMessage());
            }
        }

        private static String describe(Object value) {
            if (value instanceof String) {
                return "'" + value + "'";
            }
            if (value instanceof List) {
                return "a list";
            }
            if (value instanceof Map) {
                return "a map";
            }
            return String.valueOf(value);
        }
    }
}
