package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.model.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What {@code deploy}, {@code provision} and {@code notify} returned, in the Orchestration page's stage detail. */
@WithJenkins
class AutomationsTest {
    private static final String BUILD = "writeFile file: 'build/index.html', text: 'one'; ";

    @TempDir
    Path hosts;

    private String deploy(String version) {
        return "deploy target: [kind: 'local', hosts: ['a', 'b'], base: '" + hosts + "/{host}'], artifact: 'build',"
                + " version: '" + version + "'";
    }

    @Test
    void showsADeployInsideAStageWithItsHostsAndOneOutsideAsTheRunsOwn(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(OrchestrateTest.job(
                r,
                "node { " + BUILD + "orchestrate { stage('ship') { " + deploy("1")
                        + " }; stage('check') { echo 'ok' } }; " + deploy("2") + " }"));
        assertEquals("one", Files.readString(hosts.resolve("a/current/index.html")));

        try (PageClient client = PageClient.as(r, null)) {
            JsonNode view = client.json(b.getUrl() + "orchestration/api/runs/" + b.getNumber());
            PageClient.assertValid("RunView", view);
            JsonNode ship = stage(view, "ship");
            assertEquals(1, ship.path("automation").size(), ship.toString());
            JsonNode deployed = ship.path("automation").get(0);
            assertEquals("deploy", deployed.path("step").asText());
            assertTrue(deployed.path("error").isNull(), deployed.toString());
            assertEquals("1", deployed.path("result").path("version").asText());
            assertEquals(List.of("a", "b"), hostNames(deployed.path("result")));
            assertEquals(
                    "deployed",
                    deployed.path("result").path("hosts").get(0).path("result").asText());
            assertEquals(0, stage(view, "check").path("automation").size());

            JsonNode own = view.path("automation");
            assertEquals(1, own.size(), "the deploy after the block is the run's own: " + own);
            assertEquals("2", own.get(0).path("result").path("version").asText());
            assertEquals("1", own.get(0).path("result").path("previousVersion").asText());
        }
        String saved = Files.readString(b.getRootDir().toPath().resolve("build.xml"));
        assertTrue(saved.contains("AutomationEntry"), "kept with the build");
    }

    @Test
    void keepsWhyADeployFailedInItsStage(JenkinsRule r) throws Exception {
        WorkflowRun b = r.assertBuildStatus(
                Result.FAILURE,
                OrchestrateTest.job(r, "node { orchestrate { stage('ship') { " + deploy("1") + " } } }")
                        .scheduleBuild2(0));

        try (PageClient client = PageClient.as(r, null)) {
            JsonNode view = client.json(b.getUrl() + "orchestration/api/runs/" + b.getNumber());
            JsonNode failed = stage(view, "ship").path("automation").get(0);
            assertNotNull(failed, view.toString());
            assertTrue(failed.path("result").isNull(), failed.toString());
            assertTrue(failed.path("error").asText().contains("does not exist"), failed.toString());
        }
    }

    @Test
    void aBuildWithoutOrchestrateHasNoOrchestrationLink(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(OrchestrateTest.job(r, "node { " + BUILD + deploy("1") + " }"));

        OrchestrationAction action = b.getAction(OrchestrationAction.class);
        assertNotNull(action, "the deploy's result is kept in case a block follows");
        assertNull(action.getIconFileName());
        try (PageClient client = PageClient.as(r, null)) {
            assertEquals(
                    404,
                    client.get(b.getUrl() + "orchestration/api/runs/" + b.getNumber())
                            .getStatusCode());
        }
    }

    private static JsonNode stage(JsonNode view, String name) {
        for (JsonNode stage : view.path("stages")) {
            if (stage.path("name").asText().equals(name)) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + name + " in " + view);
    }

    private static List<String> hostNames(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.path("hosts").forEach(h -> names.add(h.path("host").asText()));
        return names;
    }
}
