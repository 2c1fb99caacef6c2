package io.jenkins.plugins.orchestra.deploy.strategy;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.deploy.Artifact;
import io.jenkins.plugins.orchestra.deploy.DeployApproval;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.deploy.ExecResult;
import io.jenkins.plugins.orchestra.deploy.Hooks;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.deploy.HostOutcome;
import io.jenkins.plugins.orchestra.deploy.Strategy;
import io.jenkins.plugins.orchestra.deploy.TargetHost;
import io.jenkins.plugins.orchestra.deploy.health.HealthChecker;
import io.jenkins.plugins.orchestra.host.StepListener;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Runs a deploy's strategy over hosts that are locked and whose state is known: batches in order, hosts of a batch in
 * parallel (at most {@code maxParallel}), each host prepared, switched, hooked and health-checked; a failure past
 * {@code maxFailures} stops the deploy, later batches are never touched, and every host switched in this run goes back
 * to what it had (unless {@code rollbackOnFailure: false}).
 */
public final class RolloutRunner {
    private static final System.Logger LOGGER = System.getLogger(RolloutRunner.class.getName());

    private final DeploySpec spec;
    private final Artifact artifact;
    private final List<HostRun> runs;
    private final Parallel parallel;
    private final StepListener out;
    private final UnaryOperator<String> mask;
    private final Optional<HealthChecker> health;
    private final DeployApproval approval;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final int allowed;
    private volatile String stopReason;
    private volatile boolean notPromoted;

    /**
     * @param artifact what to deploy; null for a rollback
     * @param mask masks secrets in messages that are kept (results, errors)
     */
    public RolloutRunner(
            DeploySpec spec,
            Artifact artifact,
            List<HostRun> runs,
            Parallel parallel,
            StepListener out,
            UnaryOperator<String> mask,
            Optional<HealthChecker> health,
            DeployApproval approval) {
        this.spec = spec;
        this.artifact = artifact;
        this.runs = List.copyOf(runs);
        this.parallel = parallel;
        this.out = out;
        this.mask = mask;
        this.health = health;
        this.approval = approval;
        this.allowed = spec.rollback() ? 0 : spec.rollout().maxFailures().of(runs.size(), false);
    }

    /** How the rollout ended. */
    /**
     * How the rollout ended.
     *
     * @param retryable whether another try may succeed: every host failed for a reason that may pass (it could not be
     *     reached, a command timed out), and nothing else (an abort, a canary not promoted) stopped the deploy
     */
    public record Outcome(boolean succeeded, Optional<String> failure, boolean retryable) {}

    /**
     * Runs the rollout to its end. When the deploy is stopped (the thread interrupted, the step cancelled), hosts
     * switched so far are rolled back before {@link InterruptedException} is thrown.
     */
    public Outcome run() throws InterruptedException {
        try {
            if (spec.rollback()) {
                rollBackAll();
            } else {
                List<HostRun> work = new ArrayList<>();
                for (HostRun r : runs) {
                    r.version = spec.version();
                    if (r.before.isCurrent(spec.requiredVersion(), artifact.checksum())) {
                        r.outcome = HostOutcome.UNCHANGED;
                        say(r, spec.requiredVersion() + " is already live with the same checksum: nothing to do");
                    } else {
                        work.add(r);
                    }
                }
                if (spec.rollout().strategy() == Strategy.BLUE_GREEN) {
                    blueGreen(work);
                } else {
                    batches(work);
                }
            }
        } catch (InterruptedException e) {
            stop.set(true);
            stopReason = "the deploy was aborted";
            boolean interrupted = Thread.interrupted();
            try {
                if (!spec.rollback()) {
                    rollBackSwitched();
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw e;
        }
        return outcome();
    }

    // ---- all, rolling, canary --------------------------------------------------------------------------------------

    private void batches(List<HostRun> work) throws InterruptedException {
        List<String> names = work.stream().map(HostRun::name).toList();
        List<List<String>> batches = Batches.plan(spec.rollout(), names, runs.size());
        for (int i = 0; i < batches.size(); i++) {
            if (stop.get()) {
                break;
            }
            List<HostRun> batch = pick(work, batches.get(i));
            if (batches.size() > 1) {
                out.info((spec.rollout().strategy() == Strategy.CANARY && i == 0
                                ? "Canary"
                                : "Batch " + (i + 1) + "/" + batches.size())
                        + ": " + String.join(", ", batches.get(i)));
            }
            parallel.each(batch, this::deployHost);
            if (failures.get() > allowed) {
                stop(failureSummary());
                break;
            }
            boolean last = i == batches.size() - 1;
            if (!last && spec.rollout().pause().isPresent()) {
                out.info("Pausing " + Durations.format(spec.rollout().pause().get()) + " before the next batch");
                Thread.sleep(spec.rollout().pause().get().toMillis());
            }
            if (!last && i == 0 && spec.rollout().approval().isPresent()) {
                ask(batches.get(i));
            }
        }
        if (stop.get()) {
            rollBackSwitched();
        }
    }

    private void ask(List<String> canary) throws InterruptedException {
        String question = spec.rollout().approval().get() + " (" + spec.requiredVersion() + " is live and healthy on "
                + String.join(", ", canary) + ")";
        DeployApproval.Decision decision;
        try {
            decision = approval.ask(question);
        } catch (RuntimeException e) {
            notPromoted = true;
            stop("the canary was not promoted: " + e.getMessage());
            rollBackSwitched();
            throw e;
        }
        if (decision.approved()) {
            out.info("Promoted by " + decision.by());
        } else {
            notPromoted = true;
            stop("the canary was not promoted (rejected by " + decision.by() + ")");
        }
    }

    private void deployHost(HostRun r) throws InterruptedException {
        if (stop.get()) {
            return;
        }
        long start = System.nanoTime();
        String version = spec.requiredVersion();
        try {
            prepare(r);
            switchTo(r, () -> r.host.activate(version, artifact.checksum()));
            check(r, Optional.empty());
            r.outcome = HostOutcome.DEPLOYED;
        } catch (OrchestraException e) {
            hostFailed(r, e.getMessage(), e.isRetryable());
        } catch (InterruptedException e) {
            r.fail("aborted");
            r.outcome = HostOutcome.FAILED;
            throw e;
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "deploying to " + r.name + " failed", e);
            hostFailed(r, "internal error: " + e, false);
        } finally {
            r.nanos += System.nanoTime() - start;
        }
    }

    private void prepare(HostRun r) throws InterruptedException {
        String version = spec.requiredVersion();
        TargetHost.Prepared prepared = r.host.prepare(artifact, version, spec.release(), r.before);
        say(r, r.host.describe(prepared, artifact, version));
        hooks(r, "before", spec.release().hooks().before(), version, r.before.current());
    }

    @FunctionalInterface
    private interface Switch {
        void run() throws InterruptedException;
    }

    private void switchTo(HostRun r, Switch how) throws InterruptedException {
        String version = spec.requiredVersion();
        // marked first: a switch that failed half-way is put back too
        r.switched = true;
        how.run();
        r.live = Optional.of(version);
        say(
                r,
                "current -> " + version
                        + r.before.current().map(p -> " (was " + p + ")").orElse(""));
        hooks(r, "after", spec.release().hooks().after(), version, r.before.current());
    }

    private void check(HostRun r, Optional<String> slot) throws InterruptedException {
        if (health.isEmpty()) {
            return;
        }
        String version = r.version.orElseThrow();
        Optional<String> why = health.get().check(r.host, version, r.before.current(), slot);
        if (why.isPresent()) {
            throw new HostException(r.name, HostException.Kind.COMMAND_FAILED, why.get());
        }
        say(r, "healthy: " + health.get().target(r.host, slot));
    }

    private void hostFailed(HostRun r, String message, boolean retryable) throws InterruptedException {
        r.fail(mask.apply(message));
        r.retryable = retryable;
        say(r, "FAILED: " + r.error);
        r.outcome = HostOutcome.FAILED;
        if (failures.incrementAndGet() > allowed) {
            stop.set(true);
        }
        if (r.switched && spec.rollbackOnFailure()) {
            rollBackHost(r);
        }
    }

    // ---- blue/green ------------------------------------------------------------------------------------------------

    private void blueGreen(List<HostRun> work) throws InterruptedException {
        boolean checkIdle = health.isPresent()
                && (health.get().spec().command().isPresent()
                        || health.get().spec().url().orElse("").contains("{slot}"));
        String version = spec.requiredVersion();
        parallel.each(
                work,
                r -> step(r, () -> {
                    prepare(r);
                    r.slot = Optional.of(r.host.stage(version, r.before));
                    say(r, "slot " + r.slot.get() + " -> " + version + " (not live yet)");
                    if (checkIdle) {
                        check(r, r.slot);
                    }
                }));
        List<HostRun> ready = work.stream().filter(r -> !r.failed()).toList();
        if (failures.get() > allowed) {
            for (HostRun r : ready) {
                r.outcome = HostOutcome.NOT_SWITCHED;
            }
            stop(failureSummary());
            return;
        }
        parallel.each(
                ready,
                r -> step(r, () -> {
                    switchTo(r, () -> r.host.activateSlot(r.slot.orElseThrow(), version, artifact.checksum()));
                    if (!checkIdle) {
                        check(r, r.slot);
                    }
                    r.outcome = HostOutcome.DEPLOYED;
                }));
        if (failures.get() > allowed) {
            stop(failureSummary());
            rollBackSwitched();
        }
    }

    /** Runs one phase of a host's deploy, recording a failure as {@link #deployHost} does. */
    private void step(HostRun r, Switch phase) throws InterruptedException {
        long start = System.nanoTime();
        try {
            phase.run();
        } catch (OrchestraException e) {
            hostFailed(r, e.getMessage(), e.isRetryable());
        } catch (InterruptedException e) {
            r.fail("aborted");
            r.outcome = HostOutcome.FAILED;
            throw e;
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "deploying to " + r.name + " failed", e);
            hostFailed(r, "internal error: " + e, false);
        } finally {
            r.nanos += System.nanoTime() - start;
        }
    }

    // ---- rolling back ----------------------------------------------------------------------------------------------

    /** {@code rollback: true}: every host back one release. */
    private void rollBackAll() throws InterruptedException {
        parallel.each(runs, r -> {
            long start = System.nanoTime();
            try {
                String previous = r.before.previous().orElseThrow();
                r.version = Optional.of(previous);
                r.switched = true;
                String now = r.host.rollBackOne(r.before);
                r.live = Optional.of(now);
                say(
                        r,
                        "current -> " + now
                                + r.before
                                        .current()
                                        .map(c -> " (was " + c + ")")
                                        .orElse(""));
                hooks(r, "after", spec.release().hooks().after(), now, r.before.current());
                check(r, Optional.empty());
                r.outcome = HostOutcome.ROLLED_BACK;
            } catch (OrchestraException e) {
                r.fail(mask.apply(e.getMessage()));
                r.retryable = e.isRetryable();
                say(r, "FAILED: " + r.error);
                r.outcome = HostOutcome.FAILED;
                failures.incrementAndGet();
            } finally {
                r.nanos += System.nanoTime() - start;
            }
        });
        if (failures.get() > 0) {
            stop(failureSummary());
        }
    }

    private void rollBackSwitched() {
        if (!spec.rollbackOnFailure()) {
            return;
        }
        List<HostRun> switched =
                runs.stream().filter(r -> r.switched && !r.rollbackTried).toList();
        if (switched.isEmpty()) {
            return;
        }
        out.info("Rolling back " + switched.stream().map(HostRun::name).collect(Collectors.joining(", ")));
        parallel.eachToTheEnd(switched, r -> {
            long start = System.nanoTime();
            try {
                rollBackHost(r);
            } finally {
                r.nanos += System.nanoTime() - start;
            }
        });
    }

    /** Puts back what {@code r} had; its outcome becomes {@code ROLLED_BACK}, or {@code FAILED} if that fails. */
    private void rollBackHost(HostRun r) throws InterruptedException {
        try {
            r.host.restore(r.before);
            r.rollbackTried = true;
            r.switched = false;
            r.live = r.before.current();
            r.outcome = HostOutcome.ROLLED_BACK;
            say(r, "rolled back: current -> " + r.before.current().orElse("nothing (it had no release)"));
        } catch (OrchestraException e) {
            r.rollbackTried = true;
            String why = mask.apply(e.getMessage());
            why = why.startsWith(r.name + ": ") ? why.substring(r.name.length() + 2) : why;
            r.error = (r.error == null ? "" : r.error + "; ") + "rolling back failed: " + why;
            r.outcome = HostOutcome.FAILED;
            say(r, "rolling back FAILED: " + why);
            return;
        }
        if (r.before.current().isPresent() && !spec.release().hooks().after().isEmpty()) {
            try {
                hooks(
                        r,
                        "after",
                        spec.release().hooks().after(),
                        r.before.current().get(),
                        r.version);
            } catch (OrchestraException e) {
                out.warn(r.name + ": after the rollback, " + mask.apply(e.getMessage()));
            }
        }
    }

    // ---- hooks, output ---------------------------------------------------------------------------------------------

    private void hooks(HostRun r, String phase, List<String> commands, String version, Optional<String> previous)
            throws InterruptedException {
        Hooks hooks = spec.release().hooks();
        for (String command : commands) {
            String shown = firstLine(command);
            say(r, phase + " hook: " + shown);
            ExecResult ran = r.host.run(command, version, previous, hooks.timeout());
            // masked whole, before it is cut into lines: a secret of several lines (a private key) is not found in
            // any one of its lines
            ExecResult result = new ExecResult(ran.exitCode(), mask.apply(ran.stdout()), mask.apply(ran.stderr()));
            for (String line : (result.stdout() + result.stderr()).split("\n")) {
                if (!line.isBlank()) {
                    say(r, "  " + line);
                }
            }
            if (result.exitCode() != 0) {
                throw new HostException(
                        r.name,
                        HostException.Kind.COMMAND_FAILED,
                        phase + " hook '" + shown + "' exited " + result.exitCode()
                                + (result.lastLine().isEmpty() ? "" : ": " + result.lastLine()));
            }
        }
    }

    private static String firstLine(String command) {
        String first = command.strip().lines().findFirst().orElse("");
        return command.strip().contains("\n") ? first + " …" : first;
    }

    private void say(HostRun r, String line) {
        out.info("[" + r.name + "] " + line);
    }

    private void stop(String reason) {
        stop.set(true);
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    private String failureSummary() {
        List<HostRun> failed = runs.stream().filter(HostRun::failed).toList();
        String first = failed.isEmpty() ? "" : " (" + failed.get(0).name + ": " + failed.get(0).error + ")";
        return failed.size() + " of " + runs.size() + (runs.size() == 1 ? " host" : " hosts") + " failed" + first;
    }

    private Outcome outcome() {
        long failed = runs.stream().filter(HostRun::failed).count();
        boolean anyLive = runs.stream()
                .anyMatch(r -> r.outcome == HostOutcome.DEPLOYED
                        || r.outcome == HostOutcome.UNCHANGED
                        || (spec.rollback() && r.outcome == HostOutcome.ROLLED_BACK));
        if (failed > 0 && !anyLive) {
            stop(failureSummary());
        }
        if (!stop.get() && failed > 0) {
            out.warn(failed + (failed == 1 ? " host" : " hosts") + " failed, within maxFailures "
                    + spec.rollout().maxFailures());
        }
        if (!stop.get()) {
            return new Outcome(true, Optional.empty(), false);
        }
        boolean retryable = failed > 0
                && !notPromoted
                && runs.stream().filter(HostRun::failed).allMatch(r -> r.retryable);
        StringBuilder m = new StringBuilder(stopReason == null ? failureSummary() : stopReason);
        List<String> back = names(HostOutcome.ROLLED_BACK);
        List<String> untouched = names(HostOutcome.NOT_STARTED);
        if (!back.isEmpty()) {
            m.append("; rolled back: ").append(String.join(", ", back));
        }
        if (!untouched.isEmpty()) {
            m.append("; not started: ").append(String.join(", ", untouched));
        }
        return new Outcome(false, Optional.of(m.toString()), retryable);
    }

    private List<String> names(HostOutcome outcome) {
        return runs.stream()
                .filter(r -> r.outcome == outcome)
                .map(HostRun::name)
                .toList();
    }

    private static List<HostRun> pick(List<HostRun> runs, List<String> names) {
        return runs.stream().filter(r -> names.contains(r.name)).toList();
    }
}
