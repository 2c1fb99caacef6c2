package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollback: true} and dry runs, over a local target of three hosts. */
@Timeout(60)
class RollbackAndDryRunTest {
    @TempDir
    Path ws;

    private final Deployer deployer = new Deployer(TargetKinds.defaults());

    @BeforeEach
    void artifacts() throws Exception {
        for (int v = 1; v <= 3; v++) {
            Fixtures.tarGz(ws, "v" + v + ".tar.gz", "" + v);
        }
    }

    private RecordingStepHost host() {
        return new RecordingStepHost(ws).target("web", Fixtures.localTarget(ws.resolve("srv"), 3));
    }

    private DeployResult run(RecordingStepHost host, Object... kv) throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", "web");
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        return deployer.deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
    }

    private List<String> live() throws Exception {
        return List.of(
                String.valueOf(Fixtures.live(ws.resolve("srv/h1"))),
                String.valueOf(Fixtures.live(ws.resolve("srv/h2"))),
                String.valueOf(Fixtures.live(ws.resolve("srv/h3"))));
    }

    @Test
    void rollbackSwitchesEveryHostBackOneReleaseAtATime() throws Exception {
        RecordingStepHost host = host();
        for (int v = 1; v <= 3; v++) {
            run(host, "artifact", "v" + v + ".tar.gz", "version", "" + v);
        }
        DeployResult back = run(host, "rollback", true, "hooks", Map.of("after", "echo now on $DEPLOY_VERSION"));
        assertThat(live()).containsOnly("2");
        assertThat(back.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.ROLLED_BACK);
        assertThat(back.toOutputs()).containsEntry("version", "2").containsEntry("previousVersion", "3");
        assertThat(host.log()).contains("[h1] current -> 2 (was 3)", "[h1]   now on 2", "Rolled back target 'web'");
        run(host, "rollback", true);
        assertThat(live()).containsOnly("1");
        assertThatThrownBy(() -> run(host, "rollback", true))
                .isInstanceOf(DeployException.class)
                .hasMessage("deploy: nothing was changed: h1 has no release to roll back to (1 is live, with nothing"
                        + " before it)");
        assertThat(live()).containsOnly("1");
        List<String> log = Files.readAllLines(ws.resolve("srv/h1/.orchestra/releases.log"));
        assertThat(log)
                .extracting(l -> l.split("\t")[1] + " " + l.split("\t")[2])
                .containsExactly("deploy 1", "deploy 2", "deploy 3", "rollback 2", "rollback 1");
        // deploying again after rollbacks: the release before it is the one it replaced
        run(host, "artifact", "v3.tar.gz", "version", "3");
        run(host, "rollback", true);
        assertThat(live()).containsOnly("1");
    }

    @Test
    void aDryRunPrintsThePlanPerHostAndChangesNothing() throws Exception {
        RecordingStepHost host = host();
        DeployResult plan = run(
                host,
                "artifact",
                "v1.tar.gz",
                "version",
                "1",
                "strategy",
                "rolling",
                "batch",
                2,
                "dryRun",
                true,
                "healthCheck",
                Map.of("command", "true"),
                "shared",
                List.of("logs"));
        assertThat(ws.resolve("srv")).doesNotExist();
        assertThat(plan.dryRun()).isTrue();
        assertThat(plan.toOutputs()).containsEntry("result", "DRY_RUN");
        assertThat(plan.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.PLANNED);
        assertThat(host.log())
                .contains("Dry run: deploy 1 (v1.tar.gz, tar.gz, ")
                .contains("  batch 1: h1, h2", "  batch 2: h3")
                .contains("  h1 (" + ws.resolve("srv/h1") + "): nothing -> 1: upload v1.tar.gz and unpack it into"
                        + " releases/1, link shared logs, switch current, check command true, keep 5 releases")
                .contains("Dry run: nothing was changed");
    }

    @Test
    void theHostsDryRunChangesNothingEitherNotEvenTheLock() throws Exception {
        RecordingStepHost host = host();
        run(host, "artifact", "v1.tar.gz", "version", "1");
        Path h1 = ws.resolve("srv/h1");
        long logSize = Files.size(h1.resolve(".orchestra/releases.log"));
        RecordingStepHost dry = host().dryRun(true);
        run(dry, "artifact", "v2.tar.gz", "version", "2", "hooks", Map.of("after", "touch /tmp/should-not-run"));
        run(dry, "rollback", true);
        assertThat(live()).containsOnly("1");
        assertThat(h1.resolve("releases/2")).doesNotExist();
        assertThat(Files.size(h1.resolve(".orchestra/releases.log"))).isEqualTo(logSize);
        try (var files = Files.list(h1.resolve(".orchestra"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("releases.log", "uploads", "checksums");
        }
        assertThat(dry.log())
                .contains("h1 (" + h1 + "): 1 -> 2: upload v2.tar.gz and unpack it into releases/2, switch current,"
                        + " run 1 after hook(s), keep 5 releases")
                .contains("h1 (" + h1 + "): 1: no release to roll back to");
    }
}
