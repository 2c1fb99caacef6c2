package io.jenkins.plugins.orchestra.coordinator.simulation;

import io.jenkins.plugins.orchestra.coordinator.ApprovalSpec;
import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A host that carries out a coordinator's commands on a {@link SimulatedClock}: each stage takes the time and ends
 * with the outcome its {@link Behaviour} states, approvers answer after a delay, and time jumps from one happening to
 * the next. Deterministic: the same plan and behaviour give the same events.
 */
public final class Simulation {

    /** What each stage does in a simulation. Every method has a default but {@link #duration}. */
    public interface Behaviour {
        Duration duration(String stage, int attempt);

        default Optional<Failure> failure(String stage, int attempt) {
            return Optional.empty();
        }

        default Map<String, String> outputs(String stage, int attempt) {
            return Map.of();
        }

        default boolean condition(Command.EvaluateCondition request) {
            return true;
        }

        /** Who approves the stage; by default the first approvers that make the quorum, or "anyone". */
        default List<String> approvers(String stage, ApprovalSpec approval) {
            if (approval.approvers().isEmpty()) {
                return List.of("anyone");
            }
            return approval.approvers().subList(0, approval.quorum());
        }

        default Duration approvalDelay(String stage) {
            return Duration.ZERO;
        }

        default Duration rollbackDuration(String stage) {
            return Duration.ZERO;
        }

        default Optional<Failure> rollbackFailure(String stage) {
            return Optional.empty();
        }
    }

    private record Happening(Instant at, long seq, Runnable action) implements Comparable<Happening> {
        @Override
        public int compareTo(Happening o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Coordinator coordinator;
    private final Behaviour behaviour;
    private final SimulatedClock clock;
    private final PriorityQueue<Happening> agenda = new PriorityQueue<>();
    private final Map<String, Long> runningToken = new HashMap<>();
    private long seq;
    private long commandsHandled;

    private Simulation(Coordinator coordinator, Behaviour behaviour, SimulatedClock clock) {
        this.coordinator = coordinator;
        this.behaviour = behaviour;
        this.clock = clock;
    }

    /** Runs {@code plan} to its end. */
    public static RunResult run(Plan plan, Behaviour behaviour, SimulatedClock clock, CoordinatorListener... ls) {
        Coordinator c = new Coordinator(plan, clock, List.of(ls));
        c.start();
        return new Simulation(c, behaviour, clock).loop();
    }

    /** Resumes {@code plan} from the events a run recorded before it stopped, and runs it to its end. */
    public static RunResult resume(
            Plan plan,
            Behaviour behaviour,
            SimulatedClock clock,
            List<CoordinatorEvent> history,
            CoordinatorListener... ls) {
        Coordinator c = Coordinator.resume(plan, clock, history, List.of(ls));
        return new Simulation(c, behaviour, clock).loop();
    }

    private RunResult loop() {
        while (true) {
            List<Command> commands = coordinator.next();
            for (Command command : commands) {
                if (command instanceof Command.Finish finish) {
                    return finish.result();
                }
                handle(command);
            }
            if (!commands.isEmpty()) {
                continue;
            }
            Optional<Instant> wake = coordinator.nextWakeup();
            Happening first = agenda.peek();
            if (first == null && wake.isEmpty()) {
                throw new IllegalStateException(
                        "the simulation of '" + coordinator.plan().name()
                                + "' is stuck: nothing is scheduled and the run is not finished (" + coordinator + ")");
            }
            Instant t = first == null
                    ? wake.get()
                    : wake.isEmpty() || first.at.isBefore(wake.get()) ? first.at : wake.get();
            if (t.isAfter(clock.instant())) {
                clock.set(t);
            }
            while (!agenda.isEmpty() && !agenda.peek().at.isAfter(clock.instant())) {
                agenda.poll().action.run();
            }
        }
    }

    private void handle(Command command) {
        commandsHandled++;
        Instant now = clock.instant();
        if (command instanceof Command.StartStage start) {
            String stage = start.stage();
            int attempt = start.attempt();
            long token = ++seq;
            runningToken.put(stage, token);
            at(now.plus(behaviour.duration(stage, attempt)), () -> {
                if (Long.valueOf(token).equals(runningToken.get(stage))) {
                    runningToken.remove(stage);
                    Optional<Failure> f = behaviour.failure(stage, attempt);
                    if (f.isPresent()) {
                        coordinator.stageFailed(stage, f.get());
                    } else {
                        coordinator.stageSucceeded(stage, behaviour.outputs(stage, attempt));
                    }
                }
            });
        } else if (command instanceof Command.AbortStage abort) {
            // a stage that ended while the abort was on its way has been reported already
            if (runningToken.remove(abort.stage()) != null) {
                at(now, () -> coordinator.stageFailed(abort.stage(), Failure.aborted(abort.reason())));
            }
        } else if (command instanceof Command.EvaluateCondition evaluate) {
            coordinator.conditionEvaluated(evaluate.stage(), behaviour.condition(evaluate), "simulated");
        } else if (command instanceof Command.RequestApproval request) {
            Instant when = now.plus(behaviour.approvalDelay(request.stage()));
            for (String approver : behaviour.approvers(request.stage(), request.approval())) {
                if (!request.approvedBy().contains(approver)) {
                    at(when, () -> {
                        if (coordinator.status(request.stage()) == StageStatus.WAITING_FOR_APPROVAL) {
                            coordinator.approve(request.stage(), approver, "simulated");
                        }
                    });
                }
            }
        } else if (command instanceof Command.RunRollback rollback) {
            String stage = rollback.stage();
            at(
                    now.plus(behaviour.rollbackDuration(stage)),
                    () -> coordinator.rollbackFinished(stage, behaviour.rollbackFailure(stage)));
        }
        // CancelApproval: pending approvals check the stage's status before they are given
    }

    private void at(Instant when, Runnable action) {
        agenda.add(new Happening(when, ++seq, action));
    }

    /** How many commands the simulation carried out; for benchmarks. */
    long commandsHandled() {
        return commandsHandled;
    }

    /** Every event of a run, in order; for tests and journals in memory. */
    public static final class Recorder implements CoordinatorListener {
        private final List<CoordinatorEvent> events = new ArrayList<>();

        @Override
        public void onEvent(CoordinatorEvent event) {
            events.add(event);
        }

        public List<CoordinatorEvent> events() {
            return events;
        }
    }
}
