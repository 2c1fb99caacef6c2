package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The coordinators of a build's {@code orchestrate} blocks while the build is in memory, over the records its {@link
 * OrchestrationAction} saves: a block's coordinator is made when it starts, or rebuilt from its record on first use
 * after a restart. Also holds what approvers wrote on the page until the stage's branch reports the answer.
 */
@Restricted(NoExternalUse.class)
final class LiveBlocks {
    private final Run<?, ?> run;
    /** The action's own list, which the build saves: added to here, never copied. */
    private final List<OrchestrationRecord> records;

    private final Map<String, Orchestration> live = new ConcurrentHashMap<>();
    /** Stage name to the comment of an answer given on the page and not yet reported by the stage's branch. */
    private final Map<String, String> comments = new ConcurrentHashMap<>();

    LiveBlocks(Run<?, ?> run, List<OrchestrationRecord> records) {
        this.run = run;
        this.records = records;
    }

    /**
     * Starts a new block; returns its id.
     *
     * @throws io.jenkins.plugins.orchestra.coordinator.InvalidPlanException before anything is recorded
     */
    synchronized String start(Map<?, ?> options, List<?> stages, TaskListener log) {
        String id = Integer.toString(records.size() + 1);
        String declaration = PlanJson.write("orchestrate-" + id, options, stages);
        Plan plan = PlanJson.read(declaration);
        log.getLogger().println(ProgressLog.summary(plan));
        OrchestrationRecord record = new OrchestrationRecord(id, declaration);
        records.add(record);
        live.put(id, Orchestration.start(run, record, plan, log));
        return id;
    }

    /** The live block with this id; {@code log} is where a block rebuilt after a restart says so. */
    Orchestration live(String id, TaskListener log) {
        return live.computeIfAbsent(id, k -> Orchestration.restore(run, record(k), log));
    }

    /** Rebuilds every block that had not finished when Jenkins stopped, arming its timers again. */
    void resumeUnfinished(TaskListener log) {
        for (OrchestrationRecord block : records) {
            if (!block.isFinished()) {
                live(block.id(), log);
            }
        }
    }

    private OrchestrationRecord record(String id) {
        return records.stream()
                .filter(b -> b.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("this build has no orchestrate block " + id));
    }

    void comment(String stage, String text) {
        comments.put(stage, text);
    }

    String takeComment(String stage) {
        return comments.remove(stage);
    }
}
