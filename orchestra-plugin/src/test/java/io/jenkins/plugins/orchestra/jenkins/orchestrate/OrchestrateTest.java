package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.pipeline.StageStatus;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.TagsAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class OrchestrateTest {
    private static final String DIAMOND = "orchestrate { stage('a') { echo 'in a' }; "
            + "stage('b', needs: ['a']) { echo 'in b' }; stage('c', needs: ['a']) { echo 'in c' }; "
            + "stage('d', needs: ['b', 'c']) { echo 'in d' } }";

    @Test
    void runsADiamondAsRealStagesInBranchesOfOneParallel(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(job(r, DIAMOND));

        Map<String, FlowNode> stages = stages(b);
        assertEquals(Set.of("a", "b", "c", "d"), stages.keySet());
        Set<String> parallels = new HashSet<>();
        for (Map.Entry<String, FlowNode> stage : stages.entrySet()) {
            List<? extends BlockStartNode> enclosing = stage.getValue().getEnclosingBlocks();
            BlockStartNode branch = enclosing.stream()
                    .filter(n -> n.getPersistentAction(ThreadNameAction.class) != null)
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    stage.getKey(),
                    branch.getPersistentAction(ThreadNameAction.class).getThreadName());
            parallels.add(branch.getEnclosingId());
        }
        assertEquals(1, parallels.size(), "every stage runs in a branch of the same parallel step");
        String log = JenkinsRule.getLog(b);
        assertTrue(log.indexOf("in a") < log.indexOf("in b") && log.indexOf("in a") < log.indexOf("in c"));
        assertTrue(log.indexOf("in d") > log.indexOf("in b") && log.indexOf("in d") > log.indexOf("in c"));
    }

    @Test
    void tagsAStageSkippedAfterItsNeedFailed(JenkinsRule r) throws Exception {
        WorkflowJob p =
                job(r, "orchestrate { stage('a') { error 'boom' }; stage('b', needs: ['a']) { echo 'never' } }");

        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("Stage \"b\" skipped: not started: 'a' failed", b);
        r.assertLogNotContains("never", b);
        r.assertLogContains("orchestrate failed: 'a'", b);
        TagsAction tags = stages(b).get("b").getAction(TagsAction.class);
        assertNotNull(tags);
        assertEquals(StageStatus.getSkippedForConditional(), tags.getTagValue(StageStatus.TAG_NAME));
    }

    @Test
    void passesOutputsToTheStagesThatNeedThemAndReturnsThem(JenkinsRule r) throws Exception {
        WorkflowJob p = job(
                r,
                "def out = orchestrate { stage('build') { [version: '1.4.2'] }; "
                        + "stage('deploy', needs: ['build']) { inputs -> echo \"deploying ${inputs.build.version}\" } }; "
                        + "echo \"built ${out.build.version}\"");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("deploying 1.4.2", b);
        r.assertLogContains("built 1.4.2", b);
    }

    @Test
    void retriesAFailedStage(JenkinsRule r) throws Exception {
        WorkflowJob p = job(
                r,
                "int tries = 0; orchestrate { stage('flaky', retry: [count: 1, backoff: '1s', "
                        + "on: ['error']]) { tries++; if (tries < 2) { error 'first try fails' }; echo 'second try works' } }");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("'flaky' attempt 1 failed (error: first try fails); retrying in", b);
        r.assertLogContains("second try works", b);
    }

    @Test
    void runsInsideTheScriptBlockOfADeclarativePipeline(JenkinsRule r) throws Exception {
        WorkflowJob p = job(
                r,
                "pipeline { agent none; stages { stage('release') { steps { script { "
                        + "orchestrate { stage('x') { echo 'x ran' }; stage('y', needs: ['x']) { echo 'y ran' } } } } } } }");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("y ran", b);
        assertTrue(stages(b).keySet().containsAll(Set.of("release", "x", "y")));
    }

    @Test
    void refusesAPlanWithACycleNamingItsStages(JenkinsRule r) throws Exception {
        WorkflowJob p =
                job(r, "orchestrate { stage('a', needs: ['b']) { echo 'a' }; stage('b', needs: ['a']) { echo 'b' } }");

        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("cycle", b);
        r.assertLogNotContains("at org.", b); // a one-line message, no stack trace
    }

    @Test
    void holdsALockForOneStageAtATimeAndRunsAFinallyStageAfterAFailure(JenkinsRule r) throws Exception {
        WorkflowJob p = job(
                r,
                "orchestrate { stage('a', lock: 'prod') { echo 'a holds prod' }; "
                        + "stage('b', lock: 'prod') { echo 'b holds prod' }; "
                        + "stage('c', needs: ['a', 'b']) { error 'c broke' }; "
                        + "stage('cleanup', finally: true) { echo 'cleaned up' } }");

        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("[orchestrate] 'b' waits for lock 'prod' held by 'a'", b);
        String log = JenkinsRule.getLog(b);
        assertTrue(log.indexOf("b holds prod") > log.indexOf("a holds prod"), "b runs once a let go of the lock");
        assertTrue(log.indexOf("cleaned up") > log.indexOf("c broke"), "the finally stage runs after the failure");
        assertTrue(stages(b).containsKey("cleanup"), "the finally stage is a real stage");
    }

    @Test
    void rollsBackAStageThatSucceededWhenALaterOneFails(JenkinsRule r) throws Exception {
        WorkflowJob p = job(
                r,
                "orchestrate { stage('deploy', rollback: { echo 'undeployed' }) { echo 'deployed' }; "
                        + "stage('smoke', needs: ['deploy']) { error 'smoke failed' } }");

        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("[orchestrate] rolling back 'deploy'", b);
        String log = JenkinsRule.getLog(b);
        assertTrue(log.indexOf("undeployed") > log.indexOf("smoke failed"), "the rollback follows the failure");
        r.assertLogContains("orchestrate failed: 'smoke'", b);
    }

    static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** The stages of a build as Pipeline Graph View finds them: a label, and not a parallel branch. */
    static Map<String, FlowNode> stages(WorkflowRun b) {
        Map<String, FlowNode> stages = new LinkedHashMap<>();
        for (FlowNode n : new DepthFirstScanner().allNodes(b.getExecution())) {
            if (n.getPersistentAction(LabelAction.class) != null
                    && n.getPersistentAction(ThreadNameAction.class) == null) {
                stages.put(n.getDisplayName(), n);
            }
        }
        return stages;
    }
}
