package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Cause;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.view.CoordinatorFeed;
import io.jenkins.plugins.orchestra.view.RunEvent;
import io.jenkins.plugins.orchestra.view.RunViewFold;
import java.time.Instant;
import java.time.InstantSource;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The RunView of one build: core's fold over what the build saved of its {@code orchestrate} blocks (each plan and its
 * coordinator's events) and of its automation steps, brought up to date on each request with only the events added
 * since, so that the versions a polling page sends stay meaningful. Kept in memory by the build's action; after a
 * restart it is folded again from {@code build.xml}.
 */
@Restricted(NoExternalUse.class)
final class BuildView {
    private final Run<?, ?> run;
    private final CoordinatorFeed feed =
            new CoordinatorFeed(new RunViewFold(UnaryOperator.identity(), InstantSource.system()));
    private final Map<String, Plan> plans = new HashMap<>();

    BuildView(Run<?, ?> run) {
        this.run = run;
    }

    /**
     * The fold, with everything {@code blocks} hold folded in, then the automation steps' results (each in its planned
     * stage, which the blocks made), and the build's end once it has ended.
     */
    synchronized RunViewFold current(List<OrchestrationRecord> blocks, List<AutomationEntry> automation) {
        feed.started(new RunEvent.RunStarted(
                Instant.ofEpochMilli(run.getStartTimeInMillis()), run.getNumber(), title(run), trigger(run), Map.of()));
        for (OrchestrationRecord block : blocks) {
            Plan plan = plans.computeIfAbsent(block.id(), id -> PlanJson.read(block.plan()));
            feed.block(block.id(), plan, block.eventsAsRead());
        }
        feed.automation(
                new AbstractList<>() { // each entry read from its JSON only when it is new
                    @Override
                    public RunEvent.AutomationRecorded get(int index) {
                        return automation.get(index).event();
                    }

                    @Override
                    public int size() {
                        return automation.size();
                    }
                });
        if (!run.isBuilding()) {
            Instant end = Instant.ofEpochMilli(run.getStartTimeInMillis() + run.getDuration());
            feed.ended(new RunEvent.RunEnded(end, RunEvent.Result.valueOf(status(run))));
        }
        return feed.fold();
    }

    /** The block and name of stage {@code id} of the view. */
    Optional<CoordinatorFeed.StageRef> stage(String id) {
        return feed.stage(id);
    }

    /** A build as the dashboard's list of runs shows it (openapi.yaml, RunSummary). */
    static Map<String, Object> summary(Run<?, ?> run) {
        boolean building = run.isBuilding();
        long started = run.getStartTimeInMillis();
        long duration = building ? Math.max(0, System.currentTimeMillis() - started) : run.getDuration();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", run.getNumber());
        row.put("title", title(run));
        row.put("status", building ? "RUNNING" : status(run));
        row.put("startedAt", started);
        row.put("endedAt", building ? null : started + duration);
        row.put("durationMillis", duration);
        row.put("trigger", trigger(run));
        row.put("live", building);
        return row;
    }

    private static String title(Run<?, ?> run) {
        return run.getParent().getFullDisplayName();
    }

    /** Why the build ran, as its causes say it: "Started by user Alice", "Started by timer". */
    private static String trigger(Run<?, ?> run) {
        return run.getCauses().stream().map(Cause::getShortDescription).collect(Collectors.joining("; "));
    }

    /** How an ended build ended, in the words RunView and Jenkins share. */
    private static String status(Run<?, ?> run) {
        Result result = run.getResult();
        return result == null ? "NOT_BUILT" : result.toString();
    }
}
