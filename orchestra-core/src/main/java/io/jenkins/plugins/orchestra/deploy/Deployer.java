package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.deploy.health.HealthChecker;
import io.jenkins.plugins.orchestra.deploy.strategy.Batches;
import io.jenkins.plugins.orchestra.deploy.strategy.HostRun;
import io.jenkins.plugins.orchestra.deploy.strategy.HostTable;
import io.jenkins.plugins.orchestra.deploy.strategy.Parallel;
import io.jenkins.plugins.orchestra.deploy.strategy.RolloutRunner;
import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StepListener;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.internal.FileTrees;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link DeploySpec} for a {@link StepHost}: the {@code deploy} step of every host.
 *
 * <pre>{@code
 * DeployResult result = new Deployer(TargetKinds.defaults()).deploy(DeploySpec.parse(args), host, approval);
 * }</pre>
 *
 * <ol>
 *   <li>resolves the target (configured or inline) and opens it with its kind; reads the artifact (packs a directory)
 *       and its checksum;
 *   <li>on every host at once: connects, takes the target's lock and reads what the host has; if any host cannot be
 *       used, or already has this version from another artifact, nothing is changed;
 *   <li>a dry run prints the plan per host and stops here (no lock, no upload);
 *   <li>runs the strategy ({@link RolloutRunner});
 *   <li>prints the per-host table, releases the locks (whatever happened), and returns the result or throws {@link
 *       DeployException} holding it.
 * </ol>
 */
public final class Deployer {
    private static final System.Logger LOGGER = System.getLogger(Deployer.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final TargetKinds kinds;

    public Deployer(TargetKinds kinds) {
        this.kinds = Objects.requireNonNull(kinds, "kinds");
    }

    /**
     * Deploys (or rolls back) as {@code spec} says.
     *
     * @param approval asks whether a canary deploy goes on, when {@code approval} is set
     * @throws DeployException if the deploy did not reach its goal; hosts switched were rolled back as configured
     * @throws InterruptedException if the deploy was stopped; hosts switched were rolled back first
     */
    public DeployResult deploy(DeploySpec spec, StepHost host, DeployApproval approval) throws InterruptedException {
        long started = System.nanoTime();
        StepListener out = host.listener();
        TargetSpec targetSpec = kinds.resolve(spec.target(), host);
        boolean dryRun = spec.dryRun() || host.dryRun();
        Optional<HealthChecker> health = spec.healthCheck().map(h -> new HealthChecker(h, authorization(h, host)));
        Path scratch = scratch();
        try (DeployTarget target = kinds.open(targetSpec, host)) {
            target.check(spec);
            Artifact artifact = spec.rollback()
                    ? null
                    : Artifact.of(
                            artifactPath(host.workspace(), spec.artifact().orElseThrow()),
                            scratch,
                            host.cancellation());
            out.info(headline(spec, targetSpec, artifact, dryRun));
            int threads = Math.min(
                    targetSpec.hosts().size(),
                    spec.rollout().maxParallel().orElse(targetSpec.hosts().size()));
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "orchestra-deploy-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                return deploy(
                        spec,
                        host,
                        approval,
                        target,
                        artifact,
                        health,
                        dryRun,
                        new Parallel(pool, host.cancellation()),
                        started);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            try {
                FileTrees.delete(scratch);
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "cannot delete " + scratch, e);
            }
        }
    }

    private DeployResult deploy(
            DeploySpec spec,
            StepHost host,
            DeployApproval approval,
            DeployTarget target,
            Artifact artifact,
            Optional<HealthChecker> health,
            boolean dryRun,
            Parallel parallel,
            long started)
            throws InterruptedException {
        StepListener out = host.listener();
        TargetSpec targetSpec = target.spec();
        List<String> names = targetSpec.hosts();
        LockOwner owner = LockOwner.current(
                host.run().id(), host.run().user(), host.clock().instant());
        Map<String, TargetHost> opened = new ConcurrentHashMap<>();
        Map<String, TargetHost> locked = new ConcurrentHashMap<>();
        Map<String, ReleaseState> states = new ConcurrentHashMap<>();
        Map<String, OrchestraException> errors = new ConcurrentHashMap<>();
        try {
            parallel.each(names, name -> {
                try {
                    TargetHost h = target.open(name);
                    opened.put(name, h);
                    if (!dryRun) {
                        h.lock(owner, spec.lockStaleAfter(), out);
                        locked.put(name, h);
                    }
                    states.put(name, h.state());
                } catch (OrchestraException e) {
                    errors.put(name, e);
                }
            });
            if (dryRun) {
                return plan(spec, targetSpec, artifact, opened, states, errors, health, out, started);
            }
            if (!errors.isEmpty()) {
                throw cannotStart(names, errors, host);
            }
            checkBeforeChanging(spec, names, states, artifact);
            List<HostRun> runs = new ArrayList<>();
            for (String name : names) {
                runs.add(new HostRun(opened.get(name), states.get(name)));
            }
            RolloutRunner runner = new RolloutRunner(spec, artifact, runs, parallel, out, host::mask, health, approval);
            RolloutRunner.Outcome outcome = null;
            try {
                outcome = runner.run();
            } finally {
                if (outcome == null) {
                    table(out, result(spec, targetSpec, runs, started, false, false));
                }
            }
            if (outcome.succeeded()) {
                prune(spec, runs, parallel, out);
            }
            DeployResult result = result(spec, targetSpec, runs, started, outcome.succeeded(), false);
            table(out, result);
            if (!outcome.succeeded()) {
                throw DeployException.failed(
                        (spec.rollback() ? "rollback of target '" : "deploy to target '") + targetSpec.name()
                                + "' failed: " + host.mask(outcome.failure().orElse("")),
                        result,
                        outcome.retryable());
            }
            if (!spec.rollback() && result.hosts(HostOutcome.UNCHANGED).size() == runs.size()) {
                out.info("Nothing to do: " + spec.requiredVersion() + " was already live on every host of target '"
                        + targetSpec.name() + "'");
            } else {
                out.info((spec.rollback() ? "Rolled back" : "Deployed " + spec.requiredVersion() + " to") + " target '"
                        + targetSpec.name() + "' in " + Durations.format(result.duration()));
            }
            return result;
        } finally {
            release(locked, owner, parallel, out);
        }
    }

    // ---- before the rollout ----------------------------------------------------------------------------------------

    private static DeployException cannotStart(
            List<String> names, Map<String, OrchestraException> errors, StepHost host) {
        List<String> messages = new ArrayList<>();
        boolean retryable = true;
        for (String name : names) {
            OrchestraException e = errors.get(name);
            if (e != null) {
                String m = e.getMessage().replaceFirst("^deploy: ", "");
                messages.add(m.startsWith(name + ": ") || m.contains(" " + name + " ") ? m : name + ": " + m);
                retryable &= e.isRetryable();
            }
        }
        if (errors.size() == 1) {
            OrchestraException only = errors.values().iterator().next();
            if (only instanceof DeployException d) {
                return d;
            }
        }
        return DeployException.beforeRollout(
                "nothing was changed: " + host.mask(String.join("; ", messages)),
                errors.values().iterator().next(),
                retryable);
    }

    private static void checkBeforeChanging(
            DeploySpec spec, List<String> names, Map<String, ReleaseState> states, Artifact artifact) {
        for (String name : names) {
            ReleaseState s = states.get(name);
            if (spec.rollback()) {
                if (s.previous().isEmpty()) {
                    throw DeployException.invalid("nothing was changed: " + name + " has no release to roll back to"
                            + s.current()
                                    .map(c -> " (" + c + " is live, with nothing before it)")
                                    .orElse(" (nothing is live)"));
                }
                continue;
            }
            String version = spec.requiredVersion();
            if (s.has(version)) {
                Optional<String> known = s.checksumOf(version);
                if (known.isEmpty() || !known.get().equals(artifact.checksum())) {
                    throw DeployException.invalid("nothing was changed: version " + version + " is already on " + name
                            + (known.isPresent()
                                    ? " from another artifact (sha256 "
                                            + known.get().substring(0, 12) + ", this one is " + artifact.shortChecksum()
                                            + ")"
                                    : " from an artifact of unknown checksum")
                            + "; give this build its own version");
                }
            }
        }
    }

    // ---- dry run ---------------------------------------------------------------------------------------------------

    private static DeployResult plan(
            DeploySpec spec,
            TargetSpec targetSpec,
            Artifact artifact,
            Map<String, TargetHost> opened,
            Map<String, ReleaseState> states,
            Map<String, OrchestraException> errors,
            Optional<HealthChecker> health,
            StepListener out,
            long started) {
        List<String> names = targetSpec.hosts();
        List<HostResult> results = new ArrayList<>();
        if (!spec.rollback()) {
            List<List<String>> batches = Batches.plan(spec.rollout(), names);
            if (batches.size() > 1) {
                for (int i = 0; i < batches.size(); i++) {
                    out.info("  "
                            + (spec.rollout().strategy() == Strategy.CANARY && i == 0 ? "canary" : "batch " + (i + 1))
                            + ": " + String.join(", ", batches.get(i)));
                }
            }
        }
        for (String name : names) {
            TargetHost h = opened.get(name);
            ReleaseState s = states.get(name);
            String where = h == null ? name : name + " (" + h.location() + ")";
            OrchestraException error = errors.get(name);
            Optional<String> version =
                    spec.rollback() ? Optional.ofNullable(s).flatMap(ReleaseState::previous) : spec.version();
            if (error != null || s == null) {
                String why = error == null ? "unknown" : error.getMessage();
                out.info("  " + where + ": cannot be read: " + why);
                results.add(new HostResult(
                        name,
                        Optional.empty(),
                        version,
                        HostOutcome.PLANNED,
                        Optional.empty(),
                        Duration.ZERO,
                        Optional.of(why)));
                continue;
            }
            String from = s.current().orElse("nothing");
            String line;
            if (spec.rollback()) {
                line = s.previous().isPresent()
                        ? from + " -> " + s.previous().get() + ": "
                                + h.planRollback(s).orElse("switch current back one release") + hooksAfter(spec)
                                + checkText(health)
                        : from + ": no release to roll back to";
            } else if (s.isCurrent(spec.requiredVersion(), artifact.checksum())) {
                line = spec.requiredVersion() + " is already live with the same checksum: nothing to do";
            } else if (h.planDeploy(artifact, spec.requiredVersion(), s).isPresent()) {
                line = from + " -> " + spec.requiredVersion() + ": "
                        + h.planDeploy(artifact, spec.requiredVersion(), s).get() + checkText(health);
            } else {
                List<String> steps = new ArrayList<>();
                steps.add(
                        s.has(spec.requiredVersion())
                                ? "reuse releases/" + spec.requiredVersion()
                                : "upload " + artifact.fileName() + " and unpack it into releases/"
                                        + spec.requiredVersion());
                if (!spec.shared().isEmpty()) {
                    steps.add("link shared " + String.join(", ", spec.shared()));
                }
                if (!spec.release().hooks().before().isEmpty()) {
                    steps.add("run " + spec.release().hooks().before().size() + " before hook(s)");
                }
                steps.add(
                        spec.rollout().strategy() == Strategy.BLUE_GREEN
                                ? "point slot "
                                        + s.liveSlot()
                                                .map(x -> x.equals("blue") ? "green" : "blue")
                                                .orElse("blue") + " at it, then switch current to that slot"
                                : "switch current");
                line = from + " -> " + spec.requiredVersion() + ": " + String.join(", ", steps) + hooksAfter(spec)
                        + checkText(health) + ", keep " + spec.release().keep() + " releases";
            }
            out.info("  " + where + ": " + line);
            results.add(new HostResult(
                    name, s.current(), version, HostOutcome.PLANNED, s.current(), Duration.ZERO, Optional.empty()));
        }
        out.info("Dry run: nothing was changed");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new DeployResult(
                targetSpec.name(),
                spec.rollback() ? results.get(0).version() : spec.version(),
                results.get(0).previous(),
                results,
                took,
                true,
                true);
    }

    private static String hooksAfter(DeploySpec spec) {
        int n = spec.release().hooks().after().size();
        return n == 0 ? "" : ", run " + n + " after hook(s)";
    }

    private static String checkText(Optional<HealthChecker> health) {
        return health.map(h -> ", check " + h.spec().describe()).orElse("");
    }

    // ---- after the rollout -----------------------------------------------------------------------------------------

    private static void prune(DeploySpec spec, List<HostRun> runs, Parallel parallel, StepListener out) {
        if (spec.rollback()) {
            return;
        }
        List<HostRun> changed = runs.stream()
                .filter(r ->
                        r.before().current().isEmpty() || !r.before().current().equals(spec.version()))
                .toList();
        parallel.eachToTheEnd(changed, r -> {
            try {
                List<String> deleted = r.host().prune(spec.release().keep(), List.of(spec.requiredVersion()));
                if (!deleted.isEmpty()) {
                    out.info("[" + r.name() + "] deleted old releases: " + String.join(", ", deleted));
                }
            } catch (OrchestraException e) {
                out.warn(r.name() + ": cannot delete old releases: " + e.getMessage());
            }
        });
    }

    private static void release(Map<String, TargetHost> locked, LockOwner owner, Parallel parallel, StepListener out) {
        boolean interrupted = Thread.interrupted();
        try {
            parallel.eachToTheEnd(new ArrayList<>(locked.values()), h -> {
                try {
                    h.unlock(owner);
                } catch (OrchestraException e) {
                    out.warn(h.name() + ": cannot release the lock: " + e.getMessage());
                }
            });
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static DeployResult result(
            DeploySpec spec, TargetSpec target, List<HostRun> runs, long started, boolean succeeded, boolean dry) {
        List<HostResult> hosts = new ArrayList<>();
        for (HostRun r : runs) {
            hosts.add(r.result());
        }
        Optional<String> previous = hosts.stream()
                .map(HostResult::previous)
                .flatMap(Optional::stream)
                .findFirst();
        Optional<String> version = spec.rollback()
                ? hosts.stream()
                        .map(HostResult::version)
                        .flatMap(Optional::stream)
                        .findFirst()
                : spec.version();
        return new DeployResult(
                target.name(), version, previous, hosts, Duration.ofNanos(System.nanoTime() - started), succeeded, dry);
    }

    private static void table(StepListener out, DeployResult result) {
        HostTable.lines(result.hosts()).forEach(out::info);
    }

    // ---- inputs ----------------------------------------------------------------------------------------------------

    private static Optional<Secret> authorization(HealthCheckSpec check, StepHost host) {
        if (check.credentialsId().isEmpty()) {
            return Optional.empty();
        }
        String id = check.credentialsId().get();
        Credential c = host.credentials().get(id);
        Secret header;
        if (c instanceof StringCredential s) {
            host.addSecret(s.secret());
            header = Secret.of("Bearer " + s.secret().reveal());
        } else if (c instanceof UsernamePasswordCredential up) {
            host.addSecret(up.password());
            header = Secret.of("Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (up.username() + ":" + up.password().reveal()).getBytes(StandardCharsets.UTF_8)));
        } else {
            throw DeployException.invalid("healthCheck.credentialsId '" + id + "' is " + c.type()
                    + "; use secret text (sent as a bearer token) or a username with password (basic authentication)");
        }
        host.addSecret(header);
        return Optional.of(header);
    }

    private static Path artifactPath(Path workspace, String artifact) {
        Path p = Path.of(artifact);
        Path resolved = (p.isAbsolute() ? p : workspace.resolve(p)).normalize();
        return resolved;
    }

    private static Path scratch() {
        try {
            return Files.createTempDirectory("orchestra-deploy-");
        } catch (IOException e) {
            throw DeployException.invalid("cannot create a temporary directory: " + e.getMessage());
        }
    }

    private static String headline(DeploySpec spec, TargetSpec target, Artifact artifact, boolean dryRun) {
        StringBuilder s = new StringBuilder(dryRun ? "Dry run: " : "");
        if (spec.rollback()) {
            s.append(dryRun ? "roll back" : "Rolling back");
        } else {
            s.append(dryRun ? "deploy " : "Deploying ")
                    .append(spec.requiredVersion())
                    .append(" (")
                    .append(artifact.fileName())
                    .append(", ")
                    .append(artifact.format())
                    .append(", ")
                    .append(artifact.sizeText())
                    .append(", sha256 ")
                    .append(artifact.shortChecksum())
                    .append(") to");
        }
        s.append(" target '")
                .append(target.name())
                .append("' (")
                .append(target.kind())
                .append(": ")
                .append(String.join(", ", target.hosts()))
                .append(")");
        if (!spec.rollback()) {
            s.append(", strategy ").append(spec.rollout().strategy());
            spec.rollout().batch().ifPresent(b -> s.append(", batches of ").append(b));
            spec.rollout().canary().ifPresent(c -> s.append(", canary ").append(c));
        }
        spec.rollout()
                .maxParallel()
                .ifPresent(m -> s.append(", at most ").append(m).append(" at a time"));
        return s.toString();
    }
}
