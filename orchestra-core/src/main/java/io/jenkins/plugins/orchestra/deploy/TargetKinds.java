package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.deploy.local.LocalKind;
import io.jenkins.plugins.orchestra.deploy.tomcat.TomcatKind;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The kinds of target a deploy can open, by name. Immutable; {@link #with} gives a copy with one more kind (or one
 * replaced).
 */
public final class TargetKinds {
    private final Map<String, TargetKind> kinds;

    private TargetKinds(Map<String, TargetKind> kinds) {
        this.kinds = Collections.unmodifiableMap(kinds);
    }

    /** The kinds this build has: {@code local}, {@code ssh} and {@code tomcat}. */
    public static TargetKinds defaults() {
        return new TargetKinds(new LinkedHashMap<>())
                .with(new LocalKind())
                .with(new io.jenkins.plugins.orchestra.deploy.ssh.SshKind())
                .with(new TomcatKind());
    }

    /** A copy with {@code kind} added, replacing a kind of the same name. */
    public TargetKinds with(TargetKind kind) {
        Objects.requireNonNull(kind, "kind");
        Map<String, TargetKind> copy = new LinkedHashMap<>(kinds);
        copy.put(kind.name(), kind);
        return new TargetKinds(copy);
    }

    /**
     * The target {@code ref} names, checked: its kind first (an unknown kind is named with the closest known one),
     * then its settings.
     *
     * @throws DeployException if the target is not configured, its kind is unknown or a setting is wrong
     */
    public TargetSpec resolve(TargetRef ref, StepHost host) {
        Map<String, Object> config = ref.config(host);
        Object kind = config.get("kind");
        if (kind == null) {
            return ref.resolve(host);
        }
        TargetKind known = kind(ref.name(), kind.toString());
        try {
            return known.spec(ref.name(), config);
        } catch (IllegalArgumentException e) {
            throw DeployException.invalid(e.getMessage().replaceFirst("^deploy: ", ""));
        }
    }

    private TargetKind kind(String target, String name) {
        TargetKind kind = kinds.get(name);
        if (kind == null) {
            String hint = Suggestions.closest(name, kinds.keySet())
                    .map(s -> " (did you mean '" + s + "'?)")
                    .orElse("");
            throw DeployException.invalid("target '" + target + "' has kind '" + name + "'" + hint + "; kinds: "
                    + String.join(", ", kinds.keySet()));
        }
        return kind;
    }

    /**
     * Opens {@code spec} with its kind.
     *
     * @throws DeployException if the kind is unknown (naming the closest one) or a setting is wrong
     */
    public DeployTarget open(TargetSpec spec, StepHost host) {
        TargetKind kind = kind(spec.name(), spec.kind());
        try {
            return kind.open(spec, host);
        } catch (IllegalArgumentException e) {
            throw DeployException.invalid(e.getMessage().replaceFirst("^deploy: ", ""));
        }
    }
}
