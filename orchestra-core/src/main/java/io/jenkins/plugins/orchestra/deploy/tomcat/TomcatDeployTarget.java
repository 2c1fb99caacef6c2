package io.jenkins.plugins.orchestra.deploy.tomcat;

import io.jenkins.plugins.orchestra.deploy.Artifact;
import io.jenkins.plugins.orchestra.deploy.DeployException;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.deploy.DeployTarget;
import io.jenkins.plugins.orchestra.deploy.HealthCheckSpec;
import io.jenkins.plugins.orchestra.deploy.ReleaseOptions;
import io.jenkins.plugins.orchestra.deploy.Strategy;
import io.jenkins.plugins.orchestra.deploy.TargetHost;
import io.jenkins.plugins.orchestra.deploy.TargetSpec;
import io.jenkins.plugins.orchestra.host.StepHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code tomcat} target opened for one deploy: its Tomcats as {@link TargetHost}s over one {@link TomcatTarget}. The
 * WAR is checked, checksummed and kept for rollback once, when the first host prepares it.
 */
final class TomcatDeployTarget implements DeployTarget {
    private final TargetSpec spec;
    private final TomcatTarget target;
    private final StepHost host;
    private final Map<String, TomcatHost> tomcats = new LinkedHashMap<>();
    private WarRelease war;

    TomcatDeployTarget(TargetSpec spec, TomcatTarget target, StepHost host) {
        this.spec = spec;
        this.target = target;
        this.host = host;
        for (TomcatHost tomcat : target.hosts()) {
            tomcats.put(tomcat.name(), tomcat);
        }
    }

    @Override
    public TargetSpec spec() {
        return spec;
    }

    /** Refuses what a Tomcat manager cannot do: run commands, link shared paths, keep two slots; and non-WARs. */
    @Override
    public void check(DeploySpec deploy) {
        if (!deploy.release().hooks().isEmpty()) {
            throw refused("hooks", "a Tomcat manager runs no commands (the application starts when it is deployed)");
        }
        if (deploy.healthCheck().flatMap(HealthCheckSpec::command).isPresent()) {
            throw refused(
                    "healthCheck.command",
                    "a Tomcat manager runs no commands; use healthCheck.url, such as '{url}/health'");
        }
        if (!deploy.shared().isEmpty()) {
            throw refused("shared", "a WAR is deployed whole, with no release directory to link shared paths into");
        }
        if (deploy.rollout().strategy() == Strategy.BLUE_GREEN) {
            throw refused(
                    "strategy 'blueGreen'",
                    "a context path serves one version at a time; use 'rolling' or 'canary' (or two targets)");
        }
        if (deploy.release().keep() != ReleaseOptions.DEFAULT_KEEP) {
            throw refused(
                    "keep",
                    "how many WARs are kept for rollback is the target's setting: keep: "
                            + deploy.release().keep() + " under targets." + spec.name());
        }
        if (!deploy.rollback()) {
            checkWar(deploy.artifact().orElseThrow());
        }
    }

    private void checkWar(String artifact) {
        Path p = Path.of(artifact);
        Path file = p.isAbsolute() ? p : host.workspace().resolve(p);
        if (Files.isDirectory(file)) {
            throw DeployException.invalid("artifact must be a .war file for tomcat target '" + spec.name()
                    + "', was the directory '" + artifact + "'");
        }
        if (Files.isRegularFile(file) && !isZip(file)) {
            throw DeployException.invalid("artifact must be a WAR (a zip file) for tomcat target '" + spec.name()
                    + "', was '" + artifact + "'");
        }
    }

    private DeployException refused(String field, String why) {
        return DeployException.invalid(field + " does not apply to tomcat target '" + spec.name() + "': " + why);
    }

    @Override
    public TargetHost open(String name) {
        TomcatHost tomcat = tomcats.get(name);
        if (tomcat == null) {
            throw new IllegalArgumentException(name + " is not a host of target '" + spec.name() + "'");
        }
        return new TomcatTargetHost(this, target, tomcat, host);
    }

    /** The WAR to deploy as {@code version}, kept for rollback: made once for every host. */
    synchronized WarRelease war(Artifact artifact, String version) {
        if (war == null || !war.version().equals(version)) {
            WarRelease prepared = target.prepare(artifact.source(), version);
            if (!prepared.sha256().equals(artifact.checksum())) {
                throw new TomcatStateException("the WAR " + artifact.source() + " changed while it was being deployed"
                        + " (sha256 " + artifact.shortChecksum() + " became " + prepared.shortSha() + ")");
            }
            war = prepared;
        }
        return war;
    }

    @Override
    public void close() {
        // the manager clients hold no connections of their own
    }

    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (IOException e) {
            // unreadable: the artifact's own check says so
            return true;
        }
    }
}
