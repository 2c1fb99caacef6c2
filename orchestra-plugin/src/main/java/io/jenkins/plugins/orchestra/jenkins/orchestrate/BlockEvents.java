package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What a live {@code orchestrate} block does with each of its coordinator's events: appends it to the block's record
 * (saved with the build), hands a skipped stage's branch its command, and tells the build log. Called by the
 * coordinator under its block's lock.
 */
@Restricted(NoExternalUse.class)
final class BlockEvents implements CoordinatorListener {
    private final OrchestrationRecord record;
    private final Inbox inbox;
    /** The build log of the step that last called in: where waits, retries and rollbacks are told. */
    private TaskListener log;

    BlockEvents(OrchestrationRecord record, Inbox inbox, TaskListener log) {
        this.record = record;
        this.inbox = inbox;
        this.log = log;
    }

    void tellTo(TaskListener listener) {
        log = listener;
    }

    @Override
    public void onEvent(CoordinatorEvent event) {
        record.append(event);
        if (event instanceof CoordinatorEvent.StageSkipped s) {
            inbox.post(s.stage(), Commands.skip(s.reason()));
        }
        String line = ProgressLog.line(event);
        if (line != null && log != null) {
            log.getLogger().println(line);
        }
    }
}
