package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class OrchestrationApiTest {
    @Test
    void approvesOnlyForAnApproverWithAPostThatCarriesTheCrumb(JenkinsRule r) throws Exception {
        secure(r);
        WorkflowJob p = OrchestrateTest.job(
                r, "orchestrate { stage('prod', approval: [approvers: ['alice']]) { echo 'deployed' } }");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        waitForInput(b);
        String approve = b.getUrl() + "orchestration/approve?block=1&stage=prod";

        assertEquals(405, call(r, "alice", approve, HttpMethod.GET, true), "approving is a POST");
        assertEquals(403, call(r, "alice", approve, HttpMethod.POST, false), "a POST without the crumb is refused");
        assertEquals(403, call(r, "bob", approve, HttpMethod.POST, true), "bob may build but is not an approver");
        assertNotEquals(200, call(r, "stranger", approve, HttpMethod.POST, true), "without Item/Read nothing shows");
        assertEquals(200, call(r, "alice", approve, HttpMethod.POST, true));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("deployed", b);
    }

    @Test
    void letsAnyoneWhoMayBuildApproveWhenNoApproversAreListed(JenkinsRule r) throws Exception {
        secure(r);
        WorkflowRun b = OrchestrateTest.job(r, "orchestrate { stage('prod', approval: true) { echo 'deployed' } }")
                .scheduleBuild2(0)
                .waitForStart();
        waitForInput(b);
        String approve = b.getUrl() + "orchestration/approve?block=1&stage=prod";

        assertEquals(403, call(r, "reader", approve, HttpMethod.POST, true), "reading is not building");
        assertEquals(200, call(r, "bob", approve, HttpMethod.POST, true));

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
    }

    @Test
    void failsTheStageAnApproverRejects(JenkinsRule r) throws Exception {
        secure(r);
        WorkflowRun b = OrchestrateTest.job(
                        r, "orchestrate { stage('prod', approval: [approvers: ['alice']]) { echo 'deployed' } }")
                .scheduleBuild2(0)
                .waitForStart();
        waitForInput(b);

        assertEquals(
                200, call(r, "alice", b.getUrl() + "orchestration/reject?block=1&stage=prod", HttpMethod.POST, true));

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("rejected by alice", b);
        r.assertLogNotContains("deployed", b);
    }

    @Test
    void servesTheRunViewToReadersOnly(JenkinsRule r) throws Exception {
        secure(r);
        WorkflowRun b = r.buildAndAssertSuccess(OrchestrateTest.job(r, "orchestrate { stage('a') { echo 'a' } }"));
        String runs = b.getUrl() + "orchestration/runs";

        assertEquals(200, call(r, "reader", runs, HttpMethod.GET, false));
        assertNotEquals(200, call(r, "stranger", runs, HttpMethod.GET, false));
        try (JenkinsRule.WebClient wc = r.createWebClient().login("reader")) {
            String json = wc.goTo(runs, "application/json").getWebResponse().getContentAsString();
            assertTrue(json.contains("\"blocks\""), json);
        }
    }

    private static void secure(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("alice", "bob", "reader", "stranger")
                .grant(Item.READ)
                .everywhere()
                .to("alice", "bob", "reader")
                .grant(Item.BUILD)
                .everywhere()
                .to("alice", "bob"));
    }

    private static int call(JenkinsRule r, String user, String path, HttpMethod method, boolean crumb)
            throws Exception {
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            wc.setThrowExceptionOnFailingStatusCode(false);
            wc.setRedirectEnabled(false);
            wc.login(user);
            WebRequest request = new WebRequest(new URL(r.getURL(), path), method);
            if (crumb) {
                wc.addCrumb(request);
            }
            WebResponse response = wc.getPage(request).getWebResponse();
            return response.getStatusCode();
        }
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
