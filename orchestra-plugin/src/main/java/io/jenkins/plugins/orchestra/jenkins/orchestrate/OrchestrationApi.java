package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.Failure;
import hudson.model.Run;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.jenkins.host.RunRefs;
import io.jenkins.plugins.orchestra.view.RunViews;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What the run page's dashboard reads and does, free of Stapler: the RunView JSON of each {@code orchestrate} block,
 * and approvals, which go through the waiting {@code input} step so that Jenkins checks the approver list (or
 * Job/Build when there is none) exactly as its own Proceed button does.
 */
@Restricted(NoExternalUse.class)
final class OrchestrationApi {
    /** An answer for the caller: an HTTP status and a one-line message. */
    record Outcome(int status, String message) {
        static Outcome ok(String message) {
            return new Outcome(200, message);
        }
    }

    private final Run<?, ?> run;
    private final List<OrchestrationRecord> blocks;

    OrchestrationApi(Run<?, ?> run, List<OrchestrationRecord> blocks) {
        this.run = run;
        this.blocks = blocks;
    }

    /** {@code {"run": {job, number, url, user}, "blocks": [{"id", "finished", "view": RunView}]}}. */
    String runs() {
        ObjectNode root = PlanJson.JSON.createObjectNode();
        root.set("run", PlanJson.JSON.valueToTree(RunRefs.of(run)));
        ArrayNode list = root.putArray("blocks");
        for (OrchestrationRecord block : blocks) {
            ObjectNode b = list.addObject();
            b.put("id", block.id());
            b.put("finished", block.isFinished());
            b.set("view", PlanJson.JSON.valueToTree(PlanJson.parse(view(PlanJson.read(block.plan()), block.events()))));
        }
        return root.toString();
    }

    /**
     * The RunView of one block, from core's {@code view} package.
     *
     * <p>CONNECT when core {@code view} lands: {@code RunViews.of(Plan, List<CoordinatorEvent>)} gives the JSON text
     * of the RunView, the same fold over the events that the runner's dashboard reads.
     */
    static String view(Plan plan, List<CoordinatorEvent> events) {
        return RunViews.of(plan, events);
    }

    Outcome approve(String block, String stage) throws IOException, InterruptedException {
        return settle(block, stage, true);
    }

    Outcome reject(String block, String stage) throws IOException, InterruptedException {
        return settle(block, stage, false);
    }

    private Outcome settle(String block, String stage, boolean approve) throws IOException, InterruptedException {
        if (blocks.stream().noneMatch(b -> b.id().equals(block))) {
            return new Outcome(404, "this build has no orchestrate block " + block);
        }
        InputStepExecution input = waitingInput(stage);
        if (input == null) {
            return new Outcome(409, "stage '" + stage + "' is not waiting for approval");
        }
        try {
            input.preSubmissionCheck(); // the approver list, or Job/Build when there is none
        } catch (Failure e) {
            return new Outcome(403, e.getMessage());
        }
        if (approve) {
            input.proceed(
                    Map.of("orchestraApprover", Jenkins.getAuthentication2().getName()));
            return Outcome.ok("approved '" + stage + "'");
        }
        input.doAbort();
        return Outcome.ok("rejected '" + stage + "'");
    }

    /** The glue asks with {@code input(id: stage)}; the input step capitalises the first letter of an id. */
    private InputStepExecution waitingInput(String stage) throws InterruptedException {
        InputAction inputs = run.getAction(InputAction.class);
        if (inputs == null || stage == null || stage.isEmpty()) {
            return null;
        }
        char first = stage.charAt(0);
        String id = first >= 'a' && first <= 'z' ? Character.toUpperCase(first) + stage.substring(1) : stage;
        try {
            return inputs.getExecution(id);
        } catch (TimeoutException e) {
            return null;
        }
    }
}
