package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Orchestration page of an orchestrated diamond: the dashboard is served and told where its endpoints are, and
 * every JSON body they return matches the schemas of the dashboard's openapi.yaml, as the runner's do.
 */
@WithJenkins
class OrchestrationPageTest {
    private static final String DIAMOND = "orchestrate { stage('a') { echo 'in a' }; "
            + "stage('b', needs: ['a']) { echo 'in b' }; stage('c', needs: ['a']) { echo 'in c' }; "
            + "stage('d', needs: ['b', 'c']) { echo 'in d' } }";

    @Test
    void servesTheDiamondsRunViewChangesAndLogsAsTheContractSays(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(OrchestrateTest.job(r, DIAMOND));
        String api = b.getUrl() + "orchestration/api/runs";

        try (PageClient client = PageClient.as(r, null)) {
            JsonNode runs = client.json(api);
            PageClient.assertValid("RunList", runs);
            assertEquals(b.getNumber(), runs.path("runs").get(0).path("number").asInt());
            assertEquals("SUCCESS", runs.path("runs").get(0).path("status").asText());

            JsonNode view = client.json(api + "/" + b.getNumber());
            PageClient.assertValid("RunView", view);
            Map<String, String> names = new HashMap<>();
            for (JsonNode stage : view.path("stages")) {
                names.put(stage.path("id").asText(), stage.path("name").asText());
                assertEquals("SUCCEEDED", stage.path("status").asText(), stage.toString());
            }
            Set<String> edges = new HashSet<>();
            for (JsonNode e : view.path("edges")) {
                edges.add(names.get(e.path("from").asText()) + "->"
                        + names.get(e.path("to").asText()));
            }
            assertEquals(Set.of("a->b", "a->c", "b->d", "c->d"), edges);
            assertEquals("SUCCESS", view.path("status").asText());
            assertFalse(view.path("criticalPath").path("stages").isEmpty());

            JsonNode everything = client.json(api + "/" + b.getNumber() + "/changes?since=0");
            PageClient.assertValid("Delta", everything);
            assertEquals(4, everything.path("stages").size());
            long version = view.path("version").asLong();
            JsonNode nothing = client.json(api + "/" + b.getNumber() + "/changes?since=" + version);
            PageClient.assertValid("Delta", nothing);
            assertEquals(0, nothing.path("stages").size(), "nothing changed since the page's version");

            String stageB = names.entrySet().stream()
                    .filter(e -> e.getValue().equals("b"))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            JsonNode log = client.json(api + "/" + b.getNumber() + "/stages/" + stageB + "/log?tail=4096");
            PageClient.assertValid("LogChunk", log);
            assertTrue(log.path("text").asText().contains("in b"), log.toString());
            assertFalse(log.path("text").asText().contains("in c"), "only b's branch: " + log);
            JsonNode first = client.json(api + "/" + b.getNumber() + "/stages/" + stageB + "/log?offset=0&limit=10");
            PageClient.assertValid("LogChunk", first);
            assertTrue(first.path("next").asLong() <= 10, first.toString());
            JsonNode rest = client.json(api + "/" + b.getNumber() + "/stages/" + stageB + "/log?offset="
                    + first.path("next").asLong());
            assertEquals(log.path("size").asLong(), rest.path("next").asLong(), "paging reaches the end");

            assertEquals(
                    404,
                    client.get(api + "/" + b.getNumber() + "/stages/s999/log").getStatusCode());
            assertEquals(
                    400,
                    client.get(api + "/" + b.getNumber() + "/changes?since=x").getStatusCode());
            assertEquals(
                    404,
                    client.get(api + "/" + b.getNumber() + "/events?since=0").getStatusCode());
        }
    }

    @Test
    void loadsTheDashboardBundleAndTellsItWhereItsEndpointsAre(JenkinsRule r) throws Exception {
        WorkflowRun b = r.buildAndAssertSuccess(OrchestrateTest.job(r, DIAMOND));

        try (PageClient client = PageClient.as(r, null)) {
            HtmlPage page = client.page(b.getUrl() + "orchestration/");
            DomElement app = page.getElementById("app");
            String base = r.contextPath + "/" + b.getUrl() + "orchestration/";
            assertEquals(base + "api/", app.getAttribute("data-api"));
            assertEquals(String.valueOf(b.getNumber()), app.getAttribute("data-run"));
            assertEquals("poll", app.getAttribute("data-live"));
            assertEquals(
                    r.contextPath + "/" + b.getParent().getUrl() + "{run}/orchestration/",
                    app.getAttribute("data-run-link"));

            DomElement script = page.querySelector("script[type=module][src*='/plugin/orchestra/dashboard/']");
            String src = script.getAttribute("src");
            assertTrue(src.contains("/plugin/orchestra/dashboard/assets/"), src);
            WebResponse bundle = client.get(src.substring(r.contextPath.length() + 1));
            assertEquals(200, bundle.getStatusCode(), src);
            assertTrue(bundle.getContentType().contains("javascript"), bundle.getContentType());
            DomElement style = page.querySelector("link[rel=stylesheet][href*='/plugin/orchestra/dashboard/']");
            assertEquals(
                    200,
                    client.get(style.getAttribute("href").substring(r.contextPath.length() + 1))
                            .getStatusCode());

            DomElement list = client.page(b.getUrl() + "orchestration/runs").getElementById("app");
            assertEquals("", list.getAttribute("data-run"), "the list of runs names no run");
        }
    }
}
