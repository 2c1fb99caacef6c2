package io.jenkins.plugins.orchestra.deploy.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TomcatSettingsTest {
    private static Map<String, Object> shop() {
        Map<String, Object> target = new HashMap<>();
        target.put("kind", "tomcat");
        target.put("hosts", List.of("http://web1:8080/manager", "https://web2.example.com/manager/"));
        target.put("path", "/shop");
        target.put("credentialsId", "tomcat-deployer");
        return target;
    }

    @Test
    void readsATargetWithDefaults() {
        TomcatSettings settings = TomcatSettings.fromConfig("shop", shop());

        assertThat(settings.managers())
                .containsExactly(
                        URI.create("http://web1:8080/manager"), URI.create("https://web2.example.com/manager"));
        assertThat(settings.path()).isEqualTo("/shop");
        assertThat(settings.credentialsId()).isEqualTo("tomcat-deployer");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.keep()).isEqualTo(5);
        assertThat(settings.stateDir(Path.of("/ws"))).isEqualTo(Path.of("/ws/.orchestra/tomcat/shop"));
    }

    @Test
    void readsEverySetting() {
        Map<String, Object> target = shop();
        target.remove("hosts");
        target.put("url", "http://127.0.0.1:8080");
        target.put("connectTimeout", "3s");
        target.put("timeout", 90);
        target.put("keep", "2");
        target.put("stateDir", "state/tomcat");

        TomcatSettings settings = TomcatSettings.fromConfig("shop", target);

        assertThat(settings.managers()).containsExactly(URI.create("http://127.0.0.1:8080/manager"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.keep()).isEqualTo(2);
        assertThat(settings.stateDir(Path.of("/ws"))).isEqualTo(Path.of("/ws/state/tomcat"));
    }

    @Test
    void takesTheManagersBaseUrlWhenGivenItsTextInterface() {
        Map<String, Object> target = shop();
        target.put("hosts", "http://web1:8080/manager/text/");

        assertThat(TomcatSettings.fromConfig("shop", target).managers())
                .containsExactly(URI.create("http://web1:8080/manager"));
    }

    @Test
    void acceptsTheRootContext() {
        Map<String, Object> target = shop();
        target.put("path", "/");

        assertThat(TomcatSettings.fromConfig("shop", target).path()).isEqualTo("/");
    }

    @Test
    void rejectsAPathWithoutLeadingSlashNamingTheField() {
        Map<String, Object> target = shop();
        target.put("path", "app");

        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", target))
                .hasMessage("targets.shop.path must start with '/', was 'app'");
    }

    @Test
    void rejectsPathsTomcatWouldReadAsAVersionOrAnotherPath() {
        for (String path : List.of("/shop##2", "/shop/", "/a b", "/shop/../admin", "/shop?x")) {
            Map<String, Object> target = shop();
            target.put("path", path);
            assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", target))
                    .as(path)
                    .hasMessageStartingWith("targets.shop.path must")
                    .hasMessageContaining("'" + path + "'");
        }
    }

    @Test
    void requiresHostsPathAndCredentials() {
        Map<String, Object> noHosts = shop();
        noHosts.remove("hosts");
        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", noHosts))
                .hasMessageStartingWith("targets.shop needs hosts (or url)");

        Map<String, Object> noPath = shop();
        noPath.remove("path");
        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", noPath))
                .hasMessageStartingWith("targets.shop.path is required");

        Map<String, Object> noCredentials = shop();
        noCredentials.remove("credentialsId");
        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", noCredentials))
                .hasMessageStartingWith("targets.shop.credentialsId is required")
                .hasMessageContaining("manager-script");
    }

    @Test
    void rejectsBothHostsAndUrl() {
        Map<String, Object> target = shop();
        target.put("url", "http://web3:8080/manager");

        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", target))
                .hasMessage("targets.shop has both hosts and url; give one of them");
    }

    @Test
    void rejectsAPasswordInAUrlWithoutRepeatingIt() {
        Map<String, Object> target = shop();
        target.put("hosts", List.of("http://admin:hunter2@web1:8080/manager"));

        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", target))
                .hasMessageStartingWith("targets.shop.hosts[0] must not hold a user or password (use credentialsId)")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void rejectsWhatIsNotAManagerUrl() {
        for (Object host : List.of("ftp://web1/manager", "web1:8080", "http://web1:8080/manager?x=1", 42)) {
            Map<String, Object> target = shop();
            target.put("hosts", List.of(host));
            assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", target))
                    .as(host.toString())
                    .hasMessageStartingWith("targets.shop.hosts[0] ");
        }
    }

    @Test
    void rejectsTheSameManagerTwice() {
        Map<String, Object> target = shop();
        target.put("hosts", List.of("http://web1:8080/manager", "http://web1:8080/manager/"));

        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", target))
                .hasMessage("targets.shop.hosts names http://web1:8080/manager twice");
    }

    @Test
    void rejectsBadNumbersAndDurationsNamingTheField() {
        Map<String, Object> keep = shop();
        keep.put("keep", 0);
        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", keep))
                .hasMessage("targets.shop.keep must be at least 1, was 0");

        Map<String, Object> words = shop();
        words.put("keep", "five");
        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", words))
                .hasMessage("targets.shop.keep must be a whole number, was 'five'");

        Map<String, Object> timeout = shop();
        timeout.put("timeout", "soon");
        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", timeout))
                .hasMessageStartingWith("targets.shop.timeout: 'soon' is not a duration");

        Map<String, Object> zero = shop();
        zero.put("connectTimeout", 0);
        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", zero))
                .hasMessage("targets.shop.connectTimeout must be positive, was 0ms");
    }

    @Test
    void rejectsAnotherKind() {
        Map<String, Object> target = shop();
        target.put("kind", "ssh");

        assertThatThrownBy(() -> TomcatSettings.fromConfig("shop", target))
                .hasMessage("targets.shop.kind must be 'tomcat', was 'ssh'");
    }

    @Test
    void keepsTheDefaultStateDirectoryInsideTheWorkspaceWhateverTheTargetName() {
        TomcatSettings settings = TomcatSettings.fromConfig("../../etc", shop());

        assertThat(settings.stateDir(Path.of("/ws"))).isEqualTo(Path.of("/ws/.orchestra/tomcat/.._.._etc"));
        assertThat(settings.stateDir(Path.of("/ws")).normalize().startsWith(Path.of("/ws/.orchestra/tomcat")))
                .isTrue();
    }
}
