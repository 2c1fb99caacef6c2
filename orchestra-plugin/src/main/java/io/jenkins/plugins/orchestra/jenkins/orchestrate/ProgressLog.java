package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** What the coordinator decides that no stage prints itself (waits, retries, rollbacks), as the runner says it. */
@Restricted(NoExternalUse.class)
final class ProgressLog {
    private ProgressLog() {}

    /** The first line of a block: {@code [orchestrate] 4 stages, at most 2 at once, failFast}. */
    static String summary(Plan plan) {
        return "[orchestrate] " + plan.stages().size() + " stages"
                + (plan.maxParallel() == Plan.UNLIMITED ? "" : ", at most " + plan.maxParallel() + " at once")
                + (plan.failFast() ? ", failFast" : "");
    }

    /** The build log line for this event, or null for none. */
    static String line(CoordinatorEvent e) {
        String line = null;
        if (e instanceof CoordinatorEvent.StageRetrying r) {
            line = "'" + r.stage() + "' attempt " + r.attempt() + " failed (" + r.failure() + "); retrying in "
                    + Durations.format(Duration.between(r.at(), r.retryAt()));
        } else if (e instanceof CoordinatorEvent.WaitingForLock w) {
            line = "'" + w.stage() + "' waits for lock '" + w.lock() + "' held by '" + w.holder() + "'";
        } else if (e instanceof CoordinatorEvent.WaitingForApproval w) {
            line = "'" + w.stage() + "' waits for approval"
                    + (w.approvers().isEmpty() ? "" : " by " + String.join(", ", w.approvers()));
        } else if (e instanceof CoordinatorEvent.RunHalted h) {
            line = "halted: " + h.reason();
        } else if (e instanceof CoordinatorEvent.RollbackStarted r) {
            line = "rolling back '" + r.stage() + "'";
        } else if (e instanceof CoordinatorEvent.RunResumed) {
            line = "resumed after a restart of Jenkins";
        }
        return line == null ? null : "[orchestrate] " + line;
    }
}
