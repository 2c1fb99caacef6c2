package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * The cheapest possible host: on one thread, on a clock that never moves, every stage succeeds as soon as it is
 * started. What a run costs here is the coordinator's own cost.
 */
public final class DirectHost {
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    /**
     * How a run went.
     *
     * @param transitions the events the coordinator emitted
     * @param started the stages it started
     */
    public record Outcome(RunResult result, long transitions, long started) {}

    private DirectHost() {}

    /** Builds a coordinator for {@code plan} and drives it to its end. */
    public static Outcome run(Plan plan) {
        CountingListener counter = new CountingListener();
        Coordinator coordinator = new Coordinator(plan, CLOCK, counter);
        coordinator.start();
        return driveToEnd(coordinator, counter);
    }

    /** Drives a started coordinator to its end. */
    static Outcome driveToEnd(Coordinator coordinator, CountingListener counter) {
        long started = 0;
        while (true) {
            List<Command> commands = coordinator.next();
            if (commands.isEmpty()) {
                throw new IllegalStateException("the run is stuck: " + coordinator);
            }
            for (Command command : commands) {
                if (command instanceof Command.StartStage start) {
                    started++;
                    coordinator.stageSucceeded(start.stage(), Map.of());
                } else if (command instanceof Command.Finish finish) {
                    return new Outcome(finish.result(), counter.events(), started);
                } else {
                    throw new IllegalStateException("a plain plan asked for " + command);
                }
            }
        }
    }
}
