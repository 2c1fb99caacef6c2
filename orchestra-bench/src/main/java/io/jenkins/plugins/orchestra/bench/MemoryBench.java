package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;

/**
 * Heap retained by a plan and its coordinator: used heap after repeated full collections, with the objects held,
 * minus the same before they existed. Each figure is the median of a few repetitions.
 */
public final class MemoryBench {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /**
     * Bytes retained, each including what the rows before it hold.
     *
     * @param plan the plan alone
     * @param constructed the plan and a coordinator not yet started
     * @param started the same after {@code start()}: the stages that need nothing queued and started
     * @param finished the same once the run ended, its result dropped
     * @param result what the run's {@code RunResult} holds on top of that, for a host that keeps it
     * @param noise the largest change between two measurements with nothing allocated in between
     */
    public record Result(
            int stages, long edges, long plan, long constructed, long started, long finished, long result, long noise) {

        public double perStage(long bytes) {
            return (double) bytes / stages;
        }
    }

    private MemoryBench() {}

    public static Result run(int stages, long seed, int repetitions) {
        measureOnce(Math.min(stages, 200), seed); // loads and initialises every class first
        long[][] samples = new long[7][repetitions];
        long edges = 0;
        for (int r = 0; r < repetitions; r++) {
            long[] one = measureOnce(stages, seed);
            for (int k = 0; k < one.length; k++) {
                samples[k][r] = one[k];
            }
            edges = one[6];
        }
        return new Result(
                stages,
                edges,
                median(samples[0]),
                median(samples[1]),
                median(samples[2]),
                median(samples[3]),
                median(samples[4]),
                median(samples[5]));
    }

    /** {plan, constructed, started, finished, result, noise, edges}. */
    private static long[] measureOnce(int stages, long seed) {
        long base = usedHeap();
        long noise = Math.abs(usedHeap() - base);
        base = usedHeap();
        Plan plan = RandomDag.generate(RandomDag.Shape.of(stages), seed);
        long planBytes = usedHeap() - base;
        CountingListener counter = new CountingListener();
        Coordinator coordinator = new Coordinator(plan, DirectHost.CLOCK, counter);
        long constructed = usedHeap() - base;
        coordinator.start();
        long started = usedHeap() - base;
        DirectHost.Outcome outcome = DirectHost.driveToEnd(coordinator, counter, false);
        long withResult = usedHeap() - base;
        Reference.reachabilityFence(outcome);
        outcome = null;
        long finished = usedHeap() - base;
        Reference.reachabilityFence(plan);
        Reference.reachabilityFence(coordinator);
        Reference.reachabilityFence(counter);
        return new long[] {
            planBytes, constructed, started, finished, withResult - finished, noise, RandomDag.edges(plan)
        };
    }

    /** Used heap after full collections, once two in a row agree. */
    static long usedHeap() {
        long previous = -1;
        for (int i = 0; i < 20; i++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (used == previous) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }
}
