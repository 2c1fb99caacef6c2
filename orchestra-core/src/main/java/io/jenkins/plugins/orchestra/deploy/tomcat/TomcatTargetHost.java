package io.jenkins.plugins.orchestra.deploy.tomcat;

import io.jenkins.plugins.orchestra.deploy.Artifact;
import io.jenkins.plugins.orchestra.deploy.ExecResult;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.deploy.LockOwner;
import io.jenkins.plugins.orchestra.deploy.ReleaseOptions;
import io.jenkins.plugins.orchestra.deploy.ReleaseState;
import io.jenkins.plugins.orchestra.deploy.TargetHost;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StepListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Tomcat of a {@code tomcat} target, as the deploy strategies drive it:
 *
 * <ul>
 *   <li>{@link #state}: what the manager lists at the path, with the versions the step recorded for it (the live one
 *       only while the application runs);
 *   <li>{@link #prepare}: keeps the WAR for rollback, on this machine; the Tomcat is not touched;
 *   <li>{@link #activate}: deploys the WAR with the manager ({@code update=true}), which is also when it goes live;
 *   <li>{@link #restore}: deploys the WAR that ran before again, or undeploys when nothing ran;
 *   <li>{@link #rollBackOne}: deploys the WAR recorded before the current one again;
 *   <li>the lock is a file in the target's state directory.
 * </ul>
 */
final class TomcatTargetHost implements TargetHost {
    private final TomcatDeployTarget owner;
    private final TomcatTarget target;
    private final TomcatHost tomcat;
    private final StepHost host;
    private final TomcatLock lock;
    private volatile TomcatDeployment before;
    private volatile WarRelease war;

    TomcatTargetHost(TomcatDeployTarget owner, TomcatTarget target, TomcatHost tomcat, StepHost host) {
        this.owner = owner;
        this.target = target;
        this.tomcat = tomcat;
        this.host = host;
        this.lock =
                new TomcatLock(target.stateDir().resolve("hosts").resolve(target.hostKey(tomcat) + ".lock"), name());
    }

    @Override
    public String name() {
        return tomcat.name();
    }

    @Override
    public String address() {
        String h = tomcat.hostName();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    @Override
    public Optional<String> url() {
        String url = tomcat.appUrl().toString();
        return Optional.of(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    @Override
    public void lock(LockOwner lockOwner, Duration staleAfter, StepListener listener) {
        lock.lock(lockOwner, staleAfter, host.clock().instant(), listener);
    }

    @Override
    public void unlock(LockOwner lockOwner) {
        lock.unlock(lockOwner);
    }

    @Override
    public ReleaseState state() throws InterruptedException {
        TomcatDeployment now = target.current(tomcat);
        if (now.isParallelDeployment()) {
            throw new HostException(name(), HostException.Kind.COMMAND_FAILED, target.parallelRefusal(now));
        }
        before = now;
        List<TomcatRelease> records = target.releases(tomcat);
        List<String> versions = new ArrayList<>();
        Map<String, String> checksums = new LinkedHashMap<>();
        for (TomcatRelease r : records) {
            versions.remove(r.version());
            versions.add(r.version());
            checksums.put(r.version(), r.sha256());
        }
        Optional<String> current = now.isRunning() ? now.version() : Optional.empty();
        Optional<String> previous = records.size() < 2
                ? Optional.empty()
                : Optional.of(records.get(records.size() - 2).version());
        return new ReleaseState(current, previous, versions, checksums, Optional.empty(), Optional.empty());
    }

    @Override
    public Prepared prepare(Artifact artifact, String version, ReleaseOptions options, ReleaseState state) {
        war = owner.war(artifact, version);
        return state.has(version) ? Prepared.REUSED : Prepared.UPLOADED;
    }

    @Override
    public String describe(Prepared prepared, Artifact artifact, String version) {
        return artifact.fileName() + " is kept for rollback as " + war.war();
    }

    @Override
    public void activate(String version, String checksum) throws InterruptedException {
        WarRelease release = war;
        if (release == null || !release.version().equals(version)) {
            throw new IllegalStateException("activate(" + version + ") before prepare on " + name());
        }
        target.deploy(tomcat, release);
    }

    @Override
    public void restore(ReleaseState ignored) throws InterruptedException {
        if (war == null || before == null) {
            return;
        }
        target.restore(tomcat, before, war);
    }

    @Override
    public String rollBackOne(ReleaseState state) throws InterruptedException {
        return target.rollback(tomcat).version();
    }

    @Override
    public ExecResult run(String command, String version, Optional<String> previous, Duration timeout) {
        throw new UnsupportedOperationException(name() + ": a Tomcat manager runs no commands");
    }

    @Override
    public List<String> prune(int keep, List<String> protect) {
        // the target keeps its own number of WARs (its keep setting), cut at every deploy
        return List.of();
    }

    @Override
    public String location() {
        return target.settings().path() + " on " + tomcat.manager();
    }

    @Override
    public Optional<String> planDeploy(Artifact artifact, String version, ReleaseState state) {
        TomcatDeployment now = before;
        String replacing = "";
        if (now != null && now.isDeployed() && now.recorded().isEmpty()) {
            replacing = ", replacing an application not deployed by this target (it cannot be rolled back to)";
        } else if (now != null && now.isDeployed() && !now.isRunning()) {
            replacing = ", replacing " + now.describe();
        }
        return Optional.of("deploy " + artifact.fileName() + " (" + artifact.sizeText() + ") to "
                + target.settings().path() + " through the manager" + replacing + ", keep "
                + target.settings().keep() + " WARs for rollback");
    }

    @Override
    public Optional<String> planRollback(ReleaseState state) {
        return target.previous(tomcat)
                .map(r -> "deploy the kept WAR of " + r.version() + " again (deployed " + r.deployedAt() + " by "
                        + r.run() + ")");
    }

    @Override
    public void close() {
        // nothing open: each manager request is one HTTP exchange
    }
}
