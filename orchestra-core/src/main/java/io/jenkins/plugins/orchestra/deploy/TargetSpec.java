package io.jenkins.plugins.orchestra.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A deploy target: its kind, its hosts and where releases go on each, and the kind's own settings. Read from the
 * host's configuration ({@code targets:} in the runner's {@code orchestra.yaml}) by name, or given inline.
 *
 * <pre>
 * targets:
 *   web:
 *     kind: ssh
 *     hosts: [web1, web2]
 *     base: /srv/app
 *     user: deploy
 *     credentialsId: deploy-key
 *   preview:
 *     kind: local
 *     hosts: [a, b]
 *     base: target/preview/{host}      # or bases: {a: /srv/a, b: /srv/b}
 * </pre>
 *
 * @param name the target's name ({@code inline} for one given in the step)
 * @param kind {@code local}, {@code ssh}, {@code tomcat}
 * @param hosts the hosts, in the order batches take them; {@code [localhost]} for a {@code local} target that names
 *     none
 * @param base where releases go on every host; {@code {host}} is replaced by the host's name
 * @param bases where releases go, per host, over {@code base}
 * @param settings every setting as configured, the common ones included: the kind reads its own from it
 */
public record TargetSpec(
        String name,
        String kind,
        List<String> hosts,
        Optional<String> base,
        Map<String, String> bases,
        Map<String, Object> settings) {
    /** The settings every kind has; the rest belong to the kind. */
    public static final Set<String> COMMON_KEYS = Set.of("kind", "hosts", "base", "bases");

    public TargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(base, "base");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("deploy: target '" + name + "' needs a kind such as 'local' or 'ssh'");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String host : hosts) {
            Names.host("target '" + name + "' hosts", host);
            if (!unique.add(host)) {
                throw new IllegalArgumentException("deploy: target '" + name + "' lists host '" + host + "' twice");
            }
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("deploy: target '" + name + "' needs at least one host in hosts");
        }
        hosts = List.copyOf(unique);
        base.ifPresent(b -> Names.base("target '" + name + "' base", b, false));
        Map<String, String> checked = new LinkedHashMap<>();
        bases.forEach((host, path) -> {
            if (!unique.contains(host)) {
                throw new IllegalArgumentException("deploy: target '" + name + "' bases names host '" + host
                        + "', which is not in its hosts " + unique);
            }
            checked.put(host, Names.base("target '" + name + "' bases." + host, path, false));
        });
        bases = Collections.unmodifiableMap(checked);
        for (String host : hosts) {
            if (!bases.containsKey(host) && base.isEmpty()) {
                throw new IllegalArgumentException(
                        "deploy: target '" + name + "' needs a base (or bases." + host + ") for host '" + host + "'");
            }
        }
        if (base.isPresent()
                && base.get().contains("{host}")
                && base.get().indexOf('{') != base.get().lastIndexOf('{')) {
            throw new IllegalArgumentException(
                    "deploy: target '" + name + "' base may hold {host} once, was '" + base.get() + "'");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Reads a target as configured or written inline: {@code kind}, {@code hosts} (a list or one name), {@code base},
     * {@code bases} (host to path), and the kind's own settings, kept in {@link #settings()}.
     */
    public static TargetSpec fromConfig(String name, Map<?, ?> config) {
        Map<String, Object> settings = new LinkedHashMap<>();
        config.forEach((k, v) -> settings.put(String.valueOf(k), v));
        Args a = Args.of("target '" + name + "'", config, allKeys(settings.keySet()));
        String kind = a.string("kind")
                .orElseThrow(() -> new IllegalArgumentException(
                        "deploy: target '" + name + "' needs a kind: local, ssh or tomcat"));
        Map<String, String> bases = new LinkedHashMap<>();
        a.map("bases")
                .ifPresent(m -> m.forEach((host, path) -> {
                    if (!(path instanceof CharSequence)) {
                        throw new IllegalArgumentException("deploy: target '" + name + "' bases." + host
                                + " must be a path, was " + Args.describe(path));
                    }
                    bases.put(String.valueOf(host), path.toString());
                }));
        List<String> hosts = new ArrayList<>(a.strings("hosts"));
        if (hosts.isEmpty()) {
            hosts.addAll(bases.keySet());
        }
        if (hosts.isEmpty() && kind.equals("local")) {
            hosts.add("localhost");
        }
        return new TargetSpec(name, kind, hosts, a.string("base"), bases, settings);
    }

    private static Set<String> allKeys(Set<String> present) {
        // kinds check their own settings; here every key is accepted
        Set<String> keys = new LinkedHashSet<>(COMMON_KEYS);
        keys.addAll(present);
        return keys;
    }

    /** Where releases go on {@code host}: its entry in {@code bases}, else {@code base} with {@code {host}} replaced. */
    public String baseFor(String host) {
        String b = bases.get(host);
        return b != null ? b : base.orElseThrow().replace("{host}", host);
    }

    /**
     * Refuses settings that are neither common nor in {@code kindKeys}, naming the closest one; for kinds to call.
     */
    public void checkSettings(Set<String> kindKeys) {
        Set<String> known = new LinkedHashSet<>(COMMON_KEYS);
        known.addAll(kindKeys);
        Args.of("target '" + name + "'", settings, known);
    }
}
