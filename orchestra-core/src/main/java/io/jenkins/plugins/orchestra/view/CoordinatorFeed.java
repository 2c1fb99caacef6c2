package io.jenkins.plugins.orchestra.view;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Feeds a {@link RunViewFold} from what a host keeps of a run's {@code orchestrate} blocks: each block's plan and its
 * coordinator's events, as a list that only grows. Called again with the longer lists, it folds in only the events it
 * has not folded yet, so the fold's versions keep growing and {@link RunViewFold#changesSince(long)} stays right for a
 * page that polls. The automation steps' results ({@code deploy}, {@code provision}, {@code notify}) are fed the same
 * way. The Jenkins plugin builds each build's RunView this way from what it saves in {@code build.xml}.
 */
public final class CoordinatorFeed {
    /** A stage of the run's view: the {@code orchestrate} block that planned it and its name there. */
    public record StageRef(String block, String name) {}

    private final RunViewFold fold;
    private final Map<String, Integer> folded = new HashMap<>();
    private int automationFolded;
    private boolean started;
    private boolean ended;

    public CoordinatorFeed(RunViewFold fold) {
        this.fold = Objects.requireNonNull(fold, "fold");
    }

    public RunViewFold fold() {
        return fold;
    }

    /** The run began; only the first call counts. */
    public synchronized void started(RunEvent.RunStarted event) {
        if (!started) {
            started = true;
            fold.accept(event);
        }
    }

    /**
     * Block {@code key} planned {@code plan} and its coordinator said {@code events} so far: the first call shows the
     * plan, each call folds in the events past those folded before.
     *
     * @throws IllegalArgumentException if {@code events} is shorter than what was folded before
     */
    public synchronized void block(String key, Plan plan, List<CoordinatorEvent> events) {
        Integer done = folded.get(key);
        if (done == null) {
            Instant at = events.isEmpty()
                    ? fold.started().orElse(Instant.EPOCH)
                    : events.get(0).at();
            fold.accept(new RunEvent.OrchestratePlanned(at, key, null, null, plan));
            done = 0;
        }
        if (events.size() < done) {
            throw new IllegalArgumentException(
                    "the events of block " + key + " only grow: " + done + " folded, " + events.size() + " given");
        }
        for (CoordinatorEvent event : events.subList(done, events.size())) {
            fold.accept(new RunEvent.Coordinated(key, event));
        }
        folded.put(key, events.size());
    }

    /**
     * The automation steps that ended so far, in the order they ended, as a list that only grows: each call folds in
     * those past the ones folded before. A step in a planned stage names it with {@link #stageKey}; one outside every
     * planned stage has no stage, and shows as the run's own.
     *
     * @throws IllegalArgumentException if {@code recorded} is shorter than what was folded before
     */
    public synchronized void automation(List<RunEvent.AutomationRecorded> recorded) {
        if (recorded.size() < automationFolded) {
            throw new IllegalArgumentException(
                    "the automation steps only grow: " + automationFolded + " folded, " + recorded.size() + " given");
        }
        for (RunEvent.AutomationRecorded event : recorded.subList(automationFolded, recorded.size())) {
            fold.accept(event);
        }
        automationFolded = recorded.size();
    }

    /** How an automation step names stage {@code stage} of block {@code block}, planned there. */
    public static String stageKey(String block, String stage) {
        return RunViewFold.plannedKey(Objects.requireNonNull(block, "block"), Objects.requireNonNull(stage, "stage"));
    }

    /** The run ended; only the first call counts. */
    public synchronized void ended(RunEvent.RunEnded event) {
        if (!ended) {
            ended = true;
            fold.accept(event);
        }
    }

    /** Which block planned stage {@code id} of the view, and the stage's name there. */
    public Optional<StageRef> stage(String id) {
        return fold.plannedIn(id).flatMap(block -> fold.stageName(id).map(name -> new StageRef(block, name)));
    }
}
