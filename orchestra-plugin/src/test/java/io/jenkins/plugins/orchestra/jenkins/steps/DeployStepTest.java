package io.jenkins.plugins.orchestra.jenkins.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.orchestra.jenkins.config.DeployTargetEntry;
import io.jenkins.plugins.orchestra.jenkins.config.OrchestraConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code deploy} in Pipeline, to {@code local} targets in a temporary directory. A deploy runs in a synchronous
 * non-blocking execution, which Jenkins fails on resume after a controller restart (the deploy's own rollback and
 * lock handling cover the hosts), so there is no restart test here.
 */
@WithJenkins
class DeployStepTest {
    private static final String BUILD = "writeFile file: 'build/index.html', text: 'one'; ";

    @TempDir
    Path hosts;

    @Test
    void smokes(JenkinsRule r) throws Exception {
        target("web", "kind: local\nhosts: [a, b]\nbase: '" + hosts + "/{host}'\n");

        WorkflowRun b = r.buildAndAssertSuccess(job(
                r,
                "node { " + BUILD
                        + "def d = deploy target: 'web', artifact: 'build', version: '1'; "
                        + "echo \"deployed ${d.version} to ${d.hosts.size()} hosts\" }"));

        r.assertLogContains("deployed 1 to 2 hosts", b);
        assertEquals("one", Files.readString(hosts.resolve("a/current/index.html")));
        assertEquals("one", Files.readString(hosts.resolve("b/current/index.html")));
    }

    @Test
    void deploysToATargetWrittenInlineAsTheRunnerDoes(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(job(
                r,
                "node { " + BUILD
                        + "deploy target: [kind: 'local', base: '" + hosts
                        + "/inline'], artifact: 'build', version: '7',"
                        + " strategy: 'rolling', batch: 1, keep: 2 }"));

        r.assertLogContains("Deploying 7", b);
        assertEquals("one", Files.readString(hosts.resolve("inline/current/index.html")));
    }

    @Test
    void configRoundTrip(JenkinsRule r) throws Exception {
        DeployStep step = new DeployStep("web");
        step.setArtifact("build/app.tar.gz");
        step.setVersion("1.2");
        step.setStrategy("rolling");
        step.setBatch("2"); // the form gives text; a Jenkinsfile's batch: 2 is read the same by core
        step.setHealthCheck("http://{host}:8080/health");
        step.setRollbackOnFailure(false);

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step,
                        "deploy artifact: 'build/app.tar.gz', batch: '2', healthCheck: 'http://{host}:8080/health',"
                                + " rollbackOnFailure: false, strategy: 'rolling', target: 'web', version: '1.2'");
    }

    @Test
    void writesTheParametersTheFormLacksAsTheRunnerTakesThem(JenkinsRule r) throws Exception {
        DeployStep step = new DeployStep(Map.of("kind", "local"));
        step.setArtifact("app.tar.gz");
        step.setVersion("1");
        step.setHooks(Map.of("after", "./restart.sh"));

        new SnippetizerTester(r)
                .assertRoundTrip(
                        step,
                        "deploy artifact: 'app.tar.gz', hooks: [after: './restart.sh'], target: [kind: 'local'],"
                                + " version: '1'");
        SnippetizerTester.assertDocGeneration(DeployStep.class);
    }

    @Test
    void formChecksSayWhatCoreSays(JenkinsRule r) {
        DeployStep.DescriptorImpl d = r.jenkins.getDescriptorByType(DeployStep.DescriptorImpl.class);

        FormValidation badBatch = d.doCheckBatch("x", "rolling");
        assertEquals(FormValidation.Kind.ERROR, badBatch.kind);
        assertTrue(badBatch.getMessage().contains("batch must be a count or a percentage"), badBatch.getMessage());
        assertEquals(FormValidation.Kind.OK, d.doCheckBatch("25%", "rolling").kind);
        assertTrue(d.doCheckBatch("2", "all").getMessage().contains("batch needs strategy"));
        assertEquals(FormValidation.Kind.ERROR, d.doCheckVersion("../1", false).kind);
        assertEquals(FormValidation.Kind.OK, d.doCheckVersion("", true).kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckHealthCheck("ftp://x").kind);
        assertEquals(FormValidation.Kind.WARNING, d.doCheckTarget(null, "nowhere").kind);
        assertEquals(FormValidation.Kind.ERROR, d.doCheckTarget(null, "").kind);
    }

    @Test
    void aBadArgumentFailsTheBuildWithCoresOneLine(JenkinsRule r) throws Exception {
        WorkflowRun b = r.assertBuildStatus(
                Result.FAILURE,
                job(
                                r,
                                "node { deploy target: 'web', artifact: 'build', version: '1', strategy: 'rolling',"
                                        + " batch: 'x' }")
                        .scheduleBuild2(0));

        r.assertLogContains("deploy: batch must be a count or a percentage such as '25%', at least 1, was 'x'", b);
        r.assertLogNotContains("\tat ", b);
    }

    @Test
    void refusesACanaryApprovalBeforeTouchingAHost(JenkinsRule r) throws Exception {
        target("web", "kind: local\nhosts: [a, b]\nbase: '" + hosts + "/{host}'\n");

        WorkflowRun b = r.assertBuildStatus(
                Result.FAILURE,
                job(
                                r,
                                "node { " + BUILD + "deploy target: 'web', artifact: 'build', version: '1',"
                                        + " strategy: 'canary', approval: true }")
                        .scheduleBuild2(0));

        r.assertLogContains("approval is not available in Jenkins", b);
        r.assertLogContains("ask with input, then deploy the same version to the whole target", b);
        assertFalse(Files.exists(hosts.resolve("a")));
    }

    @Test
    void saysWhichTargetsAreConfiguredWhenTheNameIsNot(JenkinsRule r) throws Exception {
        target("web", "kind: local\nbase: '" + hosts + "/web'\n");

        WorkflowRun b = r.assertBuildStatus(
                Result.FAILURE,
                job(r, "node { " + BUILD + "deploy target: 'wbe', artifact: 'build', version: '1' }")
                        .scheduleBuild2(0));

        r.assertLogContains("no target 'wbe' is configured (did you mean 'web'?)", b);
    }

    private static void target(String name, String settings) {
        OrchestraConfiguration.get().setTargets(List.of(new DeployTargetEntry(name, settings)));
    }

    private static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "deployed");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }
}
