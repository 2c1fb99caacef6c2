package io.jenkins.plugins.orchestra.deploy.release;

import io.jenkins.plugins.orchestra.deploy.DeployTarget;
import io.jenkins.plugins.orchestra.deploy.HostConnector;
import io.jenkins.plugins.orchestra.deploy.TargetKind;
import io.jenkins.plugins.orchestra.deploy.TargetSpec;
import io.jenkins.plugins.orchestra.host.StepHost;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A kind of target whose hosts keep releases over a {@link HostConnector}: {@code local} and {@code ssh}. Adding a
 * kind is one line:
 *
 * <pre>{@code
 * kinds.with(ConnectorKind.remote("ssh", SshSettings.KEYS, (spec, host) -> new SshConnector(…)))
 * }</pre>
 */
public final class ConnectorKind implements TargetKind {
    private final String name;
    private final Set<String> settings;
    private final boolean thisMachine;
    private final BiFunction<TargetSpec, StepHost, HostConnector> connector;

    private ConnectorKind(
            String name,
            Set<String> settings,
            boolean thisMachine,
            BiFunction<TargetSpec, StepHost, HostConnector> connector) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Set.copyOf(settings);
        this.thisMachine = thisMachine;
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /**
     * Hosts that are other machines: bases must be absolute; {@code settings} are the kind's own keys besides {@code
     * kind}, {@code hosts}, {@code base}, {@code bases}.
     */
    public static ConnectorKind remote(
            String name, Set<String> settings, BiFunction<TargetSpec, StepHost, HostConnector> connector) {
        return new ConnectorKind(name, settings, false, connector);
    }

    /**
     * Hosts that are all this machine, each its own directory: a relative base is resolved against the workspace, and
     * no two hosts may share a base.
     */
    public static ConnectorKind thisMachine(
            String name, Set<String> settings, BiFunction<TargetSpec, StepHost, HostConnector> connector) {
        return new ConnectorKind(name, settings, true, connector);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeployTarget open(TargetSpec spec, StepHost host) {
        spec.checkSettings(settings);
        Map<String, String> bases = new HashMap<>();
        for (String h : spec.hosts()) {
            String base = spec.baseFor(h);
            if (thisMachine) {
                base = host.workspace().resolve(base).normalize().toString();
                String other = bases.get(base);
                if (other != null) {
                    throw new IllegalArgumentException("deploy: target '" + spec.name() + "' hosts '" + other
                            + "' and '" + h + "' share the base " + base + "; put {host} in base or give bases");
                }
            } else if (!base.startsWith("/")) {
                throw new IllegalArgumentException("deploy: target '" + spec.name() + "' base must be an absolute path"
                        + " on " + h + ", was '" + base + "'");
            }
            if (Path.of(base).getNameCount() == 0) {
                throw new IllegalArgumentException("deploy: target '" + spec.name() + "' base must not be /");
            }
            bases.put(base, h);
        }
        Map<String, String> baseOf = new HashMap<>();
        bases.forEach((base, h) -> baseOf.put(h, base));
        return new ReleaseTarget(spec, connector.apply(spec, host), baseOf::get, host.run(), host.clock());
    }
}
