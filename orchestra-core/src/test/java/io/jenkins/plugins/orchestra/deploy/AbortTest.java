package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A deploy stopped half-way (an abort, a timeout): what was switched goes back, the lock goes, nothing runs on. */
@Timeout(60)
class AbortTest {
    @TempDir
    Path ws;

    @Test
    void anInterruptedDeployRollsBackWhatItSwitchedReleasesTheLockAndStopsItsCommands() throws Exception {
        Fixtures.tarGz(ws, "v1.tar.gz", "1");
        Fixtures.tarGz(ws, "v2.tar.gz", "2");
        RecordingStepHost host = new RecordingStepHost(ws).target("web", Fixtures.localTarget(ws.resolve("srv"), 3));
        Deployer deployer = new Deployer(TargetKinds.defaults());
        deployer.deploy(
                DeploySpec.parse(Map.of("target", "web", "artifact", "v1.tar.gz", "version", "1")),
                host,
                DeployApproval.refuseAll("nobody"));
        Path hung = ws.resolve("hung");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", "web");
        args.put("artifact", "v2.tar.gz");
        args.put("version", "2");
        args.put("strategy", "rolling");
        // h2's after hook hangs: h1 is switched and healthy, h2 is switched and stuck
        args.put(
                "hooks",
                Map.of(
                        "after",
                        "if [ \"$DEPLOY_HOST\" = h2 ] && [ \"$DEPLOY_VERSION\" = 2 ]; then echo $$ > " + hung
                                + "; sleep 60; fi"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread deploy = new Thread(() -> {
            try {
                deployer.deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        deploy.start();
        while (!Files.exists(hung) || Files.readString(hung).isBlank()) {
            Thread.sleep(20);
        }
        long sleeper = Long.parseLong(Files.readString(hung).strip());
        deploy.interrupt();
        deploy.join(20_000);
        assertThat(deploy.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        for (String h : List.of("h1", "h2", "h3")) {
            assertThat(Fixtures.live(ws.resolve("srv/" + h))).as(h).isEqualTo("1");
            assertThat(ws.resolve("srv/" + h + "/.orchestra/lock")).as(h).doesNotExist();
        }
        assertThat(ws.resolve("srv/h3/releases/2")).doesNotExist();
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false))
                .as("the hung hook was killed")
                .isFalse();
        assertThat(host.log()).contains("[h1] rolled back: current -> 1", "[h2] rolled back: current -> 1");
    }
}
