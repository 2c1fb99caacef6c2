package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import hudson.model.Failure;
import hudson.model.Run;
import io.jenkins.plugins.orchestra.jenkins.orchestrate.OrchestrationApi.Reply;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Answers an {@code orchestrate} approval from the Orchestration page. The answer goes to the {@code input} step the
 * glue waits in, so Jenkins checks who may give it exactly as for its own Proceed and Abort buttons: the approver list
 * (user ids or groups), or Job/Build when there is none. The answer is the signed-in user's, whatever {@code by} says;
 * the comment reaches the coordinator's audit trail with it.
 */
@Restricted(NoExternalUse.class)
final class Approvals {
    static final int MAX_ANSWER = 8 * 1024;
    private static final Set<String> FIELDS = Set.of("approve", "by", "comment");

    private Approvals() {}

    /** Answers the approval of stage {@code stage} with {@code body}: 202 with openapi.yaml's Accepted, or an Error. */
    static Reply answer(OrchestrationAction action, String stage, byte[] body)
            throws IOException, InterruptedException {
        if (body.length > MAX_ANSWER) {
            return Reply.error(413, "an answer is at most " + MAX_ANSWER + " bytes");
        }
        JsonNode answer;
        try {
            answer = PlanJson.JSON.readTree(body);
        } catch (JacksonException e) {
            return Reply.error(400, "malformed JSON: " + e.getOriginalMessage());
        }
        if (answer == null || !answer.isObject()) {
            return Reply.error(400, "an answer is a JSON object {\"approve\": true, \"by\": \"name\"}");
        }
        for (Iterator<String> it = answer.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                return Reply.error(400, "unknown field '" + field + "'; an answer has approve, by and comment");
            }
        }
        JsonNode comment = answer.path("comment");
        if (!answer.path("approve").isBoolean()) {
            return Reply.error(400, "approve must be true or false");
        }
        if (!comment.isMissingNode()
                && !(comment.isTextual() && comment.asText().length() <= 2000)) {
            return Reply.error(400, "comment must be text of at most 2000 characters");
        }
        Run<?, ?> run = action.getRun();
        if (!run.isBuilding()) {
            return Reply.error(409, "build " + run.getNumber() + " has finished; there is nothing to answer");
        }
        InputStepExecution input = waitingInput(run, stage);
        if (input == null) {
            return Reply.error(404, "build " + run.getNumber() + " does not wait for an answer to '" + stage + "'");
        }
        try {
            input.preSubmissionCheck();
        } catch (Failure e) {
            return Reply.error(403, e.getMessage());
        }
        boolean approve = answer.path("approve").asBoolean();
        String user = Jenkins.getAuthentication2().getName();
        if (!comment.asText("").isBlank()) {
            action.coordinators().comment(stage, comment.asText());
        }
        try {
            if (approve) {
                input.proceed(Map.of("orchestraApprover", user));
            } else {
                input.doAbort();
            }
        } catch (Failure e) {
            return Reply.error(409, e.getMessage()); // answered by someone else meanwhile
        }
        return Reply.json(202, Map.of("input", stage, "approve", approve, "by", user));
    }

    /** The glue asks with {@code input(id: stage)}; the input step capitalises the first letter of an id. */
    private static InputStepExecution waitingInput(Run<?, ?> run, String stage) throws InterruptedException {
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
