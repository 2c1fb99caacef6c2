package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.orchestra.view.CoordinatorFeed;
import io.jenkins.plugins.orchestra.view.RunViewJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What the Orchestration page's dashboard reads and does, for the builds of one job, as the dashboard's openapi.yaml
 * says; free of Stapler ({@link DashboardRoutes} routes to it). Each answer is a status and a JSON body.
 */
@Restricted(NoExternalUse.class)
final class OrchestrationApi {
    /** How many of the newest builds the list of runs looks at: each one is loaded to look at it. */
    static final int RUNS_LISTED = 50;

    /** An HTTP status and its JSON body. */
    record Reply(int status, byte[] body) {
        static Reply json(int status, Object value) {
            try {
                return new Reply(status, PlanJson.JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Reply error(int status, String message) {
            return json(status, Map.of("error", message));
        }
    }

    private final Job<?, ?> job;

    OrchestrationApi(Job<?, ?> job) {
        this.job = job;
    }

    /** {@code GET runs}: the newest builds that ran {@code orchestrate}, newest first. */
    Reply runs() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds().limit(RUNS_LISTED)) {
            OrchestrationAction action = run.getAction(OrchestrationAction.class);
            if (action != null && action.ranOrchestrate()) {
                rows.add(BuildView.summary(run));
            }
        }
        return Reply.json(200, Map.of("runs", rows));
    }

    /** {@code GET runs/{n}}: the build's RunView. */
    Reply run(int number) {
        return build(number).map(a -> new Reply(200, a.folded().toJson())).orElseGet(() -> noBuild(number));
    }

    /** {@code GET runs/{n}/changes?since=V}: what changed since version {@code since}, as a Delta. */
    Reply changes(int number, long since) {
        if (since < 0) {
            return Reply.error(400, "since must be 0 or more, was " + since);
        }
        return build(number)
                .map(a -> new Reply(200, RunViewJson.toBytes(a.folded().changesSince(since))))
                .orElseGet(() -> noBuild(number));
    }

    /** {@code GET runs/{n}/stages/{id}/log}: a page of the log of stage {@code id} of the build's view. */
    Reply log(int number, String id, Long offset, Long limit, Long tail) throws IOException {
        if ((offset != null && offset < 0) || (limit != null && limit < 1) || (tail != null && tail < 1)) {
            return Reply.error(400, "offset must be 0 or more, limit and tail 1 or more");
        }
        Optional<OrchestrationAction> build = build(number);
        if (build.isEmpty()) {
            return noBuild(number);
        }
        OrchestrationAction action = build.get();
        action.folded();
        Optional<CoordinatorFeed.StageRef> stage = action.view().stage(id);
        if (stage.isEmpty() || !(action.getRun() instanceof WorkflowRun run)) {
            return Reply.error(404, "build " + number + " has no stage '" + id + "'");
        }
        String branch = action.blocks().stream()
                .filter(b -> b.id().equals(stage.get().block()))
                .findFirst()
                .map(b -> b.branches().get(stage.get().name()))
                .orElse(null);
        return Reply.json(200, StageLog.of(run.getExecution(), branch).page(id, offset, limit, tail));
    }

    /** {@code POST runs/{n}/inputs/{input}} with {@code {"approve": true, "by": "…", "comment": "…"}}. */
    Reply answer(int number, String input, byte[] body) throws IOException, InterruptedException {
        Optional<OrchestrationAction> build = build(number);
        return build.isEmpty() ? noBuild(number) : Approvals.answer(build.get(), input, body);
    }

    private Optional<OrchestrationAction> build(int number) {
        Run<?, ?> run = job.getBuildByNumber(number);
        OrchestrationAction action = run == null ? null : run.getAction(OrchestrationAction.class);
        return Optional.ofNullable(action != null && action.ranOrchestrate() ? action : null);
    }

    private Reply noBuild(int number) {
        return Reply.error(404, job.getFullDisplayName() + " has no build " + number + " that ran orchestrate");
    }
}
