package io.jenkins.plugins.orchestra.deploy.tomcat;

import io.jenkins.plugins.orchestra.deploy.DeployTarget;
import io.jenkins.plugins.orchestra.deploy.TargetKind;
import io.jenkins.plugins.orchestra.deploy.TargetSpec;
import io.jenkins.plugins.orchestra.host.StepHost;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kind: tomcat}: a WAR deployed to Tomcats through their manager's text interface. A host is a manager URL
 * ({@code http://web1:8080/manager}), named {@code web1:8080} in tables and messages; a release is the WAR deployed at
 * the target's {@code path} with a version the step records; a rollback deploys the previous WAR again, which the step
 * keeps in the target's state directory. See {@link TomcatSettings} for the settings.
 */
public final class TomcatKind implements TargetKind {
    @Override
    public String name() {
        return TomcatSettings.KIND;
    }

    /**
     * Reads {@link TomcatSettings} and names each host by its manager's {@code host:port}; {@link TargetSpec#bases()}
     * holds each host's manager URL. {@code base} and {@code bases} are refused: the path says where the WAR goes.
     */
    @Override
    public TargetSpec spec(String name, Map<String, Object> config) {
        for (String key : List.of("base", "bases")) {
            if (config.containsKey(key)) {
                throw new IllegalArgumentException("targets." + name + "." + key + " does not apply to a tomcat"
                        + " target: its hosts are manager URLs and path says where the WAR goes (path: /shop)");
            }
        }
        TomcatSettings settings = TomcatSettings.fromConfig(name, config);
        List<String> hosts = new ArrayList<>();
        Map<String, String> managers = new LinkedHashMap<>();
        Map<String, URI> byMachine = new HashMap<>();
        for (URI manager : settings.managers()) {
            TomcatHost tomcat = TomcatHost.of(manager, settings.path());
            URI other = byMachine.put(machine(manager), manager);
            if (other != null || managers.containsKey(tomcat.name())) {
                throw new IllegalArgumentException("targets." + name + ".hosts names the Tomcat " + tomcat.name()
                        + " twice (" + (other == null ? manager : other) + " and " + manager + ")");
            }
            hosts.add(tomcat.name());
            managers.put(tomcat.name(), manager.toString());
        }
        TargetSpec spec = new TargetSpec(name, name(), hosts, Optional.empty(), managers, config);
        spec.checkSettings(TomcatSettings.KEYS);
        return spec;
    }

    @Override
    public DeployTarget open(TargetSpec spec, StepHost host) {
        TomcatSettings settings = TomcatSettings.fromConfig(spec.name(), spec.settings());
        return new TomcatDeployTarget(spec, TomcatTarget.open(settings, host), host);
    }

    /** A Tomcat as its records in the state directory know it: host and port, the scheme's port when none is given. */
    private static String machine(URI manager) {
        int port =
                manager.getPort() >= 0 ? manager.getPort() : manager.getScheme().equals("https") ? 443 : 80;
        return manager.getHost() + ":" + port;
    }
}
