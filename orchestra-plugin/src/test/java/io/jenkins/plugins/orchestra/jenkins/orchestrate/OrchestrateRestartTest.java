package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.test.steps.SemaphoreStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class OrchestrateRestartTest {
    @SuppressWarnings("unused")
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void survivesRestartWithAStageRunningAndItsDependentWaiting() throws Throwable {
        sessions.then(j -> {
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "orchestrate { stage('a') { semaphore 'a' }; stage('b', needs: ['a']) { echo 'b ran' }; "
                            + "stage('c') { echo 'c ran' } }",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            SemaphoreStep.waitForStart("a/1", b);
            j.waitForMessage("c ran", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            SemaphoreStep.success("a/1", null);

            j.assertBuildStatusSuccess(j.waitForCompletion(b));

            j.assertLogContains("[orchestrate] resumed after a restart of Jenkins", b);
            j.assertLogContains("b ran", b);
            assertEquals(Set.of("a", "b", "c"), OrchestrateTest.stages(b).keySet());
            assertEquals(1, count(JenkinsRule.getLog(b), "c ran"), "a stage that ended before the restart runs once");
        });
    }

    @Test
    void survivesRestartWhileAStageWaitsForApproval() throws Throwable {
        sessions.then(j -> {
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(
                    new CpsFlowDefinition("orchestrate { stage('prod', approval: true) { echo 'deployed' } }", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("'prod' waits for approval", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            OrchestrationApiTest.waitForInput(b);

            OrchestrationApi.Reply approved = new OrchestrationApi(b.getParent())
                    .answer(1, "prod", "{\"approve\": true}".getBytes(StandardCharsets.UTF_8));
            assertEquals(202, approved.status(), new String(approved.body(), StandardCharsets.UTF_8));

            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("deployed", b);
        });
    }

    @Test
    void anApprovalTimesOutAfterARestartThoughNoBranchCallsIn() throws Throwable {
        sessions.then(j -> {
            WorkflowJob p = j.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(
                    "orchestrate { stage('prod', approval: [timeout: '20s', onTimeout: 'skip']) { echo 'deployed' } }",
                    true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            j.waitForMessage("'prod' waits for approval", b);
        });
        sessions.then(j -> {
            WorkflowRun b = j.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);

            j.waitForCompletion(
                    b); // nobody answers: only the coordinator's timer, armed again on resume, ends the wait

            j.assertLogContains("timed out after 20s", b);
            j.assertLogNotContains("deployed", b);
        });
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
