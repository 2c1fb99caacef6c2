package io.jenkins.plugins.orchestra.deploy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a deploy moves through a target's hosts.
 *
 * @param strategy {@code all} by default
 * @param batch hosts per batch: {@code rolling} (1 by default) and the rest of a {@code canary} (all at once by
 *     default)
 * @param maxParallel at most this many hosts are worked on at once; all of a batch by default
 * @param maxFailures how many hosts may fail (each is rolled back) before the deploy stops and fails; 0 by default
 * @param canary the first hosts of a {@code canary} deploy, 1 by default
 * @param pause a wait after each batch but the last ({@code rolling}, {@code canary})
 * @param approval a question asked after the canary batch is healthy; the rest go on only when it is approved
 */
public record Rollout(
        Strategy strategy,
        Optional<HostCount> batch,
        OptionalInt maxParallel,
        HostCount maxFailures,
        Optional<HostCount> canary,
        Optional<Duration> pause,
        Optional<String> approval) {

    public Rollout {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(maxParallel, "maxParallel");
        Objects.requireNonNull(maxFailures, "maxFailures");
        Objects.requireNonNull(canary, "canary");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(approval, "approval");
        if (batch.isPresent() && batch.get().value() == 0) {
            throw new IllegalArgumentException("deploy: batch must be at least 1 host, was '" + batch.get() + "'");
        }
        if (canary.isPresent() && canary.get().value() == 0) {
            throw new IllegalArgumentException("deploy: canary must be at least 1 host, was '" + canary.get() + "'");
        }
        if (maxParallel.isPresent() && maxParallel.getAsInt() < 1) {
            throw new IllegalArgumentException("deploy: maxParallel must be at least 1, was " + maxParallel.getAsInt());
        }
        if (batch.isPresent() && strategy != Strategy.ROLLING && strategy != Strategy.CANARY) {
            throw new IllegalArgumentException(
                    "deploy: batch needs strategy 'rolling' or 'canary', was '" + strategy + "'");
        }
        if (canary.isPresent() && strategy != Strategy.CANARY) {
            throw new IllegalArgumentException("deploy: canary needs strategy 'canary', was '" + strategy + "'");
        }
        if (approval.isPresent() && strategy != Strategy.CANARY) {
            throw new IllegalArgumentException("deploy: approval needs strategy 'canary', was '" + strategy + "'");
        }
        if (approval.isPresent() && approval.get().isBlank()) {
            throw new IllegalArgumentException("deploy: approval must be true or a question, was blank");
        }
        if (pause.isPresent() && strategy != Strategy.ROLLING && strategy != Strategy.CANARY) {
            throw new IllegalArgumentException(
                    "deploy: pause needs strategy 'rolling' or 'canary', was '" + strategy + "'");
        }
        if (pause.isPresent() && (pause.get().isNegative() || pause.get().isZero())) {
            throw new IllegalArgumentException("deploy: pause must be positive, was " + pause.get());
        }
    }

    /** Every host at once, no failure tolerated. */
    public static Rollout all() {
        return new Rollout(
                Strategy.ALL,
                Optional.empty(),
                OptionalInt.empty(),
                HostCount.count(0),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
