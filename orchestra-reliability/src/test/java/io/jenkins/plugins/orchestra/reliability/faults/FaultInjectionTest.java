package io.jenkins.plugins.orchestra.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.reliability.fixtures.Fleet;
import io.jenkins.plugins.orchestra.reliability.fixtures.Receiver;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected for real into Jenkinsfiles run by the real runner (in this JVM): SSH hosts that stop, reset, refuse
 * the key or change their host key, a full disk, a flapping health endpoint, SMTP servers down or silent, webhooks
 * that fail, throttle or hang, an Ansible host that cannot be reached, and a script that ignores SIGTERM inside a
 * {@code timeout}. For each: the behaviour the docs promise, the run's end within its configured timeouts plus a
 * margin, and no process left running (by a {@code /proc} scan for the run's marker). The figures go to
 * {@code target/reliability/faults.json} and docs/reliability.md.
 */
@Timeout(600)
class FaultInjectionTest {
    /** What a run may take past the timeouts it configures: JVM warm-up, Groovy compilation, a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(15);

    private static final FaultReport REPORT = new FaultReport();

    @TempDir
    static Path dir;

    private static Fleet fleet;

    @BeforeAll
    static void fleetOfThreeHosts() throws Exception {
        fleet = Fleet.start(dir.resolve("fleet"), 3, 71);
        // the first run of a JVM loads the runner and Groovy: not a fault's time
        FaultRun warmUp = FaultRun.in(dir, "warm-up");
        warmUp.write("Jenkinsfile", "node { sh 'true'; echo 'warm' }\n");
        assertThat(warmUp.run(Duration.ofMinutes(2)).exit()).isZero();
    }

    @AfterAll
    static void report() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        REPORT.write(Path.of(System.getProperty("reliability.reports", "target/reliability")));
        System.out.println("faults: " + REPORT.summary() + "\n" + REPORT.table());
    }

    // ---- SSH

    @Test
    void anSshdStoppedMidBatchFailsThatHostRollsBackTheBatchAndLeavesTheNextBatchUntouched() throws Exception {
        FaultRun run = sshWorkspace("sshd-stopped", fleet.servers(), credentials(fleet.key()));
        Path signal = run.workspace().resolve("h1-checking");
        artifact(run, "1", "exit 0");
        artifact(
                run,
                "2",
                """
                case "$DEPLOY_BASE" in */h1) touch %s; sleep 30 ;; esac
                exit 0
                """
                        .formatted(signal));
        run.write(
                "Jenkinsfile",
                """
                node { deploy target: 'web', artifact: 'v1.tar.gz', version: '1' }
                """);
        assertThat(run.run(Duration.ofMinutes(2)).exit()).as("the first deploy").isZero();
        run.write(
                "Jenkinsfile",
                """
                node {
                    deploy target: 'web', artifact: 'v2.tar.gz', version: '2', strategy: 'rolling', batch: 2,
                           healthCheck: [command: './health.sh', timeout: '20s', interval: '500ms']
                }
                """);
        OpenSshServer h1 = fleet.servers().get(1);
        CompletableFuture<Void> kill = when(signal, () -> h1.stop());
        FaultRun.Result r;
        try {
            r = run.run(Duration.ofSeconds(20).plus(MARGIN).plusSeconds(60));
        } finally {
            kill.cancel(true);
            if (!h1.isRunning()) {
                h1.start();
            }
        }
        record(
                r,
                "sshd stopped mid-batch",
                "sshd of host 2/3 stopped while its health check runs, rolling batch 1/2",
                "host failed, batch rolled back, next batch untouched, FAILED with the cause in one line",
                Duration.ofSeconds(20),
                () -> {
                    assertThat(kill).as("sshd was stopped").isCompleted();
                    failedInOneLine(r, "deploy: deploy to target 'web' failed", fleet.name(1));
                    assertThat(live(run, 0)).as("h0 rolled back").isEqualTo("1");
                    assertThat(live(run, 2)).as("h2 untouched").isEqualTo("1");
                    assertThat(base(run, 2).resolve("releases/2"))
                            .as("h2 never got v2")
                            .doesNotExist();
                });
    }

    @Test
    void aConnectionResetMidUploadIsRetriedAndTheRetryDeploys() throws Exception {
        OpenSshServer h0 = fleet.servers().get(0);
        try (ResettingProxy proxy = ResettingProxy.start(new InetSocketAddress(h0.host(), h0.port()), 512 * 1024)) {
            String name = "127.0.0.1:" + proxy.port();
            FaultRun run = FaultRun.in(dir, "connection-reset");
            String knownHosts =
                    h0.knownHostsLine().replace("[" + h0.host() + "]:" + h0.port(), "[127.0.0.1]:" + proxy.port());
            writeSshTarget(run, List.of(name), knownHosts + "\n");
            run.write("credentials.json", credentials(fleet.key()));
            artifact(run, "1", "exit 0", 3 << 20);
            run.write(
                    "Jenkinsfile",
                    """
                    node {
                        orchestrate {
                            stage('deploy', retry: [count: 2, backoff: '200ms', on: ['infrastructure']]) {
                                deploy target: 'web', artifact: 'v1.tar.gz', version: '1'
                            }
                        }
                    }
                    """);
            FaultRun.Result r = run.run(Duration.ofMinutes(2));
            record(
                    r,
                    "connection reset",
                    "a TCP proxy in front of sshd resets the connection (RST) after 512 KiB of a 3 MiB upload",
                    "retryable failure, the stage's retry deploys, SUCCESS",
                    Duration.ofSeconds(2 * (5 + 15)), // two attempts, each within connectTimeout + authTimeout
                    () -> {
                        assertThat(proxy.hasReset())
                                .as("the connection was reset")
                                .isTrue();
                        assertThat(r.exit()).as(r.log()).isZero();
                        assertThat(r.log())
                                .contains("'deploy' attempt 1 failed (infrastructure: ")
                                .contains("the connection was lost while uploading");
                        assertThat(live(run, 0)).isEqualTo("1");
                    });
        }
    }

    @Test
    void aKeyTheHostsRefuseFailsAtOnceWithoutRetryNamingTheCredentials() throws Exception {
        Path wrong = dir.resolve("wrong-key");
        if (!Files.exists(wrong)) {
            exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrong.toString());
        }
        FaultRun run = sshWorkspace("auth-refused", fleet.servers(), credentials(wrong));
        artifact(run, "1", "exit 0");
        run.write("Jenkinsfile", retriedDeploy());
        FaultRun.Result r = run.run(Duration.ofMinutes(2));
        record(
                r,
                "auth refused",
                "credentials hold a key no host authorizes",
                "not retried, nothing changed, FAILED with the cause in one line",
                Duration.ofSeconds(5 + 15), // connectTimeout + authTimeout
                () -> {
                    failedInOneLine(r, "nothing was changed", "refused the key of credentials 'deploy-key'");
                    assertThat(r.log()).as("not retried").doesNotContain("retrying in");
                    for (int i = 0; i < 3; i++) {
                        assertThat(base(run, i).resolve("releases")).doesNotExist();
                    }
                });
    }

    @Test
    void aHostWhoseKeyChangedIsRefusedWithoutRetryAndNothingChanges() throws Exception {
        OpenSshServer h2 = fleet.servers().get(2);
        FaultRun run = sshWorkspace("host-key-changed", fleet.servers(), credentials(fleet.key()));
        // the host is reinstalled: a new host key, while known_hosts keeps the old one
        h2.stop();
        h2.changeHostKey();
        h2.start();
        artifact(run, "1", "exit 0");
        run.write("Jenkinsfile", retriedDeploy());
        FaultRun.Result r = run.run(Duration.ofMinutes(2));
        record(
                r,
                "host key changed",
                "host 3/3 restarted with a new host key; known_hosts holds the old one",
                "not retried, nothing changed, FAILED with the cause in one line",
                Duration.ofSeconds(5),
                () -> {
                    failedInOneLine(r, "nothing was changed", fleet.name(2) + ": host key changed: expected SHA256:");
                    assertThat(r.log()).as("not retried").doesNotContain("retrying in");
                    for (int i = 0; i < 3; i++) {
                        assertThat(base(run, i).resolve("releases")).doesNotExist();
                    }
                });
    }

    @Test
    void aFullDiskFailsThatHostRemovesThePartialUploadAndRollsBackTheOthers() throws Exception {
        FaultRun run = sshWorkspace("disk-full", fleet.servers(), credentials(fleet.key()));
        Path small = Files.createDirectories(base(run, 1));
        boolean mounted = exec0("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()) == 0;
        assumeTrue(mounted, "cannot mount a small tmpfs here (needs root)");
        try {
            artifact(run, "1", "exit 0", 3 << 20);
            run.write(
                    "Jenkinsfile",
                    """
                    node { deploy target: 'web', artifact: 'v1.tar.gz', version: '1', strategy: 'rolling' }
                    """);
            FaultRun.Result r = run.run(Duration.ofMinutes(2));
            record(
                    r,
                    "disk full",
                    "host 2/3's base is a 1 MiB tmpfs; the artifact is 3 MiB",
                    "that host fails with 'no space left', partial upload removed, host 1 rolled back, host 3 untouched,"
                            + " FAILED in one line",
                    Duration.ofSeconds(5),
                    () -> {
                        failedInOneLine(r, "no space left on the device", fleet.name(1));
                        assertThat(base(run, 0).resolve("current"))
                                .as("h0 rolled back")
                                .doesNotExist();
                        assertThat(base(run, 2).resolve("releases"))
                                .as("h2 untouched")
                                .doesNotExist();
                        try (Stream<Path> uploads = Files.list(small.resolve(".orchestra/uploads"))) {
                            assertThat(uploads)
                                    .as("the partial upload is removed")
                                    .isEmpty();
                        }
                    });
        } finally {
            exec0("umount", small.toString());
        }
    }

    // ---- health

    @Test
    void aFlappingHealthEndpointIsTriedAgainUntilItAnswersAndTheDeploySucceeds() throws Exception {
        try (FlappingHealth health = FlappingHealth.start()) {
            FaultRun run = FaultRun.in(dir, "health-flaps");
            artifact(run, "1", "exit 0");
            run.write(
                    "Jenkinsfile",
                    """
                    node {
                        deploy target: [kind: 'local', hosts: ['a', 'b'], base: 'srv/{host}'], artifact: 'v1.tar.gz',
                               version: '1', strategy: 'rolling',
                               healthCheck: [url: '%s', timeout: '10s', interval: '200ms']
                    }
                    """
                            .formatted(health.url()));
            FaultRun.Result r = run.run(Duration.ofMinutes(2));
            record(
                    r,
                    "health endpoint flaps",
                    "a local HTTP server answering 503, 200, 503, 200, …",
                    "the check is tried again until a try passes; SUCCESS",
                    Duration.ofSeconds(10 + 10),
                    () -> {
                        assertThat(r.exit()).as(r.log()).isZero();
                        assertThat(health.requests())
                                .as("a 503 then a 200 per host")
                                .isGreaterThanOrEqualTo(3);
                        assertThat(run.workspace().resolve("srv/b/current/VERSION"))
                                .hasContent("1");
                    });
        }
    }

    // ---- notify

    @Test
    void anSmtpServerThatIsDownIsAWarningForAnInformationalNotification() throws Exception {
        FaultRun run = FaultRun.in(dir, "smtp-down");
        run.write("orchestra.yaml", email(SilentServer.closedPort()));
        run.write(
                "Jenkinsfile",
                """
                node { notify channel: 'mail', message: 'hello', retries: 1, backoff: '100ms', timeout: '2s' }
                """);
        FaultRun.Result r = run.run(Duration.ofMinutes(1));
        record(
                r,
                "SMTP server down",
                "the channel's port is closed",
                "retried, then an informational WARNING (required: false); SUCCESS",
                Duration.ofSeconds(2 * 2),
                () -> informationalWarning(r, "'mail' (email) after 2 attempts"));
    }

    @Test
    void anSmtpServerThatHangsTimesOutAndIsAWarningForAnInformationalNotification() throws Exception {
        try (SilentServer smtp = SilentServer.start()) {
            FaultRun run = FaultRun.in(dir, "smtp-hangs");
            run.write("orchestra.yaml", email(smtp.port()));
            run.write(
                    "Jenkinsfile",
                    """
                    node { notify channel: 'mail', message: 'hello', retries: 1, backoff: '100ms', timeout: '2s' }
                    """);
            FaultRun.Result r = run.run(Duration.ofMinutes(1));
            record(
                    r,
                    "SMTP server hangs",
                    "a server that accepts and never greets",
                    "each attempt times out, retried, then an informational WARNING; SUCCESS",
                    Duration.ofSeconds(2 * 2),
                    () -> {
                        assertThat(smtp.connections())
                                .as("both attempts connected")
                                .isEqualTo(2);
                        informationalWarning(r, "'mail' (email) after 2 attempts");
                    });
        }
    }

    @Test
    void aWebhookAnswering500IsRetriedAndDeliveredOnce() throws Exception {
        try (Receiver hook = Receiver.start()) {
            hook.then(Receiver.Answer.of(500, "oops"));
            FaultRun.Result r = notifyRun("webhook-500", hook, "retries: 2, backoff: '200ms', required: true");
            record(
                    r,
                    "webhook answers 500",
                    "the receiver answers 500 once, then 200",
                    "retried after a backoff; delivered once; SUCCESS",
                    Duration.ofSeconds(1),
                    () -> {
                        assertThat(r.exit()).as(r.log()).isZero();
                        assertThat(r.log()).contains("attempt 1 failed: HTTP 500");
                        assertThat(hook.requests()).hasSize(2);
                        assertThat(hook.deliveries().values()).containsExactly(1);
                    });
        }
    }

    @Test
    void aWebhookAnswering429WaitsForRetryAfterAndIsDeliveredOnce() throws Exception {
        try (Receiver hook = Receiver.start()) {
            hook.then(Receiver.Answer.retryAfter(2));
            FaultRun.Result r = notifyRun("webhook-429", hook, "retries: 2, backoff: '100ms', required: true");
            record(
                    r,
                    "webhook answers 429",
                    "429 with Retry-After: 2, then 200",
                    "waits the Retry-After (not the 100 ms backoff), then delivered once; SUCCESS",
                    Duration.ofSeconds(2),
                    () -> {
                        assertThat(r.exit()).as(r.log()).isZero();
                        assertThat(r.log()).contains("attempt 1 failed: HTTP 429");
                        assertThat(r.log()).containsPattern("retrying in (2\\.0s|2s|2000ms)");
                        assertThat(hook.requests()).hasSize(2);
                        assertThat(hook.deliveries().values()).containsExactly(1);
                        assertThat(r.millis()).as("waited the 2 s").isGreaterThanOrEqualTo(2000);
                    });
        }
    }

    @Test
    void aWebhookThatHangsPastItsTimeoutFailsARequiredNotificationInOneLine() throws Exception {
        try (Receiver hook = Receiver.start()) {
            hook.then(Receiver.Answer.hanging(), Receiver.Answer.hanging());
            FaultRun.Result r =
                    notifyRun("webhook-hangs", hook, "retries: 1, backoff: '100ms', timeout: '1s', required: true");
            record(
                    r,
                    "webhook hangs",
                    "the receiver never answers (2 attempts, timeout 1s)",
                    "each attempt times out, retried, then FAILED (required: true) in one line",
                    Duration.ofSeconds(2 * 1),
                    () -> {
                        failedInOneLine(r, "notify failed for required channel 'hook'");
                        assertThat(hook.requests()).hasSize(2);
                    });
        }
    }

    // ---- provision

    @Test
    void anAnsibleHostThatCannotBeReachedIsRetriedThenFailsNamingIt() throws Exception {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH (apt-get install ansible)");
        FaultRun run = FaultRun.in(dir, "ansible-unreachable");
        run.write("credentials.json", credentials(fleet.key()));
        run.write(
                "inventory.ini",
                """
                [web]
                down ansible_host=127.0.0.1 ansible_port=%d ansible_user=%s

                [web:vars]
                ansible_python_interpreter=/usr/bin/python3
                ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o ConnectTimeout=5'
                """
                        .formatted(SilentServer.closedPort(), fleet.user()));
        run.write(
                "site.yml",
                """
                - hosts: web
                  gather_facts: false
                  tasks:
                    - name: touch
                      file: path=/tmp/never state=touch
                """);
        run.write(
                "Jenkinsfile",
                """
                node {
                    orchestrate {
                        stage('provision', retry: [count: 1, backoff: '200ms', on: ['infrastructure']]) {
                            provision tool: 'ansible', playbook: 'site.yml', inventory: 'inventory.ini',
                                      sshCredentials: 'deploy-key', timeout: '1m'
                        }
                    }
                }
                """);
        FaultRun.Result r = run.run(Duration.ofMinutes(3));
        record(
                r,
                "ansible host unreachable",
                "the inventory's host is on a closed port",
                "unreachable is retryable: retried once, then FAILED naming the host in one line",
                Duration.ofSeconds(2 * 60),
                () -> {
                    failedInOneLine(r, "(infrastructure: ansible-playbook failed on 1 of 1 hosts: down (unreachable)");
                    assertThat(r.log()).contains("'provision' attempt 1 failed (infrastructure: ");
                });
    }

    // ---- sh

    @Test
    void aScriptThatIgnoresSigtermInsideATimeoutIsKilledAfterTheGracePeriod() throws Exception {
        FaultRun run = FaultRun.in(dir, "sigterm-ignored");
        run.write(
                "Jenkinsfile",
                """
                node {
                    timeout(time: 2, unit: 'SECONDS') {
                        withEnv(['FAULT_MARKER=%s']) {
                            sh "trap '' TERM; sleep 120 & sleep 120; wait"
                        }
                    }
                }
                """
                        .formatted(run.marker()));
        FaultRun.Result r = run.run(Duration.ofMinutes(1));
        record(
                r,
                "sh ignores SIGTERM",
                "`trap '' TERM; sleep 120 & sleep 120` inside `timeout(time: 2, unit: 'SECONDS')`",
                "SIGTERM, then SIGKILL after the 10 s grace; ABORTED with 'Timeout has been exceeded'",
                Duration.ofSeconds(2 + 10),
                () -> {
                    assertThat(r.finished()).isEqualTo("Finished: ABORTED");
                    assertThat(r.log()).contains("Timeout has been exceeded");
                    assertThat(r.millis()).as("the grace period was waited").isGreaterThanOrEqualTo(10_000);
                    assertThat(r.hasStackTrace()).isFalse();
                });
    }

    // ---- helpers

    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }

    /**
     * Records the fault, then fails the test if the promise was not seen, the run hung or outlived {@code timeouts}
     * plus {@link #MARGIN}, or it left processes.
     */
    private static void record(
            FaultRun.Result r, String fault, String injected, String promise, Duration timeouts, Check promised)
            throws Exception {
        long bound = timeouts.plus(MARGIN).toMillis();
        String failure = null;
        try {
            promised.run();
        } catch (AssertionError e) {
            failure = e.getMessage()
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .collect(Collectors.joining(" "));
            failure = failure.length() > 300 ? failure.substring(0, 297) + "…" : failure;
        }
        boolean hang = !r.ended() || r.millis() > bound;
        String outcome = r.finished().replace("Finished: ", "")
                + Stream.concat(r.errors().stream(), r.warnings().stream())
                        .findFirst()
                        .map(l -> ": " + shorten(l))
                        .orElse("");
        REPORT.add(new FaultReport.Row(
                fault, injected, promise, failure == null, failure, outcome, r.millis(), bound, hang, r.orphans()));
        assertThat(failure).as("the promised behaviour, in:\n" + r.log()).isNull();
        assertThat(r.ended()).as("the run ended").isTrue();
        assertThat(r.millis())
                .as("the run's time against its timeouts plus the margin")
                .isLessThanOrEqualTo(bound);
        assertThat(r.orphans()).as("processes left running").isEmpty();
    }

    private static String shorten(String line) {
        String s = line.replace(dir.toString(), "…").replaceAll("fault-[a-z0-9-]+", "ws");
        return s.length() > 160 ? s.substring(0, 157) + "…" : s;
    }

    private static void failedInOneLine(FaultRun.Result r, String... parts) {
        assertThat(r.exit()).as("exit code").isEqualTo(1);
        assertThat(r.finished()).isEqualTo("Finished: FAILURE");
        assertThat(r.errors()).as("one ERROR line").hasSize(1);
        for (String part : parts) {
            assertThat(r.errors().get(0)).contains(part);
        }
        assertThat(r.hasStackTrace()).as("a stack trace").isFalse();
    }

    private static void informationalWarning(FaultRun.Result r, String part) {
        assertThat(r.exit()).as(r.log()).isZero();
        assertThat(r.finished()).isEqualTo("Finished: SUCCESS");
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w)
                .contains("WARNING: notify: could not send to " + part)
                .contains("(required: false)"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.hasStackTrace()).isFalse();
    }

    private static FaultRun.Result notifyRun(String name, Receiver hook, String args) throws Exception {
        FaultRun run = FaultRun.in(dir, name);
        run.write(
                "orchestra.yaml",
                """
                channels:
                  hook:
                    kind: webhook
                    url: %s
                """
                        .formatted(hook.url("/hook")));
        run.write("Jenkinsfile", "node { notify channel: 'hook', message: 'hello', " + args + " }\n");
        return run.run(Duration.ofMinutes(1));
    }

    private static String email(int port) {
        return """
                channels:
                  mail:
                    kind: email
                    host: 127.0.0.1
                    port: %d
                    security: none
                    from: ci@example.com
                    to: dev@example.com
                """
                .formatted(port);
    }

    private static String retriedDeploy() {
        return """
                node {
                    orchestrate {
                        stage('deploy', retry: [count: 2, backoff: '200ms', on: ['infrastructure']]) {
                            deploy target: 'web', artifact: 'v1.tar.gz', version: '1'
                        }
                    }
                }
                """;
    }

    private static FaultRun sshWorkspace(String name, List<OpenSshServer> hosts, String credentials)
            throws IOException {
        FaultRun run = FaultRun.in(dir, name);
        List<String> names = new ArrayList<>();
        StringBuilder knownHosts = new StringBuilder();
        for (OpenSshServer h : hosts) {
            names.add(h.host() + ":" + h.port());
            knownHosts.append(h.knownHostsLine()).append('\n');
        }
        writeSshTarget(run, names, knownHosts.toString());
        run.write("credentials.json", credentials);
        return run;
    }

    private static void writeSshTarget(FaultRun run, List<String> names, String knownHosts) throws IOException {
        run.write("known_hosts", knownHosts);
        StringBuilder bases = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            bases.append("      \"%s\": %s%n".formatted(names.get(i), base(run, i)));
        }
        run.write(
                "orchestra.yaml",
                """
                targets:
                  web:
                    kind: ssh
                    hosts: [%s]
                    bases:
                %s    credentialsId: deploy-key
                    knownHosts: %s
                    connectTimeout: 5s
                """
                        .formatted(
                                names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ")),
                                bases,
                                run.workspace().resolve("known_hosts")));
    }

    private static String credentials(Path key) {
        return "{\"credentials\": {\"deploy-key\": {\"type\": \"sshUserPrivateKey\", \"username\": \"%s\", \"privateKeyFile\": \"%s\"}}}\n"
                .formatted(fleet.user(), key);
    }

    private static Path base(FaultRun run, int host) {
        return run.workspace().resolve("hosts").resolve("h" + host);
    }

    private static String live(FaultRun run, int host) throws IOException {
        Path version = base(run, host).resolve("current/VERSION");
        return Files.exists(version) ? Files.readString(version).strip() : null;
    }

    private static void artifact(FaultRun run, String version, String health) throws Exception {
        artifact(run, version, health, 0);
    }

    /** {@code v<version>.tar.gz}: VERSION, a health.sh whose body is {@code health}, and {@code noise} random bytes. */
    private static void artifact(FaultRun run, String version, String health, int noise) throws Exception {
        Path app = Files.createDirectories(run.workspace().resolve("app-" + version));
        Files.writeString(app.resolve("VERSION"), version + "\n");
        Path script = app.resolve("health.sh");
        Files.writeString(script, "#!/bin/sh\nexport FAULT_MARKER=" + run.marker() + "\n" + health + "\n");
        script.toFile().setExecutable(true);
        if (noise > 0) {
            byte[] data = new byte[noise];
            new Random(version.hashCode()).nextBytes(data);
            Files.write(app.resolve("noise.bin"), data);
        }
        exec("tar", "-czf", run.workspace().resolve("v" + version + ".tar.gz").toString(), "-C", app.toString(), ".");
    }

    /** Runs {@code action} once {@code signal} exists. */
    private static CompletableFuture<Void> when(Path signal, Check action) {
        return CompletableFuture.runAsync(() -> {
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!Files.exists(signal)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("never signalled: " + signal);
                    }
                    Thread.sleep(10);
                }
                action.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static int exec0(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
