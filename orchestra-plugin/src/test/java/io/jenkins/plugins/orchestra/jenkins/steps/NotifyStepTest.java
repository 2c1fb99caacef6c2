package io.jenkins.plugins.orchestra.jenkins.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.orchestra.jenkins.config.NotifyChannelEntry;
import io.jenkins.plugins.orchestra.jenkins.config.OrchestraConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code notify} in Pipeline, to an {@code outbox} channel (each message a JSON file) configured in the global
 * configuration. It runs on the controller in a synchronous non-blocking execution, which Jenkins fails on resume
 * after a controller restart; what it sent is remembered in the build's directory, so there is no restart test.
 */
@WithJenkins
class NotifyStepTest {
    @BeforeEach
    void channel(JenkinsRule r) {
        // relative: an outbox must stay inside the workspace, here (no node block) the build's directory
        OrchestraConfiguration.get()
                .setChannels(List.of(new NotifyChannelEntry("team", "kind: outbox\ndirectory: outbox\n")));
    }

    @Test
    void smokes(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(
                job(r, "def n = notify channel: 'team', message: 'built ${job}'; echo \"sent ${n.sent}\""));

        r.assertLogContains("notify: sent to 'team' (outbox)", b);
        r.assertLogContains("sent 1", b);
        assertEquals(1, messages(b).size());
        assertTrue(Files.readString(messages(b).get(0)).contains("built notified"));
    }

    @Test
    void sendsOnceForCallsThatShareAnEvent(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(
                job(r, "notify channel: 'team', event: 'release'; notify channel: 'team', event: 'release'"));

        r.assertLogContains("already has this message", b);
        assertEquals(1, messages(b).size());
    }

    @Test
    void tellsTheResultSoFar(JenkinsRule r) throws Exception {
        WorkflowRun b = r.assertBuildStatus(
                Result.UNSTABLE,
                job(
                                r,
                                "currentBuild.result = 'UNSTABLE'; notify channel: 'team', when: 'unstable';"
                                        + " notify channel: 'team', when: 'failure'")
                        .scheduleBuild2(0));

        r.assertLogContains("when failure does not hold (result UNSTABLE)", b);
        assertEquals(1, messages(b).size());
    }

    @Test
    void namesTheFailingStageWithItsOwnLogTail(JenkinsRule r) throws Exception {
        WorkflowRun b = r.assertBuildStatus(
                Result.FAILURE,
                job(
                                r,
                                "try { stage('build') { echo 'compiled' }; stage('test') { echo 'ran 12 tests';"
                                        + " echo 'testLogin failed'; error 'two tests failed' } }"
                                        + " catch (e) { currentBuild.result = 'FAILURE'; notify channel: 'team',"
                                        + " logLines: 1 }")
                        .scheduleBuild2(0));

        r.assertLogContains("notify: sent to 'team' (outbox)", b);
        JsonNode sent = new ObjectMapper().readTree(messages().get(0).toFile());
        JsonNode failing = sent.get("failingStage");
        assertEquals("test", failing.get("name").asText());
        assertEquals("FAILURE", failing.get("status").asText());
        assertEquals("testLogin failed", failing.get("log").asText(), "the last line of the stage's own log");
        List<String> stages = new ArrayList<>();
        sent.get("stages")
                .forEach(s -> stages.add(
                        s.get("name").asText() + " " + s.get("status").asText()));
        assertEquals(List.of("build SUCCESS", "test FAILURE"), stages);
    }

    @Test
    void configRoundTrip(JenkinsRule r) throws Exception {
        NotifyStep step = new NotifyStep("team");
        step.setWhen("failure, fixed");
        step.setMessage("built ${job}");
        step.setRequired(true);
        step.setTo("ops@example.com");

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step,
                        "notify channel: 'team', message: 'built ${job}', required: true, to: 'ops@example.com',"
                                + " when: 'failure, fixed'");
        SnippetizerTester.assertDocGeneration(NotifyStep.class);
    }

    @Test
    void formChecksSayWhatCoreSays(JenkinsRule r) {
        NotifyStep.DescriptorImpl d = r.jenkins.getDescriptorByType(NotifyStep.DescriptorImpl.class);

        FormValidation when = d.doCheckWhen("sometimes");
        assertEquals(FormValidation.Kind.ERROR, when.kind);
        assertTrue(when.getMessage().startsWith("when must be one of"), when.getMessage());
        assertEquals(FormValidation.Kind.OK, d.doCheckWhen("failure, fixed").kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckRetries("99").kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckChannel("").kind);
    }

    @Test
    void aMistakeInTheCallFailsTheBuildWithCoresOneLine(JenkinsRule r) throws Exception {
        WorkflowRun b = r.assertBuildStatus(
                Result.FAILURE,
                job(r, "notify channel: 'team', when: 'sometimes'").scheduleBuild2(0));

        r.assertLogContains("notify: channel 'team' (outbox): when must be one of", b);
        r.assertLogNotContains("\tat ", b);
        assertEquals(0, messages(b).size());
    }

    private static List<Path> messages(WorkflowRun b) throws Exception {
        Path outbox = b.getRootDir().toPath().resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "notified");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }
}
