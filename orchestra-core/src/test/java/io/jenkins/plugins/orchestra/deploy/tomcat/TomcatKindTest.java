package io.jenkins.plugins.orchestra.deploy.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.deploy.DeployApproval;
import io.jenkins.plugins.orchestra.deploy.DeployException;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.deploy.Deployer;
import io.jenkins.plugins.orchestra.deploy.TargetKinds;
import io.jenkins.plugins.orchestra.deploy.TargetRef;
import io.jenkins.plugins.orchestra.deploy.TargetSpec;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code kind: tomcat} reads a target and what it refuses before any Tomcat is contacted: these tests need no
 * Tomcat (the managers' port is closed, and never reached).
 */
class TomcatKindTest {
    private static final String MANAGER_1 = "http://127.0.0.1:9/manager";
    private static final String MANAGER_2 = "http://localhost:9/manager/text/";

    @TempDir
    Path workspace;

    private RecordingStepHost host;

    @BeforeEach
    void host() throws Exception {
        host = new RecordingStepHost(workspace)
                .credential(new UsernamePasswordCredential("tomcat", "deployer", Secret.of("s3cret-pw")))
                .target("shop", shop());
        TestWars.war(workspace.resolve("build/shop.war"), "one");
        Files.createDirectories(workspace.resolve("build/exploded"));
        Files.writeString(workspace.resolve("build/app.tar.gz"), "not a zip");
    }

    private static Map<String, Object> shop(Object... kv) {
        Map<String, Object> shop = new LinkedHashMap<>();
        shop.put("kind", "tomcat");
        shop.put("hosts", List.of(MANAGER_1, MANAGER_2));
        shop.put("path", "/shop");
        shop.put("credentialsId", "tomcat");
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                shop.remove((String) kv[i]);
            } else {
                shop.put((String) kv[i], kv[i + 1]);
            }
        }
        return shop;
    }

    private TargetSpec resolve(Map<String, Object> config) {
        return TargetKinds.defaults().resolve(new TargetRef.Inline(config), host);
    }

    private void deploy(Object... kv) throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", "shop");
        args.put("artifact", "build/shop.war");
        args.put("version", "7");
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                args.remove((String) kv[i]);
            } else {
                args.put((String) kv[i], kv[i + 1]);
            }
        }
        new Deployer(TargetKinds.defaults()).deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
    }

    @Test
    void namesEachTomcatByItsManagersHostAndPort() {
        TargetSpec spec = resolve(shop());
        assertThat(spec.kind()).isEqualTo("tomcat");
        assertThat(spec.hosts()).containsExactly("127.0.0.1:9", "localhost:9");
        assertThat(spec.bases())
                .containsEntry("127.0.0.1:9", MANAGER_1)
                .containsEntry("localhost:9", "http://localhost:9/manager");
        assertThat(resolve(shop("hosts", null, "url", "https://web1.example.com"))
                        .hosts())
                .containsExactly("web1.example.com");
    }

    @Test
    void refusesSettingsThatDoNotFitATomcat() {
        assertThatThrownBy(() -> resolve(shop("base", "/srv/app")))
                .isInstanceOf(DeployException.class)
                .hasMessage("deploy: targets.inline.base does not apply to a tomcat target: its hosts are manager URLs"
                        + " and path says where the WAR goes (path: /shop)");
        assertThatThrownBy(() -> resolve(shop("path", "shop")))
                .hasMessage("deploy: targets.inline.path must start with '/', was 'shop'");
        assertThatThrownBy(() -> resolve(shop("pth", "/x")))
                .hasMessageContaining("unknown")
                .hasMessageContaining("'pth'")
                .hasMessageContaining("'path'");
        assertThatThrownBy(() -> resolve(shop("hosts", List.of("http://web1/manager", "http://web1:80/manager"))))
                .hasMessage("deploy: targets.inline.hosts names the Tomcat web1:80 twice (http://web1/manager and"
                        + " http://web1:80/manager)");
        assertThatThrownBy(() -> resolve(shop("hosts", List.of("http://deployer:pw@web1:8080/manager"))))
                .hasMessage("deploy: targets.inline.hosts[0] must not hold a user or password (use credentialsId),"
                        + " was 'http://web1…'");
    }

    @Test
    void refusesWhatAManagerCannotDoBeforeTouchingAnyTomcat() {
        assertThatThrownBy(() -> deploy("hooks", Map.of("after", "systemctl restart shop")))
                .hasMessage("deploy: hooks does not apply to tomcat target 'shop': a Tomcat manager runs no commands"
                        + " (the application starts when it is deployed)");
        assertThatThrownBy(() -> deploy("healthCheck", Map.of("command", "curl -f localhost:8080/shop/health")))
                .hasMessage("deploy: healthCheck.command does not apply to tomcat target 'shop': a Tomcat manager runs"
                        + " no commands; use healthCheck.url, such as '{url}/health'");
        assertThatThrownBy(() -> deploy("shared", List.of("logs")))
                .hasMessage("deploy: shared does not apply to tomcat target 'shop': a WAR is deployed whole, with no"
                        + " release directory to link shared paths into");
        assertThatThrownBy(() -> deploy("strategy", "blueGreen"))
                .hasMessage("deploy: strategy 'blueGreen' does not apply to tomcat target 'shop': a context path"
                        + " serves one version at a time; use 'rolling' or 'canary' (or two targets)");
        assertThatThrownBy(() -> deploy("keep", 3))
                .hasMessage("deploy: keep does not apply to tomcat target 'shop': how many WARs are kept for rollback"
                        + " is the target's setting: keep: 3 under targets.shop");
        assertThatThrownBy(() -> deploy("artifact", "build/exploded"))
                .hasMessage("deploy: artifact must be a .war file for tomcat target 'shop', was the directory"
                        + " 'build/exploded'");
        assertThatThrownBy(() -> deploy("artifact", "build/app.tar.gz"))
                .hasMessage("deploy: artifact must be a WAR (a zip file) for tomcat target 'shop', was"
                        + " 'build/app.tar.gz'");
        assertThat(host.unmaskedLog()).doesNotContain("Deploying");
        assertThat(workspace.resolve(".orchestra")).doesNotExist();
    }

    @Test
    void anUnreachableManagerChangesNothing() {
        assertThatThrownBy(() -> deploy())
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith(
                        "deploy: nothing was changed: 127.0.0.1:9: cannot reach the Tomcat manager at " + MANAGER_1)
                .satisfies(e -> assertThat(((DeployException) e).isRetryable()).isTrue());
        assertThat(host.unmaskedLog()).doesNotContain("s3cret-pw");
    }

    @Test
    void urlInAHealthCheckIsForTomcatTargetsOnly() throws Exception {
        host.target("web", Map.of("kind", "local", "base", "srv"));
        assertThatThrownBy(() -> deploy("target", "web", "healthCheck", "{url}/health"))
                .hasMessage("deploy: healthCheck.url uses {url}, which only tomcat targets have; target 'web' is"
                        + " local: use {host}, such as 'http://{host}:8080/health', was '{url}/health'");
        assertThatThrownBy(() -> DeploySpec.parse(
                        Map.of("target", "shop", "artifact", "a.war", "version", "1", "healthCheck", "http://x/{url}")))
                .hasMessage("deploy: healthCheck.url may hold {url} once, at its start, such as '{url}/health', was"
                        + " 'http://x/{url}'");
    }
}
