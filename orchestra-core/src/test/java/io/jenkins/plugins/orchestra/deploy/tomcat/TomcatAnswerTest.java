package io.jenkins.plugins.orchestra.deploy.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.deploy.tomcat.TomcatManager.Answer;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the manager's text answers are read, on answers copied from Tomcat 10.1. */
class TomcatAnswerTest {
    @Test
    void readsAnOkAnswerAndItsData() {
        Answer answer = Answer.parse("OK - Listed applications for virtual host [localhost]\n"
                + "/shop:running:0:shop\n"
                + "/manager:running:0:/usr/share/tomcat10-admin/manager\n");

        assertThat(answer.ok()).isTrue();
        assertThat(answer.message()).isEqualTo("Listed applications for virtual host [localhost]");
        assertThat(answer.lines())
                .containsExactly("/shop:running:0:shop", "/manager:running:0:/usr/share/tomcat10-admin/manager");
    }

    @Test
    void readsAFailAnswerWithTomcatsEscapesUndone() {
        Answer answer = Answer.parse("FAIL - No context exists named [&#47;nope]\r\n");

        assertThat(answer.ok()).isFalse();
        assertThat(answer.message()).isEqualTo("No context exists named [/nope]");
    }

    @Test
    void somethingElseIsNoAnswer() {
        assertThat(Answer.parse("<!DOCTYPE html><html>…")).isNull();
        assertThat(Answer.parse("")).isNull();
    }

    @Test
    void undoesNamedAndNumericEscapes() {
        assertThat(TomcatManager.unescape("&lt;a&gt; &amp;amp; &quot;&#x2F;&#39;&unknown;"))
                .isEqualTo("<a> &amp; \"/'&unknown;");
    }

    @Test
    void readsListLines() {
        assertThat(TomcatApp.parse("/shop:running:3:shop")).contains(new TomcatApp("/shop", "running", 3, "shop"));
        assertThat(TomcatApp.parse("/:stopped:0:ROOT")).contains(new TomcatApp("/", "stopped", 0, "ROOT"));
        assertThat(TomcatApp.parse("C:\\x:running:0:y")).isEmpty();
        assertThat(TomcatApp.parse("/shop:running:many:shop")).isEmpty();
    }

    @Test
    void findsTheVersionOfAParallelDeployment() {
        assertThat(new TomcatApp("/shop", "running", 0, "shop##2.1").parallelVersion())
                .contains("2.1");
        assertThat(new TomcatApp("/shop", "running", 0, "shop").parallelVersion())
                .isEmpty();
        assertThat(new TomcatApp("/m", "running", 0, "/opt/apps/m##x/dir").parallelVersion())
                .isEmpty();
    }

    @Test
    void aTomcatHostServesTheApplicationBesideItsManager() {
        TomcatHost shop = TomcatHost.of(URI.create("https://web1.example.com:8443/manager"), "/shop/api");
        assertThat(shop.name()).isEqualTo("web1.example.com:8443");
        assertThat(shop.hostName()).isEqualTo("web1.example.com");
        assertThat(shop.appUrl()).isEqualTo(URI.create("https://web1.example.com:8443/shop/api/"));
        assertThat(shop.url("/health")).isEqualTo(URI.create("https://web1.example.com:8443/shop/api/health"));

        TomcatHost root = TomcatHost.of(URI.create("http://web2/manager"), "/");
        assertThat(root.name()).isEqualTo("web2");
        assertThat(root.appUrl()).isEqualTo(URI.create("http://web2/"));
    }

    @Test
    void aDeploymentReportsTheRecordedVersionOnlyWhileSomethingIsDeployed() {
        TomcatHost host = TomcatHost.of(URI.create("http://web1:8080/manager"), "/shop");
        TomcatRelease recorded = new TomcatRelease("2", "a".repeat(64), java.time.Instant.EPOCH, "job#1");

        assertThat(new TomcatDeployment(host, "/shop", List.of(), Optional.of(recorded)).version())
                .isEmpty();
        assertThat(new TomcatDeployment(
                                host,
                                "/shop",
                                List.of(new TomcatApp("/shop", "running", 0, "shop")),
                                Optional.of(recorded))
                        .version())
                .contains("2");
        assertThat(new TomcatDeployment(
                                host, "/shop", List.of(new TomcatApp("/shop", "running", 0, "shop")), Optional.empty())
                        .describe())
                .isEqualTo("an application not deployed by this target");
    }
}
