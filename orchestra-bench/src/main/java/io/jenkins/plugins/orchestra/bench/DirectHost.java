package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The cheapest possible host: on one thread, on a clock that never moves, every stage ends as soon as it is started.
 * What a run costs here is the coordinator's own cost.
 */
public final class DirectHost {
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    /**
     * How a run went.
     *
     * @param transitions the events the coordinator emitted
     * @param started the attempts it started
     */
    public record Outcome(RunResult result, long transitions, long started) {}

    private static final Failure FLAKY = Failure.error("failed on its first attempt");

    private DirectHost() {}

    /** Builds a coordinator for {@code plan} and drives it to its end, every stage succeeding. */
    public static Outcome run(Plan plan) {
        return run(plan, false);
    }

    /**
     * Builds a coordinator for {@code plan} and drives it to its end.
     *
     * @param failFirstAttempts whether the first attempt of every stage fails with an error, so that a plan whose
     *     stages retry runs every stage twice
     */
    public static Outcome run(Plan plan, boolean failFirstAttempts) {
        CountingListener counter = new CountingListener();
        Coordinator coordinator = new Coordinator(plan, CLOCK, counter);
        coordinator.start();
        return driveToEnd(coordinator, counter, failFirstAttempts);
    }

    /** Drives a started coordinator to its end. */
    static Outcome driveToEnd(Coordinator coordinator, CountingListener counter, boolean failFirstAttempts) {
        long started = 0;
        while (true) {
            List<Command> commands = coordinator.next();
            if (commands.isEmpty()) {
                throw new IllegalStateException("the run is stuck: " + coordinator);
            }
            for (Command command : commands) {
                if (command instanceof Command.StartStage start) {
                    started++;
                    if (failFirstAttempts && start.attempt() == 1) {
                        coordinator.stageFailed(start.stage(), FLAKY);
                    } else {
                        coordinator.stageSucceeded(start.stage(), Map.of());
                    }
                } else if (command instanceof Command.Finish finish) {
                    return new Outcome(finish.result(), counter.events(), started);
                } else {
                    throw new IllegalStateException("a plain plan asked for " + command);
                }
            }
        }
    }
}
