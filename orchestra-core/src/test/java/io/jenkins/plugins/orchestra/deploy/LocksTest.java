package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.host.RunRef;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The per-target lock, {@code <base>/.orchestra/lock}, with real concurrent deploys. */
@Timeout(60)
class LocksTest {
    @TempDir
    Path ws;

    private final Deployer deployer = new Deployer(TargetKinds.defaults());
    private Path base;

    @BeforeEach
    void artifact() throws Exception {
        Fixtures.tarGz(ws, "v1.tar.gz", "1");
        Fixtures.tarGz(ws, "v2.tar.gz", "2");
        base = ws.resolve("srv");
    }

    private DeployResult deploy(RecordingStepHost host, String version, Object... more) throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", Map.of("kind", "local", "base", "srv"));
        args.put("artifact", "v" + version + ".tar.gz");
        args.put("version", version);
        for (int i = 0; i < more.length; i += 2) {
            args.put((String) more[i], more[i + 1]);
        }
        return deployer.deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
    }

    private void writeLock(LockOwner owner, Instant modified) throws Exception {
        Path lock = Files.createDirectories(base.resolve(".orchestra")).resolve("lock");
        Files.writeString(lock, owner.line() + "\n");
        Files.setLastModifiedTime(lock, FileTime.from(modified));
    }

    @Test
    void aSecondDeployIsRefusedWhileTheFirstHoldsTheLockNamingIt() throws Exception {
        Path started = ws.resolve("started");
        Path go = ws.resolve("go");
        String wait = "touch " + started + "; i=0; while [ ! -e " + go + " ] && [ $i -lt 400 ]; do sleep 0.05;"
                + " i=$((i+1)); done";
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<DeployResult> first =
                    other.submit(() -> deploy(new RecordingStepHost(ws), "1", "hooks", Map.of("before", wait)));
            while (!Files.exists(started)) {
                Thread.sleep(20);
            }
            RecordingStepHost second = new RecordingStepHost(ws).run(new RunRef("app", 8, "", "bob"));
            assertThatThrownBy(() -> deploy(second, "2"))
                    .isInstanceOf(DeployException.class)
                    .hasMessageStartingWith(
                            "deploy: target is locked on localhost by app#7 (alice) on " + LockOwner.thisMachine()
                                    + ", pid " + ProcessHandle.current().pid() + ", since ")
                    .hasMessageEndingWith("(" + base + "/.orchestra/lock); it is released when that deploy ends, or"
                            + " taken over once older than 1h00m")
                    .satisfies(
                            e -> assertThat(((DeployException) e).isRetryable()).isTrue());
            assertThat(base.resolve("releases/2")).doesNotExist();
            Files.createFile(go);
            assertThat(first.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
        } finally {
            other.shutdownNow();
        }
        assertThat(base.resolve(".orchestra/lock")).doesNotExist();
        assertThat(deploy(new RecordingStepHost(ws).run(new RunRef("app", 8, "", "bob")), "2")
                        .succeeded())
                .isTrue();
    }

    @Test
    void aLockOlderThanStaleAfterIsTakenOverWithAWarning() throws Exception {
        LockOwner old =
                new LockOwner("app#3", "carol", "old-agent", 4242, Instant.now().minus(Duration.ofHours(2)));
        writeLock(old, Instant.now().minus(Duration.ofHours(2)));
        RecordingStepHost host = new RecordingStepHost(ws);
        assertThat(deploy(host, "1").succeeded()).isTrue();
        assertThat(host.log())
                .contains("WARNING: localhost: taking over the stale lock of app#3 (carol) on old-agent,"
                        + " pid 4242, since " + old.since() + " (older than 1h00m)");
        assertThat(base.resolve(".orchestra/lock")).doesNotExist();
    }

    @Test
    void aFreshLockOfAnotherMachineIsRespectedUntilStaleAfter() throws Exception {
        LockOwner other = new LockOwner("app#3", "carol", "other-agent", 4242, Instant.now());
        writeLock(other, Instant.now().minusSeconds(5));
        assertThatThrownBy(() -> deploy(new RecordingStepHost(ws), "1"))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("locked on localhost by app#3 (carol) on other-agent");
        assertThat(base.resolve(".orchestra/lock")).content().isEqualTo(other.line() + "\n");
        RecordingStepHost host = new RecordingStepHost(ws);
        assertThat(deploy(host, "1", "lock", Map.of("staleAfter", "2s")).succeeded())
                .isTrue();
        assertThat(host.log()).contains("(older than 2.0s)");
    }

    @Test
    void theLockOfAProcessOfThisMachineThatEndedIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        writeLock(new LockOwner("app#5", "dave", LockOwner.thisMachine(), gone.pid(), Instant.now()), Instant.now());
        RecordingStepHost host = new RecordingStepHost(ws);
        assertThat(deploy(host, "1").succeeded()).isTrue();
        assertThat(host.log()).contains("taking over the stale lock of app#5 (dave)", "(that process has ended)");
    }

    @Test
    void theLockIsReleasedWhenTheDeployFails() throws Exception {
        assertThatThrownBy(() -> deploy(new RecordingStepHost(ws), "1", "hooks", Map.of("after", "exit 1")))
                .isInstanceOf(DeployException.class);
        assertThat(base.resolve(".orchestra")).isDirectory();
        assertThat(base.resolve(".orchestra/lock")).doesNotExist();
        assertThat(base.resolve("current")).doesNotExist();
    }

    @Test
    void aLockHeldOnOneHostStopsTheWholeTargetBeforeAnyChange() throws Exception {
        RecordingStepHost host = new RecordingStepHost(ws).target("web", Fixtures.localTarget(ws.resolve("many"), 3));
        Path h2 = ws.resolve("many/h2");
        Files.createDirectories(h2.resolve(".orchestra"));
        Files.writeString(
                h2.resolve(".orchestra/lock"),
                new LockOwner("app#3", "carol", "other-agent", 1, Instant.now()).line() + "\n");
        assertThatThrownBy(() -> deployer.deploy(
                        DeploySpec.parse(Map.of("target", "web", "artifact", "v1.tar.gz", "version", "1")),
                        host,
                        DeployApproval.refuseAll("nobody")))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("locked on h2 by app#3");
        assertThat(ws.resolve("many/h1/releases")).doesNotExist();
        assertThat(ws.resolve("many/h1/.orchestra/lock")).doesNotExist();
        assertThat(ws.resolve("many/h3/.orchestra/lock")).doesNotExist();
        assertThat(h2.resolve(".orchestra/lock")).exists();
    }
}
