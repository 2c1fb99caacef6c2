package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * For each stage, the commands waiting for its branch and the branch's waiting {@code orchestraAwait}, if any: a
 * command is handed over as soon as both are there, never by polling. The queues are the record's, so they survive a
 * restart; the waiting steps are not, and register again when their execution resumes. Not thread-safe: the owning
 * {@link Orchestration} holds its lock.
 */
@Restricted(NoExternalUse.class)
final class Inbox {
    private final OrchestrationRecord record;
    private final InstantSource clock;
    private final Map<String, StepContext> waiting = new HashMap<>();

    Inbox(OrchestrationRecord record, InstantSource clock) {
        this.record = record;
        this.clock = clock;
    }

    /**
     * Queues a command for the stage's branch, handed over at the next {@link #deliverAll()}. A command the branch is
     * already carrying out, or already has queued, is dropped: after a restart the coordinator may ask again for a
     * condition still being evaluated.
     */
    void post(String stage, Map<String, Object> command) {
        String kind = Commands.kind(command);
        List<String> queue = record.inbox(stage);
        if (Commands.awaitsReport(kind)
                && (kind.equals(record.busy().get(stage)) || queue.stream().anyMatch(c -> kind.equals(kindOf(c))))) {
            return;
        }
        queue.add(PlanJson.write(command));
    }

    /** Hands every queued command whose branch waits to it; whether any was. */
    boolean deliverAll() {
        boolean any = false;
        for (String stage : List.copyOf(waiting.keySet())) {
            any |= deliver(stage);
        }
        return any;
    }

    /** Takes back a queued command of this kind; false if there was none (it may be under way). */
    boolean withdraw(String stage, String kind) {
        List<String> queue = record.inbox(stage);
        for (String c : queue) {
            if (kind.equals(kindOf(c))) {
                return queue.remove(c);
            }
        }
        return false;
    }

    /** The stage's branch waits for its next command; it gets a queued one at once. */
    void await(String stage, StepContext context) {
        waiting.put(stage, context);
        deliver(stage);
    }

    /** The kind of command the stage's branch is carrying out, or null. */
    String busy(String stage) {
        return record.busy().get(stage);
    }

    /** The branch reported: it is no longer carrying anything out. */
    void reported(String stage) {
        record.busy().remove(stage);
    }

    /** Forgets a waiting step that was stopped. */
    StepContext release(String stage) {
        return waiting.remove(stage);
    }

    @SuppressWarnings("unchecked")
    private boolean deliver(String stage) {
        List<String> queue = record.inbox(stage);
        StepContext context = waiting.get(stage);
        if (context == null || queue.isEmpty()) {
            return false;
        }
        String next = queue.remove(0);
        waiting.remove(stage);
        Map<String, Object> command = (Map<String, Object>) PlanJson.parse(next);
        String kind = Commands.kind(command);
        if (Commands.awaitsReport(kind)) {
            record.busy().put(stage, kind);
        }
        context.onSuccess(Commands.forGlue(command, clock.instant()));
        return true;
    }

    @SuppressWarnings("unchecked")
    private static String kindOf(String json) {
        return Commands.kind((Map<String, Object>) PlanJson.parse(json));
    }
}
