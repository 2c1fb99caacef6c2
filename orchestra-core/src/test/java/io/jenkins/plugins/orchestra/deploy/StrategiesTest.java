package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The strategies over a local target of several "hosts" (a directory each), health-checked by a real HTTP server on
 * 127.0.0.1 that answers per host ({@code /h3} can be made to fail).
 */
@Timeout(60)
class StrategiesTest {
    @TempDir
    Path ws;

    private HealthServer health;
    private final Deployer deployer = new Deployer(TargetKinds.defaults());
    private final List<String> questions = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        health = new HealthServer();
        Fixtures.tarGz(ws, "v1.tar.gz", "1");
        Fixtures.tarGz(ws, "v2.tar.gz", "2");
    }

    @AfterEach
    void stop() {
        health.close();
    }

    private RecordingStepHost host(int hosts) {
        return new RecordingStepHost(ws).target("web", Fixtures.localTarget(ws.resolve("srv"), hosts));
    }

    private DeployResult deploy(RecordingStepHost host, String version, Object... more) throws InterruptedException {
        return deploy(host, DeployApproval.refuseAll("nobody"), version, more);
    }

    private DeployResult deploy(RecordingStepHost host, DeployApproval approval, String version, Object... more)
            throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", "web");
        args.put("artifact", "v" + version + ".tar.gz");
        args.put("version", version);
        for (int i = 0; i < more.length; i += 2) {
            args.put((String) more[i], more[i + 1]);
        }
        return deployer.deploy(DeploySpec.parse(args), host, question -> {
            questions.add(question);
            return approval.ask(question);
        });
    }

    private Map<String, Object> check() {
        return Map.of("url", health.url("{host}"), "timeout", "1s", "interval", "100ms");
    }

    private String live(String host) throws Exception {
        return Fixtures.live(ws.resolve("srv").resolve(host));
    }

    @Test
    void allDeploysEveryHostAtOnce() throws Exception {
        DeployResult r = deploy(host(3), "1", "healthCheck", check());
        assertThat(r.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.DEPLOYED);
        assertThat(List.of(live("h1"), live("h2"), live("h3"))).containsOnly("1");
        assertThat(health.requests()).containsExactlyInAnyOrder("h1", "h2", "h3");
    }

    @Test
    void rollingStopsAtAnUnhealthyHostRollsBackAndNeverTouchesLaterBatches() throws Exception {
        RecordingStepHost host = host(6);
        deploy(host, "1");
        health.answer("h3", 503);
        assertThatThrownBy(() -> deploy(host, "2", "strategy", "rolling", "batch", 2, "healthCheck", check()))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("deploy: deploy to target 'web' failed: 1 of 6 hosts failed (h3: health check"
                        + " failed after ")
                .hasMessageContaining("GET " + health.url("h3") + " answered 503, expected 200)")
                .hasMessageEndingWith("; rolled back: h1, h2, h3, h4; not started: h5, h6")
                .satisfies(e -> {
                    DeployResult r = ((DeployException) e).result().orElseThrow();
                    assertThat(r.succeeded()).isFalse();
                    assertThat(r.hosts())
                            .extracting(HostResult::outcome)
                            .containsExactly(
                                    HostOutcome.ROLLED_BACK,
                                    HostOutcome.ROLLED_BACK,
                                    HostOutcome.ROLLED_BACK,
                                    HostOutcome.ROLLED_BACK,
                                    HostOutcome.NOT_STARTED,
                                    HostOutcome.NOT_STARTED);
                    assertThat(r.hosts()).extracting(h -> h.live().orElse("")).containsOnly("1");
                });
        for (String h : List.of("h1", "h2", "h3", "h4", "h5", "h6")) {
            assertThat(live(h)).as(h).isEqualTo("1");
        }
        // later batches were never touched: no release, no upload, no log line
        for (String h : List.of("h5", "h6")) {
            assertThat(ws.resolve("srv/" + h + "/releases/2")).doesNotExist();
            assertThat(Files.readAllLines(ws.resolve("srv/" + h + "/.orchestra/releases.log")))
                    .hasSize(1);
        }
        assertThat(health.requests()).doesNotContain("h5", "h6");
        assertThat(host.log())
                .contains("Batch 1/3: h1, h2", "Batch 2/3: h3, h4")
                .doesNotContain("Batch 3/3")
                .containsPattern("h3 +1 -> 2 +rolled back +[0-9.]+m?s +health check failed after")
                .containsPattern("h5 +1 -> 2 +not started +-");
    }

    @Test
    void rollingToleratesMaxFailuresRollingBackOnlyTheFailedHost() throws Exception {
        RecordingStepHost host = host(4);
        deploy(host, "1");
        health.answer("h2", 500);
        DeployResult r =
                deploy(host, "2", "strategy", "rolling", "batch", "50%", "maxFailures", 1, "healthCheck", check());
        assertThat(r.succeeded()).isTrue();
        assertThat(r.hosts())
                .extracting(HostResult::outcome)
                .containsExactly(
                        HostOutcome.DEPLOYED, HostOutcome.ROLLED_BACK, HostOutcome.DEPLOYED, HostOutcome.DEPLOYED);
        assertThat(List.of(live("h1"), live("h2"), live("h3"), live("h4"))).containsExactly("2", "1", "2", "2");
        assertThat(host.log()).contains("WARNING: 1 host failed, within maxFailures 1");
    }

    @Test
    void withoutRollbackOnFailureTheFailedHostKeepsTheNewRelease() throws Exception {
        RecordingStepHost host = host(2);
        deploy(host, "1");
        health.answer("h1", 500);
        assertThatThrownBy(() ->
                        deploy(host, "2", "strategy", "rolling", "healthCheck", check(), "rollbackOnFailure", false))
                .isInstanceOf(DeployException.class)
                .hasMessageEndingWith("; not started: h2");
        assertThat(live("h1")).isEqualTo("2");
        assertThat(live("h2")).isEqualTo("1");
    }

    @Test
    void anUnhealthyCanaryStopsTheDeployBeforeTheRest() throws Exception {
        RecordingStepHost host = host(4);
        deploy(host, "1");
        health.answer("h1", 500);
        assertThatThrownBy(() -> deploy(host, "2", "strategy", "canary", "healthCheck", check()))
                .isInstanceOf(DeployException.class)
                .hasMessageEndingWith("; rolled back: h1; not started: h2, h3, h4");
        assertThat(List.of(live("h1"), live("h2"), live("h3"), live("h4"))).containsOnly("1");
        assertThat(host.log()).contains("Canary: h1");
    }

    @Test
    void aRejectedCanaryIsRolledBackAndAnApprovedOneGoesOnToTheRest() throws Exception {
        RecordingStepHost host = host(4);
        deploy(host, "1");
        assertThatThrownBy(() -> deploy(
                        host,
                        q -> new DeployApproval.Decision(false, "bob"),
                        "2",
                        "strategy",
                        "canary",
                        "canary",
                        "25%",
                        "approval",
                        "Ship it?",
                        "healthCheck",
                        check()))
                .isInstanceOf(DeployException.class)
                .hasMessage("deploy: deploy to target 'web' failed: the canary was not promoted (rejected by bob);"
                        + " rolled back: h1; not started: h2, h3, h4");
        assertThat(questions).containsExactly("Ship it? (2 is live and healthy on h1)");
        assertThat(live("h1")).isEqualTo("1");

        RecordingStepHost again = host(4);
        DeployResult r = deploy(
                again,
                q -> new DeployApproval.Decision(true, "carol"),
                "2",
                "strategy",
                "canary",
                "canary",
                2,
                "batch",
                1,
                "approval",
                true,
                "healthCheck",
                check());
        assertThat(r.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.DEPLOYED);
        assertThat(again.log()).contains("Canary: h1, h2", "Promoted by carol", "Batch 2/3: h3", "Batch 3/3: h4");
    }

    @Test
    void blueGreenChecksTheIdleSlotThenSwitchesAndKeepsTheOtherSlotForRollback() throws Exception {
        RecordingStepHost host = host(2);
        Map<String, Object> slotCheck =
                Map.of("url", health.url("{host}/{slot}"), "timeout", "1s", "interval", "100ms");
        deploy(host, "1", "strategy", "blueGreen", "healthCheck", slotCheck);
        Path h1 = ws.resolve("srv/h1");
        assertThat(Files.readSymbolicLink(h1.resolve("current"))).isEqualTo(Path.of("blue"));
        assertThat(Files.readSymbolicLink(h1.resolve("blue"))).isEqualTo(Path.of("releases/1"));
        deploy(host, "2", "strategy", "blueGreen", "healthCheck", slotCheck);
        assertThat(Files.readSymbolicLink(h1.resolve("current"))).isEqualTo(Path.of("green"));
        assertThat(Files.readSymbolicLink(h1.resolve("green"))).isEqualTo(Path.of("releases/2"));
        assertThat(Files.readSymbolicLink(h1.resolve("blue"))).isEqualTo(Path.of("releases/1"));
        assertThat(live("h1")).isEqualTo("2");
        assertThat(health.requests()).contains("h1/blue", "h1/green", "h2/green");
        assertThat(host.log()).contains("[h1] slot green -> 2 (not live yet)");

        deployer.deploy(DeploySpec.parse(Map.of("target", "web", "rollback", true)), host, q -> null);
        assertThat(Files.readSymbolicLink(h1.resolve("current"))).isEqualTo(Path.of("blue"));
        assertThat(live("h1")).isEqualTo("1");
    }

    @Test
    void blueGreenSwitchesNothingWhenAnIdleSlotIsUnhealthy() throws Exception {
        RecordingStepHost host = host(3);
        Map<String, Object> slotCheck =
                Map.of("url", health.url("{host}/{slot}"), "timeout", "500ms", "interval", "100ms");
        deploy(host, "1", "strategy", "blueGreen");
        health.answer("h2/green", 502);
        assertThatThrownBy(() -> deploy(host, "2", "strategy", "blueGreen", "healthCheck", slotCheck))
                .isInstanceOf(DeployException.class)
                .satisfies(e -> assertThat(
                                ((DeployException) e).result().orElseThrow().hosts())
                        .extracting(HostResult::outcome)
                        .containsExactly(HostOutcome.NOT_SWITCHED, HostOutcome.FAILED, HostOutcome.NOT_SWITCHED));
        for (String h : List.of("h1", "h2", "h3")) {
            assertThat(Files.readSymbolicLink(ws.resolve("srv/" + h + "/current")))
                    .isEqualTo(Path.of("blue"));
            assertThat(live(h)).isEqualTo("1");
        }
    }

    @Test
    void aCommandHealthCheckRunsOnTheHostInTheRelease() throws Exception {
        RecordingStepHost host = host(2);
        DeployResult r = deploy(
                host,
                "1",
                "healthCheck",
                Map.of("command", "grep -q 'version 1' index.html", "timeout", "2s", "interval", "100ms"));
        assertThat(r.succeeded()).isTrue();
        assertThatThrownBy(() -> deploy(
                        host,
                        "2",
                        "healthCheck",
                        Map.of(
                                "command",
                                "test \"$DEPLOY_HOST\" != h2 || { echo 'h2 is sick' >&2; exit 1; }",
                                "timeout",
                                "300ms",
                                "interval",
                                "100ms")))
                .hasMessageContaining("1 of 2 hosts failed (h2: health check failed after ")
                .hasMessageContaining("command exited 1: h2 is sick)")
                .hasMessageEndingWith("; rolled back: h1, h2");
        assertThat(live("h1")).isEqualTo("1");
    }

    @Test
    void aHealthCheckCanRequireItsBodyToMatch() throws Exception {
        RecordingStepHost host = host(1);
        Map<String, Object> good = Map.of("url", health.url("{host}"), "body", "^ok h\\d$", "timeout", "1s");
        assertThat(deploy(host, "1", "healthCheck", good).succeeded()).isTrue();
        Map<String, Object> bad =
                Map.of("url", health.url("{host}"), "body", "UP", "timeout", "300ms", "interval", "100ms");
        assertThatThrownBy(() -> deploy(host, "2", "healthCheck", bad))
                .hasMessageContaining("GET " + health.url("h1") + " answered 200 but its body does not match /UP/");
        assertThat(live("h1")).isEqualTo("1");
    }

    @Test
    void theOutputsArePlainValues() throws Exception {
        Map<String, Object> outputs = deploy(host(2), "1").toOutputs();
        assertThat(outputs.keySet())
                .containsExactly(
                        "version", "previousVersion", "target", "result", "duration", "durationMillis", "hosts");
        assertThat(outputs.get("durationMillis")).isInstanceOf(Integer.class);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hosts = (List<Map<String, Object>>) outputs.get("hosts");
        assertThat(hosts.get(1))
                .containsEntry("host", "h2")
                .containsEntry("previous", "")
                .containsEntry("version", "1")
                .containsEntry("result", "deployed")
                .containsEntry("live", "1")
                .containsEntry("error", "");
    }

    @Test
    void maxParallelBoundsHowManyHostsAreWorkedOnAtOnce() throws Exception {
        RecordingStepHost host = host(4);
        Path marks = Files.createDirectories(ws.resolve("marks"));
        String hook = "mkdir " + marks + "/$DEPLOY_HOST; n=$(ls " + marks + " | wc -l); echo $n >> " + marks
                + "/../counts; sleep 0.3; rmdir " + marks + "/$DEPLOY_HOST";
        deploy(host, "1", "maxParallel", 2, "hooks", Map.of("before", hook));
        List<String> counts = Files.readAllLines(ws.resolve("counts"));
        assertThat(counts).hasSize(4).allSatisfy(c -> assertThat(Integer.parseInt(c.strip()))
                .isLessThanOrEqualTo(2));
    }
}
