package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the coordinator costs per stage transition: a whole run of a random plan on {@link DirectHost}, from
 * constructing the coordinator to its {@code Finish}, timed after a warm-up.
 */
public final class TransitionBench {

    /**
     * Timings of one plan.
     *
     * @param transitions events per run
     * @param runMillis wall time of whole runs, each one sample
     * @param validateMillis median time to construct (and so validate) the {@link Plan}, not part of a run
     */
    public record Row(int stages, long edges, long transitions, Stats runMillis, double validateMillis) {

        /** Median run time per transition. */
        public double nanosPerTransition() {
            return runMillis.median() * 1e6 / transitions;
        }

        /** Median run time per stage or edge. */
        public double nanosPerElement() {
            return runMillis.median() * 1e6 / (stages + edges);
        }
    }

    private TransitionBench() {}

    /**
     * Warms up for {@code warmup}, then times runs for {@code measure} and at least {@code minRuns} runs; every stage
     * succeeds at once.
     */
    public static Row run(int stages, long seed, Duration warmup, Duration measure, int minRuns) {
        return run(RandomDag.generate(RandomDag.Shape.of(stages), seed), false, warmup, measure, minRuns);
    }

    /**
     * As {@link #run(int, long, Duration, Duration, int)}, but every stage may retry once, at once, and its first
     * attempt fails: each stage is queued and started twice.
     */
    public static Row runRetryingEveryStage(int stages, long seed, Duration warmup, Duration measure, int minRuns) {
        Plan plan = RandomDag.generate(RandomDag.Shape.of(stages), seed);
        List<StageSpec> retrying = new ArrayList<>(stages);
        for (StageSpec s : plan.stages()) {
            retrying.add(s.toBuilder().retry(1, Duration.ZERO).build());
        }
        return run(
                new Plan(plan.name(), retrying, plan.maxParallel(), plan.failFast()), true, warmup, measure, minRuns);
    }

    /** Median time of {@link Plan#fingerprint()} for a random plan of {@code stages}, which start() computes. */
    public static double fingerprintMillis(int stages, long seed) {
        Plan plan = RandomDag.generate(RandomDag.Shape.of(stages), seed);
        double[] samples = new double[15];
        int sink = 0;
        for (int i = 0; i < samples.length; i++) {
            long t0 = System.nanoTime();
            sink += plan.fingerprint().length();
            samples[i] = (System.nanoTime() - t0) / 1e6;
        }
        return sink == 0
                ? -1
                : Stats.of(Arrays.copyOfRange(samples, 5, samples.length)).median();
    }

    private static Row run(Plan plan, boolean failFirstAttempts, Duration warmup, Duration measure, int minRuns) {
        int stages = plan.stages().size();
        DirectHost.Outcome first = DirectHost.run(plan, failFirstAttempts);
        long attempts = failFirstAttempts ? 2L * stages : stages;
        if (first.result().status() != RunStatus.SUCCESS || first.started() != attempts) {
            throw new IllegalStateException("a run of '" + plan.name() + "' started " + first.started() + " of "
                    + attempts + " attempts and ended " + first.result().status());
        }
        long sink = 0;
        long until = System.nanoTime() + warmup.toNanos();
        for (int i = 0; i < 2 || System.nanoTime() < until; i++) {
            sink += DirectHost.run(plan, failFirstAttempts).transitions();
        }
        double[] samples = new double[64];
        int count = 0;
        until = System.nanoTime() + measure.toNanos();
        while (count < Math.max(minRuns, 1) || System.nanoTime() < until) {
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
            }
            long t0 = System.nanoTime();
            DirectHost.Outcome outcome = DirectHost.run(plan, failFirstAttempts);
            samples[count++] = (System.nanoTime() - t0) / 1e6;
            sink += outcome.transitions();
        }
        double[] validate = new double[3];
        for (int i = 0; i < validate.length; i++) {
            long t0 = System.nanoTime();
            Plan again = new Plan(plan.name(), plan.stages(), plan.maxParallel(), plan.failFast());
            validate[i] = (System.nanoTime() - t0) / 1e6;
            sink += again.stages().size();
        }
        if (sink == 42) {
            System.out.print(""); // keeps the runs from being optimised away
        }
        return new Row(
                stages,
                RandomDag.edges(plan),
                first.transitions(),
                Stats.of(Arrays.copyOf(samples, count)),
                Stats.of(validate).median());
    }
}
