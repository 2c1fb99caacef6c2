package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.model.Result;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Answers on the Orchestration page: who may give them, the crumb, and what is refused. */
@WithJenkins
class OrchestrationApiTest {
    private static final String APPROVE = "{\"approve\": true, \"by\": \"alice\", \"comment\": \"notes read\"}";

    @Test
    void approvesOnlyForAnApproverWithAPostThatCarriesTheCrumb(JenkinsRule r) throws Exception {
        PageClient.secure(r);
        WorkflowRun b =
                waiting(r, "orchestrate { stage('prod', approval: [approvers: ['alice']]) { echo 'deployed' } }");
        String page = b.getUrl() + "orchestration/";
        String answer = page + "api/runs/" + b.getNumber() + "/inputs/prod";

        try (PageClient alice = PageClient.as(r, "alice");
                PageClient bob = PageClient.as(r, "bob");
                PageClient stranger = PageClient.as(r, "stranger")) {
            assertEquals(405, alice.get(answer).getStatusCode(), "an answer is a POST");
            assertEquals(403, alice.post(page, answer, APPROVE, false).getStatusCode(), "no crumb, no answer");
            WebResponse notApprover = bob.post(page, answer, APPROVE, true);
            assertEquals(403, notApprover.getStatusCode(), "bob may build but is not an approver");
            PageClient.assertValid("Error", PlanJson.JSON.readTree(notApprover.getContentAsString()));
            assertNotEquals(202, stranger.post(page, answer, APPROVE, false).getStatusCode());
            assertEquals(404, stranger.get(page).getStatusCode(), "without Item/Read there is no page");

            WebResponse accepted = alice.post(page, answer, APPROVE, true);
            assertEquals(202, accepted.getStatusCode(), accepted.getContentAsString());
            JsonNode body = PlanJson.JSON.readTree(accepted.getContentAsString());
            PageClient.assertValid("Accepted", body);
            assertEquals("alice", body.path("by").asText());
        }
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("deployed", b);
        try (PageClient reader = PageClient.as(r, "reader")) {
            JsonNode approval = reader.json(page + "api/runs/" + b.getNumber())
                    .path("approvals")
                    .get(0);
            assertEquals("APPROVED", approval.path("status").asText());
            assertEquals("alice", approval.path("decisions").get(0).path("by").asText());
            assertEquals(
                    "notes read",
                    approval.path("decisions").get(0).path("comment").asText());
        }
    }

    @Test
    void letsAnyoneWhoMayBuildApproveWhenNoApproversAreListedAndTakesTheSignedInUser(JenkinsRule r) throws Exception {
        PageClient.secure(r);
        WorkflowRun b = waiting(r, "orchestrate { stage('prod', approval: true) { echo 'deployed' } }");
        String page = b.getUrl() + "orchestration/";
        String answer = page + "api/runs/" + b.getNumber() + "/inputs/prod";

        try (PageClient reader = PageClient.as(r, "reader");
                PageClient bob = PageClient.as(r, "bob")) {
            assertEquals(403, reader.post(page, answer, APPROVE, true).getStatusCode(), "reading is not building");
            WebResponse accepted = bob.post(page, answer, APPROVE, true);
            assertEquals(202, accepted.getStatusCode(), accepted.getContentAsString());
            assertEquals(
                    "bob",
                    PlanJson.JSON
                            .readTree(accepted.getContentAsString())
                            .path("by")
                            .asText());
        }
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    @Test
    void failsTheStageAnApproverRejectsAndKeepsWhy(JenkinsRule r) throws Exception {
        PageClient.secure(r);
        WorkflowRun b =
                waiting(r, "orchestrate { stage('prod', approval: [approvers: ['alice']]) { echo 'deployed' } }");
        String page = b.getUrl() + "orchestration/";

        try (PageClient alice = PageClient.as(r, "alice")) {
            String reject = "{\"approve\": false, \"by\": \"alice\", \"comment\": \"not today\"}";
            WebResponse rejected = alice.post(page, page + "api/runs/" + b.getNumber() + "/inputs/prod", reject, true);
            assertEquals(202, rejected.getStatusCode(), rejected.getContentAsString());
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            JsonNode view = alice.json(page + "api/runs/" + b.getNumber());
            JsonNode decision = view.path("approvals").get(0).path("decisions").get(0);
            assertEquals(
                    "REJECTED", view.path("approvals").get(0).path("status").asText());
            assertEquals("not today", decision.path("comment").asText());
            assertEquals("FAILED", view.path("stages").get(0).path("status").asText());
        }
        r.assertLogContains("rejected by alice", b);
        r.assertLogNotContains("deployed", b);
    }

    @Test
    void refusesAnswersThatAreNotJsonTooLargeMalformedForNothingOrTooLate(JenkinsRule r) throws Exception {
        PageClient.secure(r);
        WorkflowRun b =
                waiting(r, "orchestrate { stage('prod', approval: [approvers: ['alice']]) { echo 'deployed' } }");
        String page = b.getUrl() + "orchestration/";
        String answer = page + "api/runs/" + b.getNumber() + "/inputs/prod";

        try (PageClient alice = PageClient.as(r, "alice")) {
            assertEquals(
                    400, alice.post(page, answer, "{\"approve\": tru", true).getStatusCode());
            assertEquals(
                    400,
                    alice.post(page, answer, "{\"approve\": true, \"x\": 1}", true)
                            .getStatusCode());
            assertEquals(400, alice.post(page, answer, "[]", true).getStatusCode());
            String big = "{\"approve\": true, \"comment\": \"" + "x".repeat(9000) + "\"}";
            assertEquals(413, alice.post(page, answer, big, true).getStatusCode());
            WebResponse nothing = alice.post(page, page + "api/runs/" + b.getNumber() + "/inputs/qa", APPROVE, true);
            assertEquals(404, nothing.getStatusCode());
            PageClient.assertValid("Error", PlanJson.JSON.readTree(nothing.getContentAsString()));
            assertEquals(202, alice.post(page, answer, APPROVE, true).getStatusCode());
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            assertEquals(409, alice.post(page, answer, APPROVE, true).getStatusCode(), "the build has finished");
        }
    }

    @Test
    void servesTheRunViewToReadersOnly(JenkinsRule r) throws Exception {
        PageClient.secure(r);
        WorkflowRun b = r.buildAndAssertSuccess(OrchestrateTest.job(r, "orchestrate { stage('a') { echo 'a' } }"));
        String view = b.getUrl() + "orchestration/api/runs/" + b.getNumber();

        try (PageClient reader = PageClient.as(r, "reader");
                PageClient stranger = PageClient.as(r, "stranger")) {
            assertEquals("SUCCESS", reader.json(view).path("status").asText());
            assertNotEquals(200, stranger.get(view).getStatusCode());
            assertTrue(reader.json(b.getUrl() + "orchestration/api/runs")
                    .path("runs")
                    .isArray());
        }
    }

    @Test
    void asksAgainUntilAQuorumOfDifferentApproversSaidYes(JenkinsRule r) throws Exception {
        PageClient.secure(r);
        WorkflowRun b = waiting(
                r,
                "orchestrate { stage('prod', approval: [approvers: ['alice', 'bob'], quorum: 2]) { echo 'deployed' } }");
        String page = b.getUrl() + "orchestration/";
        String answer = page + "api/runs/" + b.getNumber() + "/inputs/prod";

        try (PageClient alice = PageClient.as(r, "alice");
                PageClient bob = PageClient.as(r, "bob")) {
            InputStepExecution first =
                    b.getAction(InputAction.class).getExecutions().get(0);
            assertEquals(202, alice.post(page, answer, APPROVE, true).getStatusCode());
            waitForAnotherInput(b, first);
            r.assertLogNotContains("deployed", b);
            assertTrue(b.isBuilding(), "one approval of two: the question is asked again");

            String byBob = "{\"approve\": true, \"by\": \"bob\"}";
            WebResponse second = bob.post(page, answer, byBob, true);
            assertEquals(202, second.getStatusCode(), second.getContentAsString());
        }
        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("deployed", b);
        try (PageClient reader = PageClient.as(r, "reader")) {
            JsonNode approval = reader.json(page + "api/runs/" + b.getNumber())
                    .path("approvals")
                    .get(0);
            assertEquals("APPROVED", approval.path("status").asText());
            assertEquals(2, approval.path("decisions").size(), approval.toString());
        }
    }

    /** Until the glue asks again: an {@code input} step waits that is not {@code answered}. */
    private static void waitForAnotherInput(WorkflowRun b, InputStepExecution answered) throws Exception {
        for (int i = 0; i < 600; i++) {
            InputAction inputs = b.getAction(InputAction.class);
            if (inputs != null
                    && !inputs.getExecutions().isEmpty()
                    && !inputs.getExecutions().contains(answered)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the approval was not asked again in " + b);
    }

    /** A build of {@code script} whose {@code input} step waits. */
    private static WorkflowRun waiting(JenkinsRule r, String script) throws Exception {
        WorkflowRun b = OrchestrateTest.job(r, script).scheduleBuild2(0).waitForStart();
        waitForInput(b);
        return b;
    }

    /** Until the glue's {@code input} step waits, which follows the coordinator's request by a moment. */
    static void waitForInput(WorkflowRun b) throws Exception {
        for (int i = 0; i < 600; i++) {
            InputAction inputs = b.getAction(InputAction.class);
            if (inputs != null && !inputs.getExecutions().isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no input step waits in " + b);
    }
}
