package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Prints a run's events as plain lines, one per happening, for a terminal or a CI log. */
final class ConsoleListener implements CoordinatorListener {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private Instant runStarted;

    ConsoleListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEvent(CoordinatorEvent event) {
        String line = describe(event);
        if (line != null) {
            out.println("[" + TIME.format(event.at()) + "] " + line);
        }
    }

    private String describe(CoordinatorEvent e) {
        if (e instanceof CoordinatorEvent.RunStarted s) {
            runStarted = s.at();
            return "run '" + s.plan() + "' started: " + s.stages() + " stages";
        } else if (e instanceof CoordinatorEvent.RunResumed r) {
            return "run resumed" + (r.interrupted().isEmpty() ? "" : "; running again: " + r.interrupted());
        } else if (e instanceof CoordinatorEvent.StageStarted s) {
            return "[" + s.stage() + "] started" + (s.attempt() > 1 ? " (attempt " + s.attempt() + ")" : "")
                    + s.lock().map(l -> ", holding lock '" + l + "'").orElse("");
        } else if (e instanceof CoordinatorEvent.StageSucceeded s) {
            return "[" + s.stage() + "] succeeded"
                    + s.warning().map(w -> " with a warning: " + w).orElse("");
        } else if (e instanceof CoordinatorEvent.StageFailed f) {
            return "[" + f.stage() + "] FAILED: " + f.failure();
        } else if (e instanceof CoordinatorEvent.StageRetrying r) {
            return "[" + r.stage() + "] attempt " + r.attempt() + " failed (" + r.failure() + "); retrying in "
                    + Durations.format(Duration.between(r.at(), r.retryAt()));
        } else if (e instanceof CoordinatorEvent.StageSkipped s) {
            return "[" + s.stage() + "] skipped: " + s.reason();
        } else if (e instanceof CoordinatorEvent.StageAborted a) {
            return "[" + a.stage() + "] aborted: " + a.reason();
        } else if (e instanceof CoordinatorEvent.WaitingForLock w) {
            return "[" + w.stage() + "] waiting for lock '" + w.lock() + "' held by '" + w.holder() + "'";
        } else if (e instanceof CoordinatorEvent.WaitingForApproval w) {
            return "[" + w.stage() + "] waiting for approval: " + w.message()
                    + (w.approvers().isEmpty() ? "" : " (approvers: " + String.join(", ", w.approvers()) + ")");
        } else if (e instanceof CoordinatorEvent.ApprovalGiven a) {
            return "[" + a.stage() + "] approved by " + a.approver();
        } else if (e instanceof CoordinatorEvent.RunHalted h) {
            return "pipeline halted: " + h.reason();
        } else if (e instanceof CoordinatorEvent.RollbackStarted r) {
            return "[" + r.stage() + "] rolling back";
        } else if (e instanceof CoordinatorEvent.RollbackFinished r) {
            return "[" + r.stage() + "] "
                    + r.failure().map(f -> "rollback FAILED: " + f).orElse("rolled back");
        } else if (e instanceof CoordinatorEvent.RunFinished f) {
            return "run finished: " + f.status()
                    + (runStarted == null ? "" : " in " + Durations.format(Duration.between(runStarted, f.at())));
        }
        return null;
    }
}
