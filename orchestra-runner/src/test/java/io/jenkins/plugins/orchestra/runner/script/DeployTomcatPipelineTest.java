package io.jenkins.plugins.orchestra.runner.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.CredentialsException;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.testing.TomcatServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code deploy} step in Jenkinsfiles run by the runner, to a {@code tomcat} target configured in {@code
 * orchestra.yaml}: a real Tomcat 10 on 127.0.0.1, started once for the class; each test deploys at a path of its own.
 */
@Timeout(180)
class DeployTomcatPipelineTest {
    @TempDir
    static Path base;

    static TomcatServer tomcat;

    @TempDir
    Path workspace;

    private String path;

    @BeforeAll
    static void startTomcat() throws Exception {
        assumeTrue(TomcatServer.isAvailable(), "tomcat10 and tomcat10-admin are not installed");
        tomcat = TomcatServer.start(base.resolve("tomcat"));
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @BeforeEach
    void project(TestInfo test) throws Exception {
        path = "/" + test.getTestMethod().orElseThrow().getName();
        Files.writeString(
                workspace.resolve("orchestra.yaml"),
                """
                targets:
                  shop:
                    kind: tomcat
                    hosts:
                      - %s
                    path: %s
                    credentialsId: tomcat-deployer
                """
                        .formatted(tomcat.managerUrl(), path));
        war("build/v1/shop.war", "one", true);
        war("build/v2/shop.war", "two", true);
        war("build/broken/shop.war", "broken", false);
    }

    private Runs.Run run(String jenkinsfile) {
        CredentialStore credentials = id -> {
            if (!id.equals("tomcat-deployer")) {
                throw CredentialsException.notFound(id, Set.of("tomcat-deployer"), "");
            }
            return new UsernamePasswordCredential(id, tomcat.user(), Secret.of(tomcat.password()));
        };
        return Runs.run(workspace, jenkinsfile, Map.of(), InputProvider.unattended(), credentials);
    }

    private String serves() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(tomcat.url(path + "/")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode();
    }

    @Test
    void deploysRedeploysAndRollsBackAWar() throws Exception {
        Runs.Run run = run(
                """
                node {
                    def r = deploy target: 'shop', artifact: 'build/v1/shop.war', version: '1', strategy: 'rolling',
                                   healthCheck: [url: '{url}/health', expect: 200, body: 'ok one']
                    echo "deployed ${r.version} to ${r.hosts.collect { it.host + '=' + it.result }.join(', ')}"
                    r = deploy target: 'shop', artifact: 'build/v1/shop.war', version: '1'
                    echo "again: ${r.hosts[0].result}"
                    r = deploy target: 'shop', artifact: 'build/v2/shop.war', version: '2', healthCheck: '{url}/health'
                    echo "now ${r.version}, was ${r.previousVersion}: ${r.result}"
                    r = deploy target: 'shop', rollback: true
                    echo "back to ${r.version}"
                }
                """);
        String name = "127.0.0.1:" + tomcat.port();
        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.SUCCESS);
        assertThat(run.log())
                .contains("[Pipeline] deploy")
                .contains("deployed 1 to " + name + "=deployed")
                .contains("[" + name + "] healthy: http://127.0.0.1:" + tomcat.port() + path + "/health")
                .contains("again: unchanged")
                .contains("now 2, was 1: SUCCESS")
                .contains("back to 1")
                .doesNotContain(tomcat.password());
        assertThat(serves()).isEqualTo("one");
        assertThat(workspace.resolve(".orchestra/tomcat/shop/releases.log"))
                .content()
                .contains("\tdeploy\t2\t")
                .contains("\trollback\t1\t");
    }

    @Test
    void anUnhealthyWarFailsTheBuildAndTheTomcatRunsThePreviousOne() throws Exception {
        Runs.Run run = run(
                """
                node {
                    deploy target: 'shop', artifact: 'build/v1/shop.war', version: '1'
                    deploy target: 'shop', artifact: 'build/broken/shop.war', version: '2', strategy: 'rolling',
                           healthCheck: [url: '{url}/health', timeout: '1s', interval: '200ms']
                    echo 'not reached'
                }
                """);
        String name = "127.0.0.1:" + tomcat.port();
        assertThat(run.result()).as(run.log()).isEqualTo(BuildResult.FAILURE);
        assertThat(run.log())
                .contains("ERROR: deploy: deploy to target 'shop' failed: 1 of 1 host failed (" + name
                        + ": health check failed after ")
                .contains("answered 404, expected 200); rolled back: " + name)
                .containsPattern(name.replace(".", "\\.") + " +1 -> 2 +rolled back")
                .doesNotContain("not reached")
                .doesNotContain(tomcat.password());
        assertThat(serves()).isEqualTo("one");
    }

    /** A WAR of static pages: {@code index.html} says {@code text}; {@code health} says {@code ok <text>} if asked. */
    private void war(String file, String text, boolean health) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(
                "WEB-INF/web.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\"/>\n");
        entries.put("index.html", text);
        if (health) {
            entries.put("health", "ok " + text);
        }
        Path war = workspace.resolve(file);
        Files.createDirectories(war.getParent());
        try (OutputStream out = Files.newOutputStream(war);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
