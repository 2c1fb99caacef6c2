package io.jenkins.plugins.orchestra.view;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something a host saw happen in a run, for its {@link RunViewFold}. Blocks (stages, {@code parallel} calls, {@code
 * orchestrate} blocks) are named by keys the host chooses, unique in the run; {@code parent} is the key of the block
 * the new one runs in, {@code null} at the top of the run.
 */
public sealed interface RunEvent {
    Instant at();

    /** How a stage of a Declarative or Scripted Pipeline ended, in Jenkins' words. */
    enum Result {
        SUCCESS,
        UNSTABLE,
        FAILURE,
        ABORTED,
        NOT_BUILT
    }

    /**
     * The run began.
     *
     * @param trigger who or what started it, as people read it
     * @param params the build parameters; the fold masks them
     */
    record RunStarted(Instant at, int number, String title, String trigger, Map<String, String> params)
            implements RunEvent {
        public RunStarted {
            Objects.requireNonNull(title, "title");
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    record RunEnded(Instant at, Result result) implements RunEvent {}

    /**
     * A {@code stage} began.
     *
     * @param branch the {@code parallel} branch it runs in when {@code parent} is a {@code parallel} block, else
     *     {@code null}
     */
    record StageStarted(Instant at, String key, String parent, String branch, String name) implements RunEvent {
        public StageStarted {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
        }
    }

    /** @param note why it failed or was skipped, or {@code null} */
    record StageEnded(Instant at, String key, Result result, String note) implements RunEvent {}

    /** A {@code parallel} step began, with these branches (its stages say which branch they run in). */
    record ParallelStarted(Instant at, String key, String parent, String branch, List<String> branches)
            implements RunEvent {
        public ParallelStarted {
            branches = List.copyOf(branches);
        }
    }

    record ParallelEnded(Instant at, String key) implements RunEvent {}

    /**
     * An {@code orchestrate} block planned its stages: they are shown, with their {@code needs}, before they run. The
     * block runs them in one {@code parallel} step with a branch per stage, as the shared glue does.
     */
    record OrchestratePlanned(Instant at, String key, String parent, String branch, Plan plan) implements RunEvent {}

    /** What the coordinator of {@code orchestrate} block {@code key} decided or saw. */
    record Coordinated(String key, CoordinatorEvent event) implements RunEvent {
        @Override
        public Instant at() {
            return event.at();
        }
    }

    /**
     * A stage of an {@code orchestrate} block published its outputs, with their structure (maps, lists), which the
     * coordinator's events keep only as text.
     */
    record StageOutputs(Instant at, String orchestrate, String stage, Map<String, ?> outputs) implements RunEvent {}

    /**
     * An automation step ({@code deploy}, {@code provision}, {@code notify}) ended: what it returned, or why it
     * failed.
     *
     * @param stage the key of the stage it ran in (for a planned stage, also {@link CoordinatorFeed#stageKey}), or
     *     {@code null} for a step outside every stage (a pipeline's {@code post} section): the run's own
     * @param result what it returned (maps, lists, numbers, strings), or {@code null}
     * @param error why it failed, or {@code null}
     */
    record AutomationRecorded(Instant at, String stage, String step, int line, Object result, String error)
            implements RunEvent {}

    /**
     * An {@code input} (or an {@code orchestrate} approval, which asks through {@code input}) waits for an answer.
     *
     * @param stage the key of the stage it runs in, or {@code null}
     * @param id what an answer names: the input's id, else its stage's name
     * @param submitters who may answer; empty for anyone
     */
    record InputRequested(Instant at, String stage, String id, String message, List<String> submitters)
            implements RunEvent {
        public InputRequested {
            submitters = List.copyOf(submitters);
        }
    }

    /** Somebody answered input {@code id}. */
    record InputAnswered(Instant at, String id, boolean approved, String by, String comment) implements RunEvent {}
}
