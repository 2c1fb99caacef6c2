package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * Makespan against the longest path, on simulated time with unlimited slots: the coordinator's plan as written, and
 * the same stages run as waves of {@code parallel} by topological level, the way a Jenkins user must today.
 */
public final class MakespanBench {

    /**
     * One duration model over many random plans.
     *
     * @param ours our makespan ÷ longest path, per plan
     * @param waves the waves' makespan ÷ longest path, per plan
     * @param speedUp the waves' makespan ÷ ours, per plan
     * @param edgesPerStage mean needs per stage
     * @param levels mean topological depth
     * @param longestPathMinutes mean longest path
     */
    public record Row(
            StageDurations.Model model,
            int plans,
            int stages,
            Stats ours,
            Stats waves,
            Stats speedUp,
            double edgesPerStage,
            double levels,
            double longestPathMinutes) {}

    private MakespanBench() {}

    public static Row run(StageDurations.Model model, int plans, int stages, long seed) {
        double[] ours = new double[plans];
        double[] waves = new double[plans];
        double[] speedUp = new double[plans];
        double edges = 0;
        double levels = 0;
        double longestMinutes = 0;
        for (int k = 0; k < plans; k++) {
            Plan plan = RandomDag.generate(RandomDag.Shape.of(stages), seed + k);
            Map<String, Duration> durations = StageDurations.draw(plan, model, (seed + k) * 31 + model.ordinal());
            Simulation.Behaviour behaviour = StageDurations.behaviour(durations);
            double longest = LongestPath.of(plan, durations).toNanos();
            double oursNanos = makespan(plan, behaviour).toNanos();
            double wavesNanos = makespan(Waves.of(plan), behaviour).toNanos();
            ours[k] = oursNanos / longest;
            waves[k] = wavesNanos / longest;
            speedUp[k] = wavesNanos / oursNanos;
            edges += (double) RandomDag.edges(plan) / stages;
            levels += 1 + Arrays.stream(Waves.levels(plan)).max().orElse(0);
            longestMinutes += longest / 60e9;
        }
        return new Row(
                model,
                plans,
                stages,
                Stats.of(ours),
                Stats.of(waves),
                Stats.of(speedUp),
                edges / plans,
                levels / plans,
                longestMinutes / plans);
    }

    /**
     * Our makespan on real time ÷ the longest path scaled the same way, per plan.
     *
     * @param scale real time per simulated time: 0.001 runs a 5-minute stage in 300 ms
     */
    public record RealTimeRow(StageDurations.Model model, int plans, int stages, double scale, Stats ours) {}

    /** Runs a few plans as {@link #run} does, on real time, after one plan that warms the JVM up. */
    public static RealTimeRow runOnRealTime(StageDurations.Model model, int plans, int stages, long seed, double scale)
            throws InterruptedException {
        double[] ours = new double[plans];
        for (int k = -1; k < plans; k++) {
            long planSeed = seed + Math.max(k, 0);
            Plan plan = RandomDag.generate(RandomDag.Shape.of(stages), planSeed);
            Map<String, Duration> durations = StageDurations.draw(plan, model, planSeed * 31 + model.ordinal());
            Duration wall = RealTimeHost.run(plan, durations, scale);
            if (k >= 0) {
                ours[k] = wall.toNanos() / (LongestPath.of(plan, durations).toNanos() * scale);
            }
        }
        return new RealTimeRow(model, plans, stages, scale, Stats.of(ours));
    }

    static Duration makespan(Plan plan, Simulation.Behaviour behaviour) {
        RunResult result = Simulation.run(plan, behaviour, new SimulatedClock());
        if (result.status() != RunStatus.SUCCESS) {
            throw new IllegalStateException("plan '" + plan.name() + "' ended " + result.status());
        }
        return result.duration();
    }
}
