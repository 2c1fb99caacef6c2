package io.jenkins.plugins.orchestra.deploy.local;

import io.jenkins.plugins.orchestra.deploy.DeployTarget;
import io.jenkins.plugins.orchestra.deploy.TargetKind;
import io.jenkins.plugins.orchestra.deploy.TargetSpec;
import io.jenkins.plugins.orchestra.deploy.release.ConnectorKind;
import io.jenkins.plugins.orchestra.host.StepHost;
import java.util.Set;

/**
 * {@code kind: local}: releases in directories of this machine. With several hosts, each is a directory of its own
 * ({@code base: 'target/app/{host}'} or {@code bases: [a: '/srv/a', b: '/srv/b']}): for examples, tests, and agents
 * that deploy to themselves. A relative base is relative to the workspace.
 */
public final class LocalKind implements TargetKind {
    private final ConnectorKind kind =
            ConnectorKind.thisMachine("local", Set.of(), (spec, host) -> new LocalConnector(host.environment()));

    @Override
    public String name() {
        return "local";
    }

    @Override
    public DeployTarget open(TargetSpec spec, StepHost host) {
        return kind.open(spec, host);
    }
}
