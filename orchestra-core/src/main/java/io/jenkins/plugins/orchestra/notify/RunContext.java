package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.host.RunRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The run as a notification tells of it, supplied by the host: its outcome so far and the previous run's, how long it
 * has taken, its stages, what it delivers, and its logs. Text in it is shown to people: the host gives it masked.
 *
 * @param run which run, with its link
 * @param status the run's result so far (in a {@code post} section: its result)
 * @param previous the previous run's result, empty if there was none or it is unknown
 * @param duration how long the run has taken so far
 * @param stages the stages that ran so far, in the order they ended (an inner stage before the stage holding it)
 * @param version what the run delivers, or {@code null}
 * @param target where the run delivers it, or {@code null}
 * @param changes the changes that went into the run, when the host knows them
 * @param logs the logs, for the failing stage's tail and an excerpt to attach
 */
public record RunContext(
        RunRef run,
        Outcome status,
        Optional<Outcome> previous,
        Duration duration,
        List<Stage> stages,
        String version,
        String target,
        List<Change> changes,
        RunLogs logs) {
    public RunContext {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        stages = List.copyOf(stages);
        version = blankToNull(version);
        target = blankToNull(target);
        changes = List.copyOf(changes);
        Objects.requireNonNull(logs, "logs");
    }

    /** A stage that ran. */
    public record Stage(String name, String branch, Outcome status, Duration duration, String error) {
        public Stage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(duration, "duration");
            branch = blankToNull(branch);
            error = blankToNull(error);
        }
    }

    /** A change (a commit) that went into the run. */
    public record Change(String id, String author, String message) {
        public Change {
            Objects.requireNonNull(id, "id");
            author = author == null ? "" : author;
            message = message == null ? "" : message;
        }
    }

    /** The stage that failed first, if one did. */
    public Optional<Stage> failingStage() {
        return stages.stream().filter(s -> s.status() == Outcome.FAILURE).findFirst();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
