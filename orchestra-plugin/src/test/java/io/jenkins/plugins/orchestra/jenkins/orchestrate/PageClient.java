package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import hudson.model.Item;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Orchestration page as its dashboard uses it, for tests: signed in as one user, reading the page's crumb as the
 * front end does, and checking JSON against the schemas of the dashboard's openapi.yaml.
 */
final class PageClient implements AutoCloseable {
    private final JenkinsRule r;
    private final JenkinsRule.WebClient wc;

    private PageClient(JenkinsRule r, String user) throws Exception {
        this.r = r;
        this.wc = r.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false); // the page's own script is the browser tests' business
        wc.setThrowExceptionOnFailingStatusCode(false);
        wc.setRedirectEnabled(false);
        if (user != null) {
            wc.login(user);
        }
    }

    static PageClient as(JenkinsRule r, String user) throws Exception {
        return new PageClient(r, user);
    }

    /** alice and bob may build, reader may read, stranger sees nothing but Jenkins. */
    static void secure(JenkinsRule r) {
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

    /** The page, as the browser gets it. */
    HtmlPage page(String path) throws Exception {
        return wc.goTo(path);
    }

    WebResponse get(String path) throws Exception {
        return wc.getPage(new WebRequest(new URL(r.getURL(), path), HttpMethod.GET))
                .getWebResponse();
    }

    JsonNode json(String path) throws Exception {
        WebResponse response = get(path);
        assertEquals(200, response.getStatusCode(), path + ": " + response.getContentAsString());
        assertTrue(response.getContentType().startsWith("application/json"), response.getContentType());
        return PlanJson.JSON.readTree(response.getContentAsString());
    }

    /** A POST of {@code body} as the dashboard sends it: JSON, with the crumb its page holds, or without one. */
    WebResponse post(String page, String path, String body, boolean crumb) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), path), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        request.setRequestBody(body);
        if (crumb) {
            DomElement head = page(page).querySelector("head");
            assertNotNull(head.getAttribute("data-crumb-header"));
            request.setAdditionalHeader(head.getAttribute("data-crumb-header"), head.getAttribute("data-crumb-value"));
        }
        return wc.getPage(request).getWebResponse();
    }

    /** Checks {@code json} against {@code #/components/schemas/<schema>} of the dashboard's openapi.yaml. */
    static void assertValid(String schema, JsonNode json) throws Exception {
        List<com.networknt.schema.Error> errors = schema(schema).validate(json);
        assertTrue(errors.isEmpty(), schema + " errors " + errors + " in " + json);
    }

    private static Schema schema(String name) throws Exception {
        Object openapi;
        try (InputStream in =
                PageClient.class.getResourceAsStream("/io/jenkins/plugins/orchestra/dashboard/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml of the orchestra-dashboard jar");
            openapi = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        ObjectNode document = PlanJson.JSON.valueToTree(openapi);
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.put("$ref", "#/components/schemas/" + name);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return registry.getSchema(SchemaLocation.of("https://orchestra.invalid/openapi.json"), document);
    }

    @Override
    public void close() {
        wc.close();
    }
}
