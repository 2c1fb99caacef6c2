package io.jenkins.plugins.orchestra.deploy.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.deploy.DeployApproval;
import io.jenkins.plugins.orchestra.deploy.DeployException;
import io.jenkins.plugins.orchestra.deploy.DeployResult;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.deploy.Deployer;
import io.jenkins.plugins.orchestra.deploy.HostOutcome;
import io.jenkins.plugins.orchestra.deploy.HostResult;
import io.jenkins.plugins.orchestra.deploy.LockOwner;
import io.jenkins.plugins.orchestra.deploy.TargetKinds;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import io.jenkins.plugins.orchestra.testing.TomcatServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code deploy} step's strategies, health checks and rollback with a {@code tomcat} target of two hosts: two real
 * Tomcat 10 processes on 127.0.0.1, started once for the class (in parallel) with the same manager user. Each test
 * deploys at a context path of its own, with a workspace (and so a state directory) of its own.
 */
@Timeout(180)
class TomcatDeployTest {
    @TempDir
    static Path base;

    static TomcatServer one;
    static TomcatServer two;
    static final String PASSWORD = TomcatServer.randomPassword();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workspace;

    private final Deployer deployer = new Deployer(TargetKinds.defaults());
    private final List<Object> outputs = new ArrayList<>();
    private String path;
    private RecordingStepHost host;

    @BeforeAll
    static void startTomcats() throws Exception {
        assumeTrue(TomcatServer.isAvailable(), "tomcat10 and tomcat10-admin are not installed");
        CompletableFuture<TomcatServer> second = CompletableFuture.supplyAsync(() -> {
            try {
                return TomcatServer.start(base.resolve("two"), PASSWORD);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            one = TomcatServer.start(base.resolve("one"), PASSWORD);
        } finally {
            two = second.join();
        }
    }

    @AfterAll
    static void stopTomcats() throws Exception {
        for (TomcatServer t : new TomcatServer[] {one, two}) {
            if (t != null) {
                t.close();
            }
        }
    }

    @BeforeEach
    void target(TestInfo test) throws Exception {
        path = "/" + test.getTestMethod().orElseThrow().getName();
        host = host(PASSWORD);
        TestWars.war(workspace.resolve("build/v1/shop.war"), "one");
        TestWars.war(workspace.resolve("build/v2/shop.war"), "two");
        TestWars.withoutHealth(workspace.resolve("build/broken/shop.war"), "broken");
    }

    private RecordingStepHost host(String password) {
        Map<String, Object> shop = new LinkedHashMap<>();
        shop.put("kind", "tomcat");
        shop.put("hosts", List.of(one.managerUrl().toString(), two.managerUrl().toString()));
        shop.put("path", path);
        shop.put("credentialsId", "tomcat");
        return new RecordingStepHost(workspace)
                .credential(new UsernamePasswordCredential("tomcat", one.user(), Secret.of(password)))
                .target("shop", shop);
    }

    private DeployResult deploy(Object... kv) throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", "shop");
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        DeployResult result = deployer.deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
        outputs.add(result.toOutputs());
        return result;
    }

    private static String name(TomcatServer t) {
        return "127.0.0.1:" + t.port();
    }

    /** What the application at the test's path serves on {@code t}: its index page, or the HTTP status. */
    private String serves(TomcatServer t) throws Exception {
        HttpResponse<String> r =
                HTTP.send(HttpRequest.newBuilder(t.url(path + "/")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode();
    }

    private static Map<String, Object> health(Object... extra) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("url", "{url}/health");
        check.put("expect", 200);
        check.put("timeout", "2s");
        check.put("interval", "200ms");
        for (int i = 0; i < extra.length; i += 2) {
            check.put((String) extra[i], extra[i + 1]);
        }
        return check;
    }

    private void assertNoPasswordAnywhere(Object... more) {
        assertThat(host.unmaskedLog()).doesNotContain(PASSWORD);
        assertThat(outputs.toString()).doesNotContain(PASSWORD);
        for (Object o : more) {
            assertThat(String.valueOf(o)).doesNotContain(PASSWORD);
        }
        assertThat(host.secrets()).extracting(Secret::reveal).contains(PASSWORD);
    }

    @Test
    void deploysToEveryTomcatAndChecksTheDeployedApplication() throws Exception {
        DeployResult first =
                deploy("artifact", "build/v1/shop.war", "version", "1", "healthCheck", health("body", "^ok one$"));
        assertThat(first.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.DEPLOYED);
        assertThat(serves(one)).isEqualTo("one");
        assertThat(serves(two)).isEqualTo("one");
        assertThat(first.toOutputs())
                .containsEntry("version", "1")
                .containsEntry("previousVersion", "")
                .containsEntry("target", "shop")
                .containsEntry("result", "SUCCESS");
        assertThat(host.unmaskedLog())
                .contains("Deploying 1 (shop.war, file, ")
                .contains("to target 'shop' (tomcat: " + name(one) + ", " + name(two) + "), strategy all")
                .contains("[" + name(one) + "] healthy: http://127.0.0.1:" + one.port() + path + "/health")
                .contains("Deployed 1 to target 'shop'");
        Path state = workspace.resolve(".orchestra/tomcat/shop");
        assertThat(state.resolve("releases.log")).content().contains("\tdeploy\t1\t");

        DeployResult again = deploy("artifact", "build/v1/shop.war", "version", "1");
        assertThat(again.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.UNCHANGED);
        assertThat(host.unmaskedLog()).contains("Nothing to do: 1 was already live on every host of target 'shop'");
        assertThat(Files.readAllLines(state.resolve("releases.log"))).hasSize(2);
        assertNoPasswordAnywhere();
    }

    @Test
    void rollingDeployWithAnUnhealthyWarGoesBackToThePreviousWar() throws Exception {
        deploy("artifact", "build/v1/shop.war", "version", "1");
        DeployException failure = catchThrowableOfType(
                DeployException.class,
                () -> deploy(
                        "artifact",
                        "build/broken/shop.war",
                        "version",
                        "2",
                        "strategy",
                        "rolling",
                        "healthCheck",
                        health()));
        assertThat(failure)
                .hasMessageStartingWith("deploy: deploy to target 'shop' failed: 1 of 2 hosts failed (" + name(one)
                        + ": health check failed after ")
                .hasMessageContaining(
                        "GET http://127.0.0.1:" + one.port() + path + "/health answered 404, expected 200)")
                .hasMessageEndingWith("; rolled back: " + name(one) + "; not started: " + name(two));
        DeployResult result = failure.result().orElseThrow();
        assertThat(result.hosts())
                .extracting(HostResult::outcome)
                .containsExactly(HostOutcome.ROLLED_BACK, HostOutcome.NOT_STARTED);
        assertThat(result.host(name(one)).orElseThrow().live()).contains("1");
        assertThat(serves(one)).isEqualTo("one");
        assertThat(serves(two)).isEqualTo("one");
        assertThat(host.unmaskedLog())
                .containsPattern("host +previous -> new +result +time +error")
                .containsPattern(name(one) + " +1 -> 2 +rolled back +[0-9.]+s +health check failed")
                .containsPattern(name(two) + " +1 -> 2 +not started")
                .contains("[" + name(one) + "] rolled back: current -> 1");
        // the second Tomcat was never touched: its records still end with 1, and the log has no line about it
        List<String> log = Files.readAllLines(workspace.resolve(".orchestra/tomcat/shop/releases.log"));
        assertThat(log).filteredOn(l -> l.contains(name(two))).hasSize(1);
        assertThat(log)
                .filteredOn(l -> l.contains(name(one)))
                .extracting(l -> l.split("\t")[3] + " " + l.split("\t")[4])
                .containsExactly("deploy 1", "deploy 2", "restore 1");
        // rolled back for good: a rollback now would have nothing before 1 to go to
        DeployException nothing = catchThrowableOfType(DeployException.class, () -> deploy("rollback", true));
        assertThat(nothing)
                .hasMessage("deploy: nothing was changed: " + name(one) + " has no release to roll back to (1"
                        + " is live, with nothing before it)");
        assertNoPasswordAnywhere(failure.getMessage());
    }

    @Test
    void canaryThenTheRest() throws Exception {
        deploy("artifact", "build/v1/shop.war", "version", "1");
        DeployResult result = deploy(
                "artifact",
                "build/v2/shop.war",
                "version",
                "2",
                "strategy",
                "canary",
                "healthCheck",
                health("body", "ok two"));
        assertThat(result.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.DEPLOYED);
        assertThat(result.toOutputs()).containsEntry("version", "2").containsEntry("previousVersion", "1");
        assertThat(host.unmaskedLog()).contains("Canary: " + name(one), "Batch 2/2: " + name(two));
        assertThat(serves(one)).isEqualTo("two");
        assertThat(serves(two)).isEqualTo("two");
    }

    @Test
    void rollbackRedeploysThePreviousWarOnEveryTomcat() throws Exception {
        deploy("artifact", "build/v1/shop.war", "version", "1");
        deploy("artifact", "build/v2/shop.war", "version", "2");
        assertThat(serves(two)).isEqualTo("two");
        DeployResult back = deploy("rollback", true, "healthCheck", health("body", "ok one"));
        assertThat(back.hosts()).extracting(HostResult::outcome).containsOnly(HostOutcome.ROLLED_BACK);
        assertThat(back.toOutputs()).containsEntry("version", "1").containsEntry("previousVersion", "2");
        assertThat(serves(one)).isEqualTo("one");
        assertThat(serves(two)).isEqualTo("one");
        assertThat(host.unmaskedLog())
                .contains("[" + name(two) + "] current -> 1 (was 2)", "Rolled back target 'shop'");
        // deploying again after a rollback: the release before it is the one it replaced
        deploy("artifact", "build/v2/shop.war", "version", "2");
        deploy("rollback", true);
        assertThat(serves(two)).isEqualTo("one");
        assertNoPasswordAnywhere();
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        DeployResult plan = deploy("artifact", "build/v1/shop.war", "version", "1", "dryRun", true);
        assertThat(plan.toOutputs()).containsEntry("result", "DRY_RUN");
        assertThat(serves(one)).isEqualTo("HTTP 404");
        assertThat(workspace.resolve(".orchestra/tomcat/shop")).doesNotExist();
        deploy("artifact", "build/v1/shop.war", "version", "1");
        host.dryRun(true);
        deploy("artifact", "build/v2/shop.war", "version", "2", "strategy", "rolling", "healthCheck", health());
        deploy("rollback", true);
        assertThat(host.unmaskedLog())
                .contains("Dry run: deploy 2 (shop.war, file, ")
                .contains("  batch 1: " + name(one))
                .contains("  " + name(one) + " (" + path + " on " + one.managerUrl() + "): 1 -> 2: deploy shop.war (")
                .contains(") to " + path + " through the manager, keep 5 WARs for rollback, check GET {url}/health"
                        + " expecting 200")
                .contains(
                        "  " + name(two) + " (" + path + " on " + two.managerUrl() + "): 1: no release to roll back to")
                .contains("Dry run: nothing was changed");
        assertThat(serves(one)).isEqualTo("one");
        assertThat(Files.readAllLines(workspace.resolve(".orchestra/tomcat/shop/releases.log")))
                .hasSize(2);
        assertThat(Files.list(workspace.resolve(".orchestra/tomcat/shop/wars"))).hasSize(1);
    }

    @Test
    void aWrongPasswordChangesNothingAndIsNeverPrinted() throws Exception {
        String wrong = "wrong-" + PASSWORD;
        host = host(wrong);
        DeployException failure = catchThrowableOfType(
                DeployException.class, () -> deploy("artifact", "build/v1/shop.war", "version", "1"));
        assertThat(failure)
                .hasMessageStartingWith("deploy: nothing was changed: ")
                .hasMessageContaining("refused the user 'deployer' of credentials 'tomcat' (HTTP 401)");
        assertThat(failure.getMessage()).doesNotContain(wrong).doesNotContain(PASSWORD);
        assertThat(host.unmaskedLog()).doesNotContain(wrong);
        assertThat(host.secrets()).extracting(Secret::reveal).contains(wrong);
        assertThat(serves(one)).isEqualTo("HTTP 404");
    }

    @Test
    void aDeployHeldByAnotherRunIsRefused() throws Exception {
        deploy("artifact", "build/v1/shop.war", "version", "1");
        Path lock = workspace.resolve(".orchestra/tomcat/shop/hosts/127.0.0.1_" + two.port() + path + ".lock");
        LockOwner other = LockOwner.current("other#3", "bob", Instant.now());
        Files.writeString(lock, other.line() + "\n");
        DeployException failure = catchThrowableOfType(
                DeployException.class, () -> deploy("artifact", "build/v2/shop.war", "version", "2"));
        assertThat(failure)
                .hasMessageStartingWith("deploy: target is locked on " + name(two) + " by other#3 (bob) on ")
                .hasMessageContaining("it is released when that deploy ends, or taken over once older than 1h");
        assertThat(failure.isRetryable()).isTrue();
        assertThat(serves(one)).isEqualTo("one");
        assertThat(lock).content().isEqualTo(other.line() + "\n");
        // our own lock on the first Tomcat was released
        assertThat(workspace.resolve(".orchestra/tomcat/shop/hosts/127.0.0.1_" + one.port() + path + ".lock"))
                .doesNotExist();
        // a lock older than staleAfter is taken over with a warning
        Files.setLastModifiedTime(
                lock, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(7200)));
        deploy("artifact", "build/v2/shop.war", "version", "2");
        assertThat(host.unmaskedLog()).contains(name(two) + ": taking over the stale lock of other#3 (bob)");
        assertThat(serves(two)).isEqualTo("two");
        assertThat(lock).doesNotExist();
    }

    @Test
    void aFirstDeployThatFailsItsHealthCheckLeavesNothingDeployed() throws Exception {
        DeployException failure = catchThrowableOfType(
                DeployException.class,
                () -> deploy("artifact", "build/broken/shop.war", "version", "1", "healthCheck", health()));
        assertThat(failure.result().orElseThrow().hosts())
                .extracting(HostResult::outcome)
                .containsOnly(HostOutcome.ROLLED_BACK);
        assertThat(serves(one)).isEqualTo("HTTP 404");
        assertThat(serves(two)).isEqualTo("HTTP 404");
        assertThat(host.unmaskedLog())
                .contains("[" + name(one) + "] rolled back: current -> nothing (it had no release)");
    }
}
