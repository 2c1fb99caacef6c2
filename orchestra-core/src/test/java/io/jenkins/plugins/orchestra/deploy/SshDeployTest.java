package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.host.RunRef;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole deploys to an {@code ssh} target of four real OpenSSH servers on loopback (started once for the class), each
 * host with its own base directory per test, health-checked by a real HTTP server that answers per host address.
 */
@Timeout(120)
class SshDeployTest {
    @TempDir
    static Path serverDir;

    private static SshHosts ssh;

    @TempDir
    Path ws;

    private final Deployer deployer = new Deployer(TargetKinds.defaults());
    private HealthServer health;

    @BeforeAll
    static void startHosts() throws Exception {
        assumeTrue(OpenSshServer.isAvailable(), "openssh-server is not installed");
        ssh = SshHosts.start(serverDir, 4, 11);
    }

    @AfterAll
    static void stopHosts() throws Exception {
        if (ssh != null) {
            ssh.close();
        }
    }

    @BeforeEach
    void artifacts() throws Exception {
        for (int v = 1; v <= 3; v++) {
            Fixtures.tarGz(ws, "v" + v + ".tar.gz", "" + v);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void stopHealth() {
        if (health != null) {
            health.close();
        }
    }

    private RecordingStepHost host(int hosts) throws Exception {
        return new RecordingStepHost(ws)
                .target("web", ssh.target(ws.resolve("srv"), hosts))
                .credential(ssh.credential());
    }

    private DeployResult deploy(RecordingStepHost host, Object... kv) throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", "web");
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        if (args.containsKey("version") && !args.containsKey("artifact")) {
            args.put("artifact", "v" + args.get("version") + ".tar.gz");
        }
        return deployer.deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
    }

    private Path base(int i) {
        return ws.resolve("srv/h" + (i + 1));
    }

    private String live(int i) throws Exception {
        return Fixtures.live(base(i));
    }

    private List<String> live(int from, int to) throws Exception {
        List<String> versions = new ArrayList<>();
        for (int i = from; i < to; i++) {
            versions.add(String.valueOf(live(i)));
        }
        return versions;
    }

    private Map<String, Object> check() throws Exception {
        health = health == null ? new HealthServer() : health;
        return Map.of("url", health.url("{host}"), "timeout", "1s", "interval", "100ms");
    }

    @Test
    void firstDeployPutsTheReleaseOnEveryHostOverOneSessionEachAndTheSameVersionAgainChangesNothing() throws Exception {
        RecordingStepHost host = host(3);
        int logins = ssh.acceptedLogins();
        DeployResult r = deploy(host, "version", "1", "strategy", "rolling", "healthCheck", check());
        assertThat(r.succeeded()).isTrue();
        assertThat(r.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.DEPLOYED);
        assertThat(ssh.acceptedLogins() - logins).as("one SSH session per host").isEqualTo(3);
        String checksum = Artifact.sha256(ws.resolve("v1.tar.gz"));
        for (int i = 0; i < 3; i++) {
            Path base = base(i);
            assertThat(Files.readSymbolicLink(base.resolve("current"))).isEqualTo(Path.of("releases/1"));
            assertThat(live(i)).isEqualTo("1");
            assertThat(base.resolve("releases/1/bin/run.sh")).isExecutable();
            List<String> log = Files.readAllLines(base.resolve(".orchestra/releases.log"));
            assertThat(log).singleElement().asString().contains("\tdeploy\t1\t" + checksum + "\tapp#7\talice");
            assertThat(base.resolve(".orchestra/lock")).doesNotExist();
            try (var uploads = Files.list(base.resolve(".orchestra/uploads"))) {
                assertThat(uploads).isEmpty();
            }
        }
        assertThat(health.requests()).containsExactly(ssh.address(0), ssh.address(1), ssh.address(2));
        assertThat(host.log())
                .contains("Deploying 1 (v1.tar.gz, tar.gz, ")
                .contains("to target 'web' (ssh: " + ssh.name(0) + ", " + ssh.name(1) + ", " + ssh.name(2) + ")")
                .contains("[" + ssh.name(0) + "] current -> 1", "Deployed 1 to target 'web'");

        Object inode = Files.readAttributes(base(1).resolve("current"), "unix:ino", LinkOption.NOFOLLOW_LINKS);
        int sftp = ssh.sftpSessions();
        RecordingStepHost again = host(3);
        DeployResult same = deploy(again, "version", "1", "strategy", "rolling", "healthCheck", check());
        assertThat(same.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.UNCHANGED);
        assertThat(again.log())
                .contains("[" + ssh.name(1) + "] 1 is already live with the same checksum: nothing to do")
                .contains("Nothing to do: 1 was already live on every host of target 'web'");
        assertThat(ssh.sftpSessions()).as("nothing uploaded").isEqualTo(sftp);
        assertThat(Files.readAttributes(base(1).resolve("current"), "unix:ino", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(inode);
        assertThat(Files.readAllLines(base(1).resolve(".orchestra/releases.log")))
                .hasSize(1);
        assertThat(health.requests()).hasSize(3);
    }

    @Test
    void rollingRollsBackTheBatchWhoseHostFailsItsHealthCheckAndNeverTouchesLaterBatches() throws Exception {
        RecordingStepHost host = host(4);
        deploy(host, "version", "1");
        Map<String, Object> check = check();
        health.answer(ssh.address(1), 503);
        Map<String, Map<String, String>> before = new LinkedHashMap<>();
        for (int i = 2; i < 4; i++) {
            before.put("h" + i, SshHosts.tree(base(i)));
        }
        assertThatThrownBy(() -> deploy(host, "version", "2", "strategy", "rolling", "batch", 2, "healthCheck", check))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("deploy: deploy to target 'web' failed: 1 of 4 hosts failed (" + ssh.name(1)
                        + ": health check failed after ")
                .hasMessageContaining("GET " + health.url(ssh.address(1)) + " answered 503, expected 200)")
                .hasMessageEndingWith("; rolled back: " + ssh.name(0) + ", " + ssh.name(1) + "; not started: "
                        + ssh.name(2) + ", " + ssh.name(3))
                .satisfies(e -> {
                    DeployResult r = ((DeployException) e).result().orElseThrow();
                    assertThat(r.succeeded()).isFalse();
                    assertThat(r.toOutputs()).containsEntry("result", "FAILURE");
                    assertThat(r.hosts())
                            .extracting(HostResult::outcome)
                            .containsExactly(
                                    HostOutcome.ROLLED_BACK,
                                    HostOutcome.ROLLED_BACK,
                                    HostOutcome.NOT_STARTED,
                                    HostOutcome.NOT_STARTED);
                });
        assertThat(live(0, 4)).containsOnly("1");
        for (int i = 2; i < 4; i++) {
            assertThat(SshHosts.tree(base(i))).as("h" + (i + 1) + " untouched").isEqualTo(before.get("h" + i));
        }
        assertThat(Files.readAllLines(base(1).resolve(".orchestra/releases.log")))
                .extracting(l -> l.split("\t")[1] + " " + l.split("\t")[2])
                .containsExactly("deploy 1", "deploy 2", "rollback 1");
        assertThat(health.requests()).doesNotContain(ssh.address(2), ssh.address(3));
        assertThat(host.log())
                .contains("Batch 1/2: " + ssh.name(0) + ", " + ssh.name(1))
                .doesNotContain("Batch 2/2")
                .containsPattern("host +previous -> new +result +time +error")
                .containsPattern(
                        java.util.regex.Pattern.quote(ssh.name(1)) + " +1 -> 2 +rolled back +[0-9.]+m?s +health check")
                .containsPattern(java.util.regex.Pattern.quote(ssh.name(3)) + " +1 -> 2 +not started +-");
    }

    @Test
    void anUnhealthyCanaryStopsTheDeployBeforeTheOtherHosts() throws Exception {
        RecordingStepHost host = host(3);
        deploy(host, "version", "1");
        Map<String, Object> check = check();
        health.answer(ssh.address(0), 500);
        assertThatThrownBy(() -> deploy(host, "version", "2", "strategy", "canary", "healthCheck", check))
                .isInstanceOf(DeployException.class)
                .hasMessageEndingWith(
                        "; rolled back: " + ssh.name(0) + "; not started: " + ssh.name(1) + ", " + ssh.name(2));
        assertThat(live(0, 3)).containsOnly("1");
        assertThat(base(1).resolve("releases/2")).doesNotExist();
        assertThat(host.log()).contains("Canary: " + ssh.name(0));
    }

    @Test
    void blueGreenChecksEveryIdleSlotThenSwitchesAndRollsBackToTheOtherSlot() throws Exception {
        RecordingStepHost host = host(2);
        health = new HealthServer();
        Map<String, Object> slotCheck =
                Map.of("url", health.url("{host}/{slot}"), "timeout", "1s", "interval", "100ms");
        deploy(host, "version", "1", "strategy", "blueGreen", "healthCheck", slotCheck);
        deploy(host, "version", "2", "strategy", "blueGreen", "healthCheck", slotCheck);
        for (int i = 0; i < 2; i++) {
            assertThat(Files.readSymbolicLink(base(i).resolve("current"))).isEqualTo(Path.of("green"));
            assertThat(Files.readSymbolicLink(base(i).resolve("green"))).isEqualTo(Path.of("releases/2"));
            assertThat(Files.readSymbolicLink(base(i).resolve("blue"))).isEqualTo(Path.of("releases/1"));
        }
        assertThat(live(0, 2)).containsOnly("2");
        assertThat(health.requests())
                .containsSubsequence(ssh.address(0) + "/blue", ssh.address(0) + "/green")
                .contains(ssh.address(1) + "/green");
        assertThat(host.log()).contains("[" + ssh.name(0) + "] slot green -> 2 (not live yet)");

        // an unhealthy idle slot on one host: no host is switched
        health.answer(ssh.address(1) + "/blue", 502);
        assertThatThrownBy(() -> deploy(host, "version", "3", "strategy", "blueGreen", "healthCheck", slotCheck))
                .isInstanceOf(DeployException.class)
                .satisfies(e -> assertThat(
                                ((DeployException) e).result().orElseThrow().hosts())
                        .extracting(HostResult::outcome)
                        .containsExactly(HostOutcome.NOT_SWITCHED, HostOutcome.FAILED));
        assertThat(live(0, 2)).containsOnly("2");

        deploy(host, "rollback", true);
        for (int i = 0; i < 2; i++) {
            assertThat(Files.readSymbolicLink(base(i).resolve("current"))).isEqualTo(Path.of("blue"));
        }
        assertThat(live(0, 2)).containsOnly("1");
    }

    @Test
    void rollbackSwitchesEveryHostBackOneReleaseAndRefusesWhenThereIsNone() throws Exception {
        RecordingStepHost host = host(3);
        deploy(host, "version", "1");
        deploy(host, "version", "2");
        DeployResult back = deploy(host, "rollback", true, "hooks", Map.of("after", "echo \"now on $DEPLOY_VERSION\""));
        assertThat(back.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.ROLLED_BACK);
        assertThat(back.toOutputs()).containsEntry("version", "1").containsEntry("previousVersion", "2");
        assertThat(live(0, 3)).containsOnly("1");
        assertThat(host.log())
                .contains("[" + ssh.name(2) + "] current -> 1 (was 2)", "[" + ssh.name(2) + "]   now on 1");
        assertThat(Files.readAllLines(base(2).resolve(".orchestra/releases.log")))
                .extracting(l -> l.split("\t")[1] + " " + l.split("\t")[2])
                .containsExactly("deploy 1", "deploy 2", "rollback 1");
        assertThatThrownBy(() -> deploy(host, "rollback", true))
                .isInstanceOf(DeployException.class)
                .hasMessage("deploy: nothing was changed: " + ssh.name(0) + " has no release to roll back to (1 is"
                        + " live, with nothing before it)");
        assertThat(live(0, 3)).containsOnly("1");
    }

    @Test
    void aDryRunReadsTheHostsAndPrintsThePlanWithoutWritingAnything() throws Exception {
        RecordingStepHost host = host(3);
        deploy(host, "version", "1");
        Map<Integer, Map<String, String>> before = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            before.put(i, SshHosts.tree(base(i)));
        }
        int sftp = ssh.sftpSessions();
        RecordingStepHost dry = host(3);
        DeployResult plan = deploy(
                dry,
                "version",
                "2",
                "strategy",
                "rolling",
                "batch",
                2,
                "dryRun",
                true,
                "hooks",
                Map.of("after", "touch " + ws.resolve("hook-ran")),
                "healthCheck",
                Map.of("command", "true"));
        assertThat(plan.toOutputs()).containsEntry("result", "DRY_RUN");
        assertThat(plan.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.PLANNED);
        DeployResult rollbackPlan = deploy(host(3).dryRun(true), "rollback", true);
        assertThat(rollbackPlan.dryRun()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(SshHosts.tree(base(i))).as("h" + (i + 1)).isEqualTo(before.get(i));
        }
        assertThat(ws.resolve("hook-ran")).doesNotExist();
        assertThat(ssh.sftpSessions()).as("no upload").isEqualTo(sftp);
        assertThat(dry.log())
                .contains("Dry run: deploy 2 (v2.tar.gz, tar.gz, ")
                .contains("  batch 1: " + ssh.name(0) + ", " + ssh.name(1), "  batch 2: " + ssh.name(2))
                .contains("  " + ssh.name(0) + " (" + base(0) + "): 1 -> 2: upload v2.tar.gz and unpack it into"
                        + " releases/2, switch current, run 1 after hook(s), check command true, keep 5 releases")
                .contains("Dry run: nothing was changed");
    }

    @Test
    void aSecondDeployIsRefusedWhileTheFirstHoldsTheLockAndChangesNothing() throws Exception {
        Path started = ws.resolve("started");
        Path go = ws.resolve("go");
        String wait = "touch " + started + "; i=0; while [ ! -e " + go + " ] && [ $i -lt 400 ]; do sleep 0.05;"
                + " i=$((i+1)); done";
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            RecordingStepHost firstHost = host(2);
            Future<DeployResult> first = other.submit(
                    () -> deploy(firstHost, "version", "1", "strategy", "rolling", "hooks", Map.of("before", wait)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.exists(started)) {
                assertThat(System.nanoTime() < deadline)
                        .as("the first deploy started")
                        .isTrue();
                Thread.sleep(20);
            }
            RecordingStepHost second = host(2).run(new RunRef("app", 8, "", "bob"));
            assertThatThrownBy(() -> deploy(second, "version", "2"))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining(" by app#7 (alice) on " + LockOwner.thisMachine() + ", pid "
                            + ProcessHandle.current().pid() + ", since ")
                    .hasMessageContaining("/.orchestra/lock); it is released when that deploy ends, or taken over once"
                            + " older than 1h00m")
                    .satisfies(
                            e -> assertThat(((DeployException) e).isRetryable()).isTrue());
            assertThat(base(0).resolve("releases/2")).doesNotExist();
            assertThat(base(1).resolve("releases/2")).doesNotExist();
            Files.createFile(go);
            assertThat(first.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
        } finally {
            other.shutdownNow();
        }
        assertThat(live(0, 2)).containsOnly("1");
        assertThat(base(0).resolve(".orchestra/lock")).doesNotExist();
        assertThat(deploy(host(2).run(new RunRef("app", 8, "", "bob")), "version", "2")
                        .succeeded())
                .isTrue();
    }

    @Test
    void aStaleLockIsTakenOverWithAWarning() throws Exception {
        RecordingStepHost host = host(2);
        Instant then = Instant.now().minus(Duration.ofHours(3));
        LockOwner old = new LockOwner("app#3", "carol", "old-agent", 4242, then);
        Path lock = Files.createDirectories(base(1).resolve(".orchestra")).resolve("lock");
        Files.writeString(lock, old.line() + "\n");
        Files.setLastModifiedTime(lock, FileTime.from(then));
        assertThat(deploy(host, "version", "1").succeeded()).isTrue();
        assertThat(host.log())
                .contains("WARNING: " + ssh.name(1) + ": taking over the stale lock of app#3 (carol) on old-agent, pid"
                        + " 4242, since " + old.since() + " (older than 1h00m)");
        assertThat(lock).doesNotExist();
        assertThat(live(0, 2)).containsOnly("1");
    }

    @Test
    void aHostWhoseConnectionDropsMidDeployFailsAndTheHostsSwitchedBeforeItAreRolledBack() throws Exception {
        RecordingStepHost host = host(3);
        deploy(host, "version", "1");
        // the hook kills the sshd process serving its own session: the connection drops while it runs
        String drop = "if [ \"$DEPLOY_HOST\" = '" + ssh.name(1) + "' ]; then kill -9 $PPID; fi";
        DeployException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                DeployException.class,
                () -> deploy(host, "version", "2", "strategy", "rolling", "hooks", Map.of("before", drop)));
        assertThat(e.getMessage())
                .startsWith("deploy: deploy to target 'web' failed: 1 of 3 hosts failed (" + ssh.name(1) + ": ")
                .contains("the connection was lost")
                .endsWith("; rolled back: " + ssh.name(0) + "; not started: " + ssh.name(2));
        assertThat(live(0, 3)).containsOnly("1");
        for (int i = 0; i < 3; i++) {
            assertThat(base(i).resolve(".orchestra/lock"))
                    .as("the lock is released, over a new session where needed")
                    .doesNotExist();
        }
        DeployResult again = deploy(host(3), "version", "2", "strategy", "rolling");
        assertThat(again.succeeded()).isTrue();
        assertThat(live(0, 3)).containsOnly("2");
    }

    @Test
    void anInterruptedDeployStopsTheRemoteCommandRollsBackAndReleasesTheLocks() throws Exception {
        RecordingStepHost host = host(3);
        deploy(host, "version", "1");
        Path hung = ws.resolve("hung");
        String hang = "if [ \"$DEPLOY_HOST\" = '" + ssh.name(1) + "' ] && [ \"$DEPLOY_VERSION\" = 2 ]; then echo $$ > "
                + hung + "; sleep 120; fi";
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread deploy = new Thread(() -> {
            try {
                deploy(host, "version", "2", "strategy", "rolling", "hooks", Map.of("after", hang));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        deploy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(hung) || Files.readString(hung).isBlank()) {
            assertThat(System.nanoTime() < deadline).as("the hook started").isTrue();
            Thread.sleep(20);
        }
        long sleeper = Long.parseLong(Files.readString(hung).strip());
        deploy.interrupt();
        deploy.join(30_000);
        assertThat(deploy.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(live(0, 3)).containsOnly("1");
        for (int i = 0; i < 3; i++) {
            assertThat(base(i).resolve(".orchestra/lock")).doesNotExist();
        }
        assertThat(base(2).resolve("releases/2")).doesNotExist();
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime() < deadline)
                    .as("the hung hook on the host was killed")
                    .isTrue();
            Thread.sleep(20);
        }
        assertThat(host.log())
                .contains(
                        "[" + ssh.name(0) + "] rolled back: current -> 1",
                        "[" + ssh.name(1) + "] rolled back: current -> 1");
    }
}
