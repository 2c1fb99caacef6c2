package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The step's parameters as a Jenkinsfile writes them, and the one-line messages for bad ones. */
class DeploySpecTest {
    private static Map<String, Object> base(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("target", "web", "artifact", "app.tar.gz", "version", "42"));
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove((String) kv[i]);
            } else {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static void refused(Map<String, Object> args, String message) {
        assertThatThrownBy(() -> DeploySpec.parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void readsTheIssueExample() {
        DeploySpec s = DeploySpec.parse(base(
                "strategy",
                "rolling",
                "batch",
                2,
                "healthCheck",
                Map.of("url", "http://{host}:8080/health", "expect", 200, "timeout", "60s"),
                "keep",
                5));
        assertThat(s.target()).isEqualTo(new TargetRef.Named("web"));
        assertThat(s.rollout().strategy()).isEqualTo(Strategy.ROLLING);
        assertThat(s.rollout().batch()).contains(HostCount.count(2));
        assertThat(s.healthCheck().orElseThrow().url()).contains("http://{host}:8080/health");
        assertThat(s.healthCheck().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.release().keep()).isEqualTo(5);
        assertThat(s.rollbackOnFailure()).isTrue();
        assertThat(s.lockStaleAfter()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsEveryParameter() {
        DeploySpec s = DeploySpec.parse(base(
                "target",
                Map.of("kind", "local", "base", "/srv/app"),
                "strategy",
                "canary",
                "canary",
                "10%",
                "batch",
                "25%",
                "maxParallel",
                4,
                "maxFailures",
                "1",
                "pause",
                "30s",
                "approval",
                "Go on?",
                "healthCheck",
                Map.of("command", "curl -fsS localhost:8080/health", "interval", "500ms"),
                "shared",
                List.of("logs", "config/app.yml"),
                "hooks",
                Map.of("before", "./migrate.sh", "after", List.of("sudo systemctl restart app"), "timeout", "2m"),
                "rollbackOnFailure",
                false,
                "dryRun",
                true,
                "lock",
                Map.of("staleAfter", "15m")));
        assertThat(s.target()).isInstanceOf(TargetRef.Inline.class);
        assertThat(s.rollout().canary()).contains(HostCount.percentage(10));
        assertThat(s.rollout().maxParallel()).hasValue(4);
        assertThat(s.rollout().maxFailures()).isEqualTo(HostCount.count(1));
        assertThat(s.rollout().pause()).contains(Duration.ofSeconds(30));
        assertThat(s.rollout().approval()).contains("Go on?");
        assertThat(s.healthCheck().orElseThrow().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.shared()).containsExactly("logs", "config/app.yml");
        assertThat(s.release().hooks().after()).containsExactly("sudo systemctl restart app");
        assertThat(s.release().hooks().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.rollbackOnFailure()).isFalse();
        assertThat(s.dryRun()).isTrue();
        assertThat(s.lockStaleAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(DeploySpec.parse(base("strategy", "canary", "approval", true))
                        .rollout()
                        .approval())
                .contains("Promote the release from the canary hosts to the rest?");
        assertThat(DeploySpec.parse(base("healthCheck", "https://{host}/ready"))
                        .healthCheck()
                        .orElseThrow()
                        .url())
                .contains("https://{host}/ready");
    }

    @Test
    void aRollbackTakesNeitherArtifactNorVersion() {
        DeploySpec s = DeploySpec.parse(Map.of("target", "web", "rollback", true));
        assertThat(s.rollback()).isTrue();
        assertThat(s.version()).isEqualTo(Optional.empty());
        refused(
                base("rollback", true, "version", null),
                "deploy: artifact is not used with rollback: true, was" + " 'app.tar.gz'");
        refused(
                base("rollback", true, "artifact", null),
                "deploy: version is not used with rollback: true (it goes" + " back one release), was '42'");
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndTheValue() {
        refused(
                base("batch", "x", "strategy", "rolling"),
                "deploy: batch must be a count or a percentage such as '25%', at least 1, was 'x'");
        refused(
                base("batch", "150%", "strategy", "rolling"),
                "deploy: batch must be a count or a percentage such as '25%', at least 1, was '150%'");
        refused(
                base("batch", 0, "strategy", "rolling"),
                "deploy: batch must be a count or a percentage such as '25%', at least 1, was '0'");
        refused(base("batch", 2), "deploy: batch needs strategy 'rolling' or 'canary', was 'all'");
        refused(
                base("strategy", "roling"),
                "deploy: strategy must be one of all, rolling, canary, blueGreen, was 'roling' (did you mean"
                        + " 'rolling'?)");
        refused(base("approval", "ok?"), "deploy: approval needs strategy 'canary', was 'all'");
        refused(base("maxParallel", 0), "deploy: maxParallel must be at least 1, was 0");
        refused(base("keep", 0), "deploy: keep must be at least 1, was 0");
        refused(
                base("pause", "soon", "strategy", "rolling"),
                "deploy: pause must be a duration such as '30s' or '5m', was 'soon'");
        refused(base("dryRun", "yes"), "deploy: dryRun must be true or false, was 'yes'");
        refused(
                base("helthCheck", "http://x/"),
                "deploy: unknown parameter 'helthCheck' (did you mean"
                        + " 'healthCheck'?); known: approval, artifact, batch, canary, dryRun, healthCheck, hooks, keep, lock,"
                        + " maxFailures, maxParallel, pause, rollback, rollbackOnFailure, shared, strategy, target, version");
        refused(
                base("healthCheck", Map.of("url", "http://x/", "timout", "5s")),
                "deploy: unknown setting 'timout' in healthCheck (did you mean 'timeout'?); known: body, command,"
                        + " credentialsId, expect, interval, timeout, url");
        refused(
                base("healthCheck", Map.of("url", "ftp://{host}/")),
                "deploy: healthCheck.url must be an http:// or https:// URL such as 'http://{host}:8080/health', was"
                        + " 'ftp://{host}/'");
        refused(
                base("healthCheck", Map.of("url", "http://x/", "command", "true")),
                "deploy: healthCheck needs either a url or a command, not both");
        refused(
                base("healthCheck", Map.of("url", "http://x/", "body", "(")),
                "deploy: healthCheck.body must be a regular expression, was '(' (Unclosed group)");
        refused(
                base("healthCheck", Map.of("url", "http://x/", "expect", 42)),
                "deploy: healthCheck.expect must be an HTTP status from 100 to 599, was 42");
        refused(
                base("target", null),
                "deploy: target is required: the name of a configured target, or a map such"
                        + " as [kind: 'local', base: '/srv/app']");
        refused(base("version", null), "deploy: version is required, such as version: env.BUILD_ID");
    }

    @Test
    void pathTraversalAndShellCharactersAreRefused() {
        refused(
                base("version", "../../etc"),
                "deploy: version must start with a letter or digit and hold only"
                        + " letters, digits and . _ + - (at most 128), was '../../etc'");
        refused(
                base("version", "1; rm -rf /"),
                "deploy: version must start with a letter or digit and hold only"
                        + " letters, digits and . _ + - (at most 128), was '1; rm -rf /'");
        refused(
                base("version", "1.0$(id)"),
                "deploy: version must start with a letter or digit and hold only"
                        + " letters, digits and . _ + - (at most 128), was '1.0$(id)'");
        refused(
                base("artifact", "build/../../secret.tar.gz"),
                "deploy: artifact must be a path in the workspace, without '..', was 'build/../../secret.tar.gz'");
        refused(
                base("shared", List.of("logs", "../etc")),
                "deploy: shared must be a relative path inside the"
                        + " release, without '..' (letters, digits and . _ @ + = , - between slashes), was '../etc'");
        refused(
                base("shared", "/etc/passwd"),
                "deploy: shared must be a relative path inside the release, without"
                        + " '..' (letters, digits and . _ @ + = , - between slashes), was '/etc/passwd'");
        refused(
                base("shared", "a b"),
                "deploy: shared must be a relative path inside the release, without '..'"
                        + " (letters, digits and . _ @ + = , - between slashes), was 'a b'");
        assertThat(DeploySpec.parse(base("version", "1.2.3+build.7_rc-1")).version())
                .contains("1.2.3+build.7_rc-1");
    }

    @Test
    void targetsAreReadWithTheirHostsAndBases() {
        TargetSpec t = TargetSpec.fromConfig(
                "web",
                Map.of("kind", "ssh", "hosts", List.of("web1", "web2:2222"), "base", "/srv/{host}", "user", "deploy"));
        assertThat(t.baseFor("web2:2222")).isEqualTo("/srv/web2:2222");
        assertThat(t.settings()).containsEntry("user", "deploy");
        TargetSpec local = TargetSpec.fromConfig("l", Map.of("kind", "local", "bases", Map.of("a", "/x", "b", "/y")));
        assertThat(local.hosts()).containsExactlyInAnyOrder("a", "b");
        assertThat(TargetSpec.fromConfig("l", Map.of("kind", "local", "base", "out"))
                        .hosts())
                .containsExactly("localhost");
        assertThatThrownBy(() -> TargetSpec.fromConfig(
                        "web", Map.of("kind", "ssh", "hosts", List.of("web1;id"), "base", "/srv")))
                .hasMessage(
                        "deploy: target 'web' hosts must be a host name or address (letters, digits and . _ - : @ [ ]"
                                + " %), was 'web1;id'");
        assertThatThrownBy(() -> TargetSpec.fromConfig("web", Map.of("kind", "ssh", "hosts", List.of("a"))))
                .hasMessage("deploy: target 'web' needs a base (or bases.a) for host 'a'");
        assertThatThrownBy(() -> TargetSpec.fromConfig(
                        "web", Map.of("kind", "ssh", "hosts", List.of("a"), "base", "/srv/../etc")))
                .hasMessage("deploy: target 'web' base must be a directory path without '..', was '/srv/../etc'");
        assertThatThrownBy(() -> TargetSpec.fromConfig("web", Map.of("hosts", List.of("a"), "base", "/srv")))
                .hasMessage("deploy: target 'web' needs a kind: local, ssh or tomcat");
        TargetSpec spec = TargetSpec.fromConfig("l", Map.of("kind", "local", "base", "out", "usr", "x"));
        assertThatThrownBy(() -> spec.checkSettings(java.util.Set.of("user")))
                .hasMessage("deploy: unknown setting 'usr' in target 'l' (did you mean 'user'?); known: base, bases,"
                        + " hosts, kind, user");
    }
}
