package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan on real time: each stage is a task on a pool thread that ends after its duration, scaled down, and
 * reports back to the thread that drives the coordinator, as a real host's executors would.
 */
final class RealTimeHost {
    private RealTimeHost() {}

    /** The wall-clock makespan of {@code plan} with every duration multiplied by {@code scale}. */
    static Duration run(Plan plan, Map<String, Duration> durations, double scale) throws InterruptedException {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
        try {
            BlockingQueue<String> ended = new LinkedBlockingQueue<>();
            Coordinator coordinator = new Coordinator(plan, InstantSource.system());
            long t0 = System.nanoTime();
            coordinator.start();
            while (true) {
                List<Command> commands = coordinator.next();
                for (Command command : commands) {
                    if (command instanceof Command.StartStage start) {
                        long nanos = Math.round(durations.get(start.stage()).toNanos() * scale);
                        pool.schedule(() -> ended.add(start.stage()), nanos, TimeUnit.NANOSECONDS);
                    } else if (command instanceof Command.Finish finish) {
                        long wall = System.nanoTime() - t0;
                        if (finish.result().status() != RunStatus.SUCCESS) {
                            throw new IllegalStateException("plan '" + plan.name() + "' ended "
                                    + finish.result().status());
                        }
                        return Duration.ofNanos(wall);
                    } else {
                        throw new IllegalStateException("a plain plan asked for " + command);
                    }
                }
                if (commands.isEmpty()) {
                    coordinator.stageSucceeded(ended.take(), Map.of());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
