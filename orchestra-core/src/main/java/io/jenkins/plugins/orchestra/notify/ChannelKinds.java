package io.jenkins.plugins.orchestra.notify;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The channel kinds a {@link Notifier} knows, by name. The built-in ones ({@code email}, {@code slack}, {@code
 * teams}, {@code mattermost}, {@code webhook}, {@code outbox}) are services like any other: a jar with a {@code
 * META-INF/services/io.jenkins.plugins.orchestra.notify.ChannelKind} file adds its own.
 */
public final class ChannelKinds {
    private final Map<String, ChannelKind> kinds;

    private ChannelKinds(Map<String, ChannelKind> kinds) {
        this.kinds = kinds;
    }

    /** The kinds found as services by this class's class loader: the built-in ones and any on the class path. */
    public static ChannelKinds installed() {
        return installed(ChannelKinds.class.getClassLoader());
    }

    public static ChannelKinds installed(ClassLoader loader) {
        Map<String, ChannelKind> kinds = new TreeMap<>();
        for (ChannelKind kind : ServiceLoader.load(ChannelKind.class, loader)) {
            kinds.putIfAbsent(kind.name(), kind);
        }
        return new ChannelKinds(kinds);
    }

    /** Exactly these kinds. */
    public static ChannelKinds of(Collection<? extends ChannelKind> kinds) {
        Map<String, ChannelKind> map = new TreeMap<>();
        kinds.forEach(k -> map.put(k.name(), k));
        return new ChannelKinds(map);
    }

    public Optional<ChannelKind> get(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    public Set<String> names() {
        return kinds.keySet();
    }
}
