package io.jenkins.plugins.orchestra.deploy.ssh;

import io.jenkins.plugins.orchestra.deploy.DeployTarget;
import io.jenkins.plugins.orchestra.deploy.TargetKind;
import io.jenkins.plugins.orchestra.deploy.TargetSpec;
import io.jenkins.plugins.orchestra.deploy.release.ConnectorKind;
import io.jenkins.plugins.orchestra.host.StepHost;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: ssh}: releases on other machines over SSH and SFTP, with the release model shared with {@code local}.
 * The target's own settings are {@link SshSettings#KEYS}; a relative {@code knownHosts} is relative to the workspace.
 */
public final class SshKind implements TargetKind {
    private final ConnectorKind kind = ConnectorKind.remote("ssh", ownKeys(), SshKind::connector);

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public DeployTarget open(TargetSpec spec, StepHost host) {
        return kind.open(spec, host);
    }

    private static SshConnector connector(TargetSpec spec, StepHost host) {
        Map<String, Object> settings = new LinkedHashMap<>(spec.settings());
        settings.put("hosts", spec.hosts());
        Object knownHosts = settings.get("knownHosts");
        if (knownHosts instanceof String path
                && !path.startsWith("~")
                && !Path.of(path).isAbsolute()) {
            settings.put("knownHosts", host.workspace().resolve(path).toString());
        }
        SshSettings ssh;
        try {
            ssh = SshSettings.fromConfig(spec.name(), settings);
        } catch (SshSettingsException e) {
            throw new IllegalArgumentException("deploy: " + e.getMessage(), e);
        }
        return SshConnector.create(ssh, host);
    }

    private static Set<String> ownKeys() {
        Set<String> keys = new HashSet<>(SshSettings.KEYS);
        keys.removeAll(TargetSpec.COMMON_KEYS);
        return keys;
    }
}
