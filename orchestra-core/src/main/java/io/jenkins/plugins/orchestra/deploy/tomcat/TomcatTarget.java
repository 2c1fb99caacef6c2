package io.jenkins.plugins.orchestra.deploy.tomcat;

import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.deploy.HostException.Kind;
import io.jenkins.plugins.orchestra.deploy.tomcat.TomcatResult.Outcome;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code tomcat} target opened for one step call: what a deploy strategy does to each of its Tomcats, through the
 * manager's text interface. {@link #prepare} a WAR once, then {@link #deploy}, {@link #rollback}, {@link #current} or
 * {@link #plan} per host, from as many threads as hosts.
 *
 * <h2>How versions and rollback work</h2>
 *
 * A WAR is deployed with a plain redeploy ({@code deploy?path=/shop&update=true}), not with Tomcat's parallel
 * deployment ({@code shop##2}): one version serves the path at a time, as with the other targets, and no old version
 * lingers until its sessions expire. Tomcat does not know versions then, so the step records them on its side, in the
 * target's state directory (see {@link TomcatSettings#stateDir}): a copy of each WAR it deployed, and per host the WARs
 * deployed there, last one current, at most {@code keep} of them. Deploying the same version with the same checksum
 * to a host whose application runs changes nothing. {@link #rollback} deploys the WAR recorded before the current one
 * again and drops the current one's record, so a second rollback goes one further back.
 *
 * <p>A deploy either leaves the host running the new version or, when Tomcat has undeployed the old application and
 * the new one failed (it did not start, the upload broke), deploys the previous kept WAR again before it fails, so the
 * host's record stays true.
 *
 * <p>In a dry run ({@link StepHost#dryRun()}) nothing is copied, deployed or recorded: {@link #deploy} and {@link
 * #rollback} read the manager's list and return {@link Outcome#PLANNED} with what they would do.
 */
public final class TomcatTarget {
    private final TomcatSettings settings;
    private final StepHost host;
    private final TomcatState state;
    private final Map<TomcatHost, TomcatManager> managers = new LinkedHashMap<>();
    private final Set<Path> pinned = ConcurrentHashMap.newKeySet();

    private TomcatTarget(TomcatSettings settings, StepHost host, UsernamePasswordCredential credential) {
        this.settings = settings;
        this.host = host;
        this.state = new TomcatState(settings.stateDir(host.workspace()), settings.keep());
        HttpClient http = TomcatManager.httpClient(settings.connectTimeout());
        for (URI url : settings.managers()) {
            managers.put(
                    TomcatHost.of(url, settings.path()), new TomcatManager(url, credential, settings.timeout(), http));
        }
    }

    /**
     * Opens the target for a step call: looks up the manager user's credentials and masks the password from then on.
     *
     * @throws io.jenkins.plugins.orchestra.host.CredentialsException if the credentials are missing or not a username
     *     and password
     */
    public static TomcatTarget open(TomcatSettings settings, StepHost host) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(host, "host");
        UsernamePasswordCredential credential =
                host.credentials().get(settings.credentialsId(), UsernamePasswordCredential.class);
        host.addSecret(credential.password());
        return new TomcatTarget(settings, host, credential);
    }

    public TomcatSettings settings() {
        return settings;
    }

    /** The Tomcats, in the order the target lists them. */
    public List<TomcatHost> hosts() {
        return List.copyOf(managers.keySet());
    }

    /** The manager client of one of the {@link #hosts()}. */
    public TomcatManager manager(TomcatHost tomcat) {
        TomcatManager manager = managers.get(tomcat);
        if (manager == null) {
            throw new IllegalArgumentException(tomcat.name() + " is not a host of target " + settings.target());
        }
        return manager;
    }

    /** Where the kept WARs and release records are. */
    public Path stateDir() {
        return state.dir();
    }

    /**
     * Checks the WAR (a relative path is resolved against the workspace), computes its checksum and, unless in a dry
     * run, keeps a copy for rollback. Call once per deploy, before the hosts.
     *
     * @throws TomcatStateException if the file is missing, is not a WAR, or cannot be copied
     * @throws IllegalArgumentException if the version is not a valid one, naming it
     */
    public WarRelease prepare(Path war, String version) {
        WarRelease.requireVersion(version);
        Path file = host.workspace().resolve(war);
        if (!Files.isRegularFile(file)) {
            throw new TomcatStateException(
                    "the WAR " + war + " does not exist" + (war.isAbsolute() ? "" : " in " + host.workspace()));
        }
        try {
            if (!isZip(file)) {
                throw new TomcatStateException("the WAR " + war + " is not a WAR (not a zip file)");
            }
            String sha256 = TomcatState.sha256(file);
            long size = Files.size(file);
            if (host.dryRun()) {
                return new WarRelease(version, file, sha256, size);
            }
            Path kept = state.keep(file, version, sha256);
            pinned.add(kept);
            return new WarRelease(version, kept, sha256, size);
        } catch (IOException e) {
            throw new TomcatStateException(
                    "cannot keep the WAR " + war + " for rollback in " + state.dir() + ": " + e.getMessage(), e);
        }
    }

    /** What runs at the target's path on this Tomcat now (one manager request). */
    public TomcatDeployment current(TomcatHost tomcat) throws InterruptedException {
        List<TomcatApp> apps = manager(tomcat).apps(settings.path());
        List<TomcatRelease> releases = releases(tomcat);
        return new TomcatDeployment(
                tomcat,
                settings.path(),
                apps,
                releases.isEmpty() ? Optional.empty() : Optional.of(releases.get(releases.size() - 1)));
    }

    /** The WAR a {@link #rollback} of this Tomcat would deploy again, if one is recorded. */
    public Optional<TomcatRelease> previous(TomcatHost tomcat) {
        List<TomcatRelease> releases = releases(tomcat);
        return releases.size() < 2 ? Optional.empty() : Optional.of(releases.get(releases.size() - 2));
    }

    /** What {@link #deploy} would do (one manager request, no change). */
    public TomcatPlan plan(TomcatHost tomcat, WarRelease release) throws InterruptedException {
        TomcatDeployment now = current(tomcat);
        String war = release.version() + " (" + size(release.size()) + ", sha256 " + release.shortSha() + "…)";
        if (now.runs(release)) {
            return new TomcatPlan(
                    tomcat,
                    false,
                    now.version(),
                    now.version(),
                    tomcat.name() + ": " + settings.path() + " already runs " + release.version()
                            + " with the same checksum: no change");
        }
        String replacing;
        if (!now.isDeployed()) {
            replacing = "";
        } else if (now.isParallelDeployment()) {
            return new TomcatPlan(
                    tomcat, false, now.version(), Optional.empty(), tomcat.name() + ": " + parallelRefusal(now));
        } else if (now.recorded().isPresent() && now.version().isPresent()) {
            replacing = ", replacing " + now.describe();
        } else {
            replacing = ", replacing " + now.describe() + " (it cannot be rolled back to)";
        }
        return new TomcatPlan(
                tomcat,
                true,
                now.version(),
                Optional.of(release.version()),
                tomcat.name() + ": would deploy " + war + " to " + settings.path() + replacing);
    }

    /** What {@link #rollback} would do (no manager request, no change). */
    public TomcatPlan planRollback(TomcatHost tomcat) {
        List<TomcatRelease> releases = releases(tomcat);
        Optional<String> from = releases.isEmpty()
                ? Optional.empty()
                : Optional.of(releases.get(releases.size() - 1).version());
        if (releases.size() < 2) {
            return new TomcatPlan(tomcat, false, from, Optional.empty(), nothingToRollBack(tomcat, releases));
        }
        TomcatRelease to = releases.get(releases.size() - 2);
        return new TomcatPlan(
                tomcat,
                true,
                from,
                Optional.of(to.version()),
                tomcat.name() + ": would roll " + settings.path() + " back from " + from.orElseThrow() + " to "
                        + to.version() + " (the WAR deployed " + to.deployedAt() + " by " + to.run() + ")");
    }

    /**
     * Deploys a {@link #prepare prepared} WAR to this Tomcat, unless it already runs it.
     *
     * @throws HostException if the manager cannot be reached, refuses the user, or fails the deploy (Tomcat's reason in
     *     the message); the host then runs what it ran before where that could be restored
     * @throws TomcatStateException if the step's records cannot be written
     * @throws InterruptedException if the thread is interrupted or the step is aborted
     */
    public TomcatResult deploy(TomcatHost tomcat, WarRelease release) throws InterruptedException {
        long start = System.nanoTime();
        checkCancelled();
        TomcatManager manager = manager(tomcat);
        TomcatDeployment before = current(tomcat);
        Optional<String> previous = before.version();
        String path = settings.path();
        if (before.runs(release)) {
            String message = tomcat.name() + ": " + path + " already runs " + release.version()
                    + " with the same checksum; nothing to do";
            host.listener().info(message);
            return new TomcatResult(tomcat, Outcome.UNCHANGED, previous, release.version(), since(start), message);
        }
        if (before.isParallelDeployment()) {
            throw new HostException(tomcat.name(), Kind.COMMAND_FAILED, parallelRefusal(before));
        }
        if (host.dryRun()) {
            String message = plan(tomcat, release).description();
            host.listener().info(message);
            return new TomcatResult(tomcat, Outcome.PLANNED, previous, release.version(), since(start), message);
        }
        before.recorded()
                .filter(r ->
                        r.version().equals(release.version()) && !r.sha256().equals(release.sha256()))
                .ifPresent(r -> host.listener()
                        .warn(tomcat.name() + ": " + release.version() + " was deployed to " + path
                                + " before with another checksum (" + r.sha256().substring(0, 12)
                                + "…); deploying it again"));
        host.listener()
                .info(tomcat.name() + ": deploying " + release.version() + " to " + path
                        + (before.isDeployed() ? " (was " + before.describe() + ")" : ""));
        try {
            manager.deploy(path, release.war());
        } catch (HostException e) {
            throw restoreAfterFailedDeploy(tomcat, before, release, e);
        }
        record(
                tomcat,
                "deploy",
                new TomcatRelease(
                        release.version(), release.sha256(), now(), host.run().id()));
        String message = tomcat.name() + ": " + path + " runs " + release.version() + " ("
                + Durations.format(since(start)) + ")";
        host.listener().info(message);
        return new TomcatResult(tomcat, Outcome.DEPLOYED, previous, release.version(), since(start), message);
    }

    /**
     * Deploys again the WAR recorded before the current one on this Tomcat, and drops the current one's record.
     *
     * @throws TomcatStateException if no earlier WAR is recorded, or its kept copy is missing or changed
     * @throws HostException if the manager cannot be reached, refuses the user or fails the deploy
     * @throws InterruptedException if the thread is interrupted or the step is aborted
     */
    public TomcatResult rollback(TomcatHost tomcat) throws InterruptedException {
        long start = System.nanoTime();
        checkCancelled();
        List<TomcatRelease> releases = releases(tomcat);
        if (releases.size() < 2) {
            throw new TomcatStateException(nothingToRollBack(tomcat, releases));
        }
        TomcatRelease from = releases.get(releases.size() - 1);
        TomcatRelease to = releases.get(releases.size() - 2);
        Path war = keptWar(tomcat, to);
        if (host.dryRun()) {
            String message = planRollback(tomcat).description();
            host.listener().info(message);
            return new TomcatResult(
                    tomcat, Outcome.PLANNED, Optional.of(from.version()), to.version(), since(start), message);
        }
        host.listener()
                .info(tomcat.name() + ": rolling " + settings.path() + " back from " + from.version() + " to "
                        + to.version());
        manager(tomcat).deploy(settings.path(), war);
        try {
            state.pop(hostKey(tomcat));
            log(tomcat, "rollback", to);
            prune();
        } catch (IOException e) {
            throw stateFailure(e);
        }
        String message = tomcat.name() + ": " + settings.path() + " rolled back from " + from.version() + " to "
                + to.version() + " (" + Durations.format(since(start)) + ")";
        host.listener().info(message);
        return new TomcatResult(
                tomcat, Outcome.ROLLED_BACK, Optional.of(from.version()), to.version(), since(start), message);
    }

    /**
     * Undoes a {@link #deploy} of {@code attempted} made after reading {@code before}, for a strategy whose health check
     * failed or that stopped: deploys the WAR that ran before again (from the kept copy) and drops {@code attempted}'s
     * record, or, when nothing ran at the path before, undeploys it. A deploy that did not complete has already left
     * the path as it was, or put back what ran before; then nothing is done. Unlike {@link #rollback}, it also runs
     * when the step is being aborted.
     *
     * @return what the path runs now, if the step knows it
     * @throws TomcatStateException if what ran before was not deployed by this target (the manager cannot give its WAR
     *     back), or its kept WAR is missing or changed
     * @throws HostException if the manager cannot be reached, refuses the user or fails the deploy
     */
    public Optional<String> restore(TomcatHost tomcat, TomcatDeployment before, WarRelease attempted)
            throws InterruptedException {
        String path = settings.path();
        List<TomcatRelease> releases = releases(tomcat);
        boolean recorded = !releases.isEmpty()
                && releases.get(releases.size() - 1).isSameAs(attempted)
                && !before.recorded().map(r -> r.isSameAs(attempted)).orElse(false);
        TomcatManager manager = manager(tomcat);
        if (host.dryRun()) {
            return before.version();
        }
        if (!recorded) {
            List<TomcatApp> now = manager.apps(path);
            if (before.isDeployed() ? now.stream().anyMatch(TomcatApp::isRunning) : now.isEmpty()) {
                return before.version();
            }
        }
        if (before.isDeployed() && before.recorded().isEmpty()) {
            throw new TomcatStateException(tomcat.name() + ": cannot put back what ran at " + path
                    + " before: an application not deployed by this target, whose WAR the manager cannot give back");
        }
        try {
            if (before.isDeployed()) {
                TomcatRelease previous = before.recorded().get();
                Path war = keptWar(tomcat, previous);
                host.listener()
                        .info(tomcat.name() + ": deploying " + previous.version() + " to " + path + " again (was "
                                + attempted.version() + ")");
                manager.deploy(path, war);
                if (recorded) {
                    state.pop(hostKey(tomcat));
                }
                log(tomcat, "restore", previous);
            } else {
                host.listener()
                        .info(tomcat.name() + ": undeploying " + attempted.version() + " from " + path
                                + ", where nothing ran before");
                if (!manager.apps(path).isEmpty()) {
                    manager.undeploy(path);
                }
                if (recorded) {
                    state.pop(hostKey(tomcat));
                }
                log(
                        tomcat,
                        "undeploy",
                        new TomcatRelease(
                                attempted.version(),
                                attempted.sha256(),
                                now(),
                                host.run().id()));
            }
            prune();
        } catch (IOException e) {
            throw stateFailure(e);
        }
        return before.isDeployed() ? before.recorded().map(TomcatRelease::version) : Optional.empty();
    }

    /**
     * After a failed deploy: if Tomcat no longer runs an application at the path (it undeployed the old one and the new
     * one did not start), deploys the WAR that ran before again. Returns the exception to throw.
     */
    private HostException restoreAfterFailedDeploy(
            TomcatHost tomcat, TomcatDeployment before, WarRelease release, HostException failure)
            throws InterruptedException {
        if (failure.kind() == Kind.AUTHENTICATION_FAILED
                || !before.isRunning()
                || before.recorded().isEmpty()
                || before.recorded().get().isSameAs(release)) {
            return failure;
        }
        TomcatRelease previous = before.recorded().get();
        Path war = state.war(previous.version(), previous.sha256());
        try {
            if (!Files.isRegularFile(war)
                    || manager(tomcat).apps(settings.path()).stream().anyMatch(TomcatApp::isRunning)) {
                return failure;
            }
        } catch (HostException e) {
            return failure;
        }
        host.listener()
                .warn(tomcat.name() + ": the deploy of " + release.version() + " failed; deploying "
                        + previous.version() + " again");
        try {
            manager(tomcat).deploy(settings.path(), war);
            log(tomcat, "restore", previous);
            return new HostException(
                    tomcat.name(),
                    failure.kind(),
                    detail(failure) + "; " + previous.version() + " was deployed again",
                    failure);
        } catch (HostException e) {
            return new HostException(
                    tomcat.name(),
                    failure.kind(),
                    detail(failure) + "; deploying " + previous.version() + " again failed too: " + detail(e),
                    failure);
        } catch (IOException e) {
            return new HostException(
                    tomcat.name(),
                    failure.kind(),
                    detail(failure) + "; " + previous.version() + " was deployed again",
                    failure);
        }
    }

    private void record(TomcatHost tomcat, String action, TomcatRelease release) {
        try {
            state.push(hostKey(tomcat), release);
            log(tomcat, action, release);
            prune();
        } catch (IOException e) {
            throw stateFailure(e);
        }
    }

    private void log(TomcatHost tomcat, String action, TomcatRelease release) throws IOException {
        state.log(String.join(
                "\t",
                now().toString(),
                tomcat.name(),
                settings.path(),
                action,
                release.version(),
                release.sha256(),
                host.run().id(),
                host.run().user()));
    }

    private void prune() throws IOException {
        for (Path deleted : state.prune(pinned)) {
            host.listener().info(settings.target() + ": removed the kept WAR " + deleted.getFileName());
        }
    }

    /** The WARs the step recorded for this Tomcat, oldest first; the last one is current. */
    public List<TomcatRelease> releases(TomcatHost tomcat) {
        try {
            return state.releases(hostKey(tomcat));
        } catch (IOException e) {
            throw stateFailure(e);
        }
    }

    private Path keptWar(TomcatHost tomcat, TomcatRelease release) {
        Path war = state.war(release.version(), release.sha256());
        try {
            if (!Files.isRegularFile(war)) {
                throw new TomcatStateException(tomcat.name() + ": the kept WAR of " + release.version()
                        + " is missing (" + war + "): cannot roll back to it");
            }
            if (!TomcatState.sha256(war).equals(release.sha256())) {
                throw new TomcatStateException(tomcat.name() + ": the kept WAR of " + release.version()
                        + " has changed since it was deployed (" + war + "): cannot roll back to it");
            }
            return war;
        } catch (IOException e) {
            throw stateFailure(e);
        }
    }

    private String nothingToRollBack(TomcatHost tomcat, List<TomcatRelease> releases) {
        String why = releases.isEmpty()
                ? "this target has deployed nothing there"
                : "only " + releases.get(releases.size() - 1).version() + ", the current one, is kept";
        return tomcat.name() + ": nothing to roll back " + settings.path() + " to: " + why + " (records in "
                + state.dir() + ", keep: " + settings.keep() + ")";
    }

    String parallelRefusal(TomcatDeployment now) {
        List<String> names = new ArrayList<>();
        now.apps().forEach(app -> names.add(app.name()));
        return settings.path() + " is served by Tomcat's parallel deployment (" + String.join(", ", names)
                + "), which this target does not use: undeploy those versions or deploy to another path";
    }

    /** Where a Tomcat's records are: {@code 127.0.0.1_8080/shop}, {@code web1_80/ROOT}, {@code web1_80/shop#api}. */
    String hostKey(TomcatHost tomcat) {
        URI url = tomcat.manager();
        int port = url.getPort() >= 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
        String machine = (url.getHost() + "_" + port).replaceAll("[^A-Za-z0-9._-]", "_");
        String context = settings.path().equals("/")
                ? "ROOT"
                : settings.path().substring(1).replace('/', '#');
        return machine + "/" + context;
    }

    private void checkCancelled() throws InterruptedException {
        if (Thread.interrupted() || host.cancellation().isCancelled()) {
            throw new InterruptedException(
                    "aborted" + host.cancellation().reason().map(r -> ": " + r).orElse(""));
        }
    }

    private Instant now() {
        return host.clock().instant();
    }

    private TomcatStateException stateFailure(IOException e) {
        return new TomcatStateException(
                settings.target() + ": cannot update the records in " + state.dir() + ": " + e.getMessage(), e);
    }

    private static String detail(HostException e) {
        String prefix = e.host() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
