package io.jenkins.plugins.orchestra.deploy.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.deploy.HostException.Kind;
import io.jenkins.plugins.orchestra.deploy.tomcat.TomcatResult.Outcome;
import io.jenkins.plugins.orchestra.host.CredentialsException;
import io.jenkins.plugins.orchestra.host.RunRef;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import io.jenkins.plugins.orchestra.testing.TomcatServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tomcat} target against a real Tomcat 10, started once for the class; each test deploys at a path of its
 * own, with a workspace (and so a state directory) of its own.
 */
class TomcatTargetTest {
    @TempDir
    static Path base;

    static TomcatServer tomcat;

    @TempDir
    Path workspace;

    @BeforeAll
    static void startTomcat() throws Exception {
        assumeTrue(TomcatServer.isAvailable(), "tomcat10 and tomcat10-admin are not installed");
        tomcat = TomcatServer.start(base.resolve("tomcat"));
    }

    @AfterAll
    static void stopTomcat() throws Exception {
        if (tomcat != null) {
            tomcat.close();
        }
    }

    private Map<String, Object> config(String path) {
        Map<String, Object> target = new HashMap<>();
        target.put("kind", "tomcat");
        target.put("hosts", List.of(tomcat.managerUrl().toString()));
        target.put("path", path);
        target.put("credentialsId", "tomcat-deployer");
        return target;
    }

    private RecordingStepHost host(String password) {
        return new RecordingStepHost(workspace)
                .credential(new UsernamePasswordCredential("tomcat-deployer", tomcat.user(), Secret.of(password)))
                .run(new RunRef("shop-pipeline", 7, "", "alice"));
    }

    private RecordingStepHost host() {
        return host(tomcat.password());
    }

    private static TomcatTarget open(Map<String, Object> config, RecordingStepHost host) {
        return TomcatTarget.open(TomcatSettings.fromConfig("shop", config), host);
    }

    private Path war(String name, String text) throws IOException {
        return TestWars.war(workspace.resolve("build").resolve(name), text);
    }

    @Test
    void firstDeployServesTheWar() throws Exception {
        RecordingStepHost host = host();
        TomcatTarget target = open(config("/first"), host);
        TomcatHost tomcatHost = target.hosts().get(0);
        war("first.war", "first v1");
        WarRelease v1 = target.prepare(Path.of("build/first.war"), "1.0");
        TomcatResult result = target.deploy(tomcatHost, v1);

        assertThat(result.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(result.previousVersion()).isEmpty();
        assertThat(result.version()).isEqualTo("1.0");
        assertThat(get(tomcatHost.appUrl().toString())).isEqualTo("200 first v1");
        assertThat(get(tomcatHost.url("health").toString())).isEqualTo("200 ok first v1");
        assertThat(target.current(tomcatHost).version()).contains("1.0");
        assertThat(host.unmaskedLines())
                .contains("127.0.0.1:" + tomcat.port() + ": deploying 1.0 to /first")
                .anyMatch(line -> line.startsWith("127.0.0.1:" + tomcat.port() + ": /first runs 1.0 ("));
        assertThat(releasesLog(target)).singleElement().satisfies(line -> assertThat(line)
                .contains("\t127.0.0.1:" + tomcat.port() + "\t/first\tdeploy\t1.0\t" + v1.sha256()
                        + "\tshop-pipeline#7\talice"));
    }

    @Test
    void aMissingWarOrAFileThatIsNoWarIsRefusedBeforeAnyDeploy() throws Exception {
        TomcatTarget target = open(config("/missing"), host());

        assertThatThrownBy(() -> target.prepare(Path.of("build/missing.war"), "1"))
                .isInstanceOf(TomcatStateException.class)
                .hasMessage("the WAR build/missing.war does not exist in " + workspace);
        Files.createDirectories(workspace.resolve("build"));
        Files.writeString(workspace.resolve("build/notes.war"), "not a zip");
        assertThatThrownBy(() -> target.prepare(Path.of("build/notes.war"), "1"))
                .hasMessage("the WAR build/notes.war is not a WAR (not a zip file)");
        war("ok.war", "ok");
        assertThatThrownBy(() -> target.prepare(Path.of("build/ok.war"), "1 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("version must be 1 to 128 letters, digits");
    }

    @Test
    void redeployingTheSameVersionAndChecksumChangesNothing() throws Exception {
        war("same.war", "same v1");
        RecordingStepHost host = host();
        TomcatTarget target = open(config("/same"), host);
        TomcatHost tomcatHost = target.hosts().get(0);
        target.deploy(tomcatHost, target.prepare(Path.of("build/same.war"), "1"));
        Path deployed = tomcat.appBase().resolve("same.war");
        var deployedAt = Files.getLastModifiedTime(deployed);

        TomcatResult again = target.deploy(tomcatHost, target.prepare(Path.of("build/same.war"), "1"));

        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.changed()).isFalse();
        assertThat(again.previousVersion()).contains("1");
        assertThat(again.message())
                .isEqualTo(
                        "127.0.0.1:" + tomcat.port() + ": /same already runs 1 with the same checksum; nothing to do");
        assertThat(Files.getLastModifiedTime(deployed)).isEqualTo(deployedAt);
        assertThat(releasesLog(target)).hasSize(1);
        // a fresh target (a later run) finds the same from the records
        TomcatTarget later = open(config("/same"), host());
        assertThat(later.deploy(tomcatHost, later.prepare(Path.of("build/same.war"), "1"))
                        .outcome())
                .isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void theSameVersionWithAnotherChecksumIsDeployedAgainWithAWarning() throws Exception {
        RecordingStepHost host = host();
        TomcatTarget target = open(config("/rebuilt"), host);
        TomcatHost tomcatHost = target.hosts().get(0);
        war("rebuilt.war", "rebuilt first build");
        target.deploy(tomcatHost, target.prepare(Path.of("build/rebuilt.war"), "5"));
        war("rebuilt.war", "rebuilt second build");

        TomcatResult result = target.deploy(tomcatHost, target.prepare(Path.of("build/rebuilt.war"), "5"));

        assertThat(result.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(get(tomcatHost.appUrl().toString())).isEqualTo("200 rebuilt second build");
        assertThat(host.unmaskedLines())
                .anyMatch(line -> line.startsWith("WARNING: 127.0.0.1:" + tomcat.port()
                        + ": 5 was deployed to /rebuilt before with another checksum"));
    }

    @Test
    void aNewVersionReplacesTheOldAndTheOldWarIsKept() throws Exception {
        TomcatTarget target = open(config("/newer"), host());
        TomcatHost tomcatHost = target.hosts().get(0);
        war("newer.war", "newer v1");
        WarRelease v1 = target.prepare(Path.of("build/newer.war"), "1");
        target.deploy(tomcatHost, v1);
        war("newer.war", "newer v2");
        WarRelease v2 = target.prepare(Path.of("build/newer.war"), "2");

        TomcatResult result = target.deploy(tomcatHost, v2);

        assertThat(result.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(result.previousVersion()).contains("1");
        assertThat(result.version()).isEqualTo("2");
        assertThat(get(tomcatHost.appUrl().toString())).isEqualTo("200 newer v2");
        assertThat(keptWars(target)).containsExactlyInAnyOrder(v1.war(), v2.war());
        assertThat(target.previous(tomcatHost)).map(TomcatRelease::version).contains("1");
    }

    @Test
    void rollbackDeploysThePreviousWarAgain() throws Exception {
        RecordingStepHost host = host();
        TomcatTarget target = open(config("/back"), host);
        TomcatHost tomcatHost = target.hosts().get(0);
        war("back.war", "back v1");
        target.deploy(tomcatHost, target.prepare(Path.of("build/back.war"), "1"));
        war("back.war", "back v2");
        target.deploy(tomcatHost, target.prepare(Path.of("build/back.war"), "2"));
        assertThat(target.planRollback(tomcatHost).description())
                .startsWith("127.0.0.1:" + tomcat.port() + ": would roll /back back from 2 to 1");

        TomcatResult result = target.rollback(tomcatHost);

        assertThat(result.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(result.previousVersion()).contains("2");
        assertThat(result.version()).isEqualTo("1");
        assertThat(get(tomcatHost.appUrl().toString())).isEqualTo("200 back v1");
        assertThat(target.current(tomcatHost).version()).contains("1");
        assertThat(releasesLog(target)).last().asString().contains("\trollback\t1\t");
        // back one release at a time: nothing is kept before 1
        assertThatThrownBy(() -> target.rollback(tomcatHost))
                .isInstanceOf(TomcatStateException.class)
                .hasMessageStartingWith("127.0.0.1:" + tomcat.port()
                        + ": nothing to roll back /back to: only 1, the current one, is kept");
        assertThat(get(tomcatHost.appUrl().toString())).isEqualTo("200 back v1");
    }

    @Test
    void rollbackWithNothingDeployedSaysSo() {
        TomcatTarget target = open(config("/never"), host());

        assertThatThrownBy(() -> target.rollback(target.hosts().get(0)))
                .isInstanceOf(TomcatStateException.class)
                .hasMessageStartingWith("127.0.0.1:" + tomcat.port()
                        + ": nothing to roll back /never to: this target has deployed nothing there");
    }

    @Test
    void keepsOnlyTheLastWars() throws Exception {
        Map<String, Object> config = config("/kept");
        config.put("keep", 2);
        RecordingStepHost host = host();
        TomcatTarget target = open(config, host);
        TomcatHost tomcatHost = target.hosts().get(0);
        List<WarRelease> releases = new ArrayList<>();
        for (int v = 1; v <= 3; v++) {
            war("kept.war", "kept v" + v);
            // each run prepares its own WAR: a run's own WAR is never removed while it runs
            TomcatTarget run = open(config, host);
            WarRelease release = run.prepare(Path.of("build/kept.war"), Integer.toString(v));
            run.deploy(tomcatHost, release);
            releases.add(release);
        }

        assertThat(keptWars(target))
                .containsExactlyInAnyOrder(
                        releases.get(1).war(), releases.get(2).war());
        assertThat(host.unmaskedLines())
                .contains("shop: removed the kept WAR " + releases.get(0).war().getFileName());
        target.rollback(tomcatHost);
        assertThat(get(tomcatHost.appUrl().toString())).isEqualTo("200 kept v2");
    }

    @Test
    void aWarThatFailsToStartLeavesThePreviousVersionRunning() throws Exception {
        RecordingStepHost host = host();
        TomcatTarget target = open(config("/fails"), host);
        TomcatHost tomcatHost = target.hosts().get(0);
        war("fails.war", "fails v1");
        target.deploy(tomcatHost, target.prepare(Path.of("build/fails.war"), "1"));
        TestWars.failingToStart(workspace.resolve("build/fails.war"));
        WarRelease broken = target.prepare(Path.of("build/fails.war"), "2");

        assertThatThrownBy(() -> target.deploy(tomcatHost, broken))
                .isInstanceOfSatisfying(
                        HostException.class, e -> assertThat(e.kind()).isEqualTo(Kind.COMMAND_FAILED))
                .hasMessage("127.0.0.1:" + tomcat.port() + ": deploy of /fails failed: Deployed application at"
                        + " context path [/fails] but context failed to start; 1 was deployed again");

        assertThat(get(tomcatHost.appUrl().toString())).isEqualTo("200 fails v1");
        assertThat(target.current(tomcatHost).version()).contains("1");
        assertThat(target.current(tomcatHost).isRunning()).isTrue();
        assertThat(releasesLog(target)).last().asString().contains("\trestore\t1\t");
    }

    @Test
    void aFirstDeployThatFailsToStartIsAFailureWithTomcatsReason() throws Exception {
        TestWars.failingToStart(workspace.resolve("build/bad.war"));
        TomcatTarget target = open(config("/bad"), host());
        TomcatHost tomcatHost = target.hosts().get(0);

        try {
            assertThatThrownBy(() -> target.deploy(tomcatHost, target.prepare(Path.of("build/bad.war"), "1")))
                    .hasMessage("127.0.0.1:" + tomcat.port() + ": deploy of /bad failed: Deployed application at"
                            + " context path [/bad] but context failed to start");
            assertThat(target.current(tomcatHost).recorded()).isEmpty();
        } finally {
            target.manager(tomcatHost).undeploy("/bad");
        }
    }

    @Test
    void aWrongPasswordIsAClearAuthenticationErrorAndThePasswordIsNeverShown() throws Exception {
        String wrong = "wrong-" + tomcat.password();
        RecordingStepHost host = host(wrong);
        war("auth.war", "auth");
        TomcatTarget target = open(config("/auth"), host);
        TomcatHost tomcatHost = target.hosts().get(0);

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> target.deploy(tomcatHost, target.prepare(Path.of("build/auth.war"), "1")));

        assertThat(failure)
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageContaining("refused the user 'deployer' of credentials 'tomcat-deployer' (HTTP 401)")
                .hasMessageContaining("manager-script");
        assertThat(host.secrets()).contains(Secret.of(wrong));
        assertNowhere(wrong, host, target, failure);
    }

    @Test
    void thePasswordIsMaskedAndNeverInOutputRecordsOrResults() throws Exception {
        RecordingStepHost host = host();
        TomcatTarget target = open(config("/secret"), host);
        TomcatHost tomcatHost = target.hosts().get(0);
        war("secret.war", "secret v1");
        TomcatResult first = target.deploy(tomcatHost, target.prepare(Path.of("build/secret.war"), "1"));
        war("secret.war", "secret v2");
        TomcatResult second = target.deploy(tomcatHost, target.prepare(Path.of("build/secret.war"), "2"));
        TomcatResult back = target.rollback(tomcatHost);

        assertThat(host.secrets()).containsExactly(Secret.of(tomcat.password()));
        assertThat(host.mask("pw=" + tomcat.password())).isEqualTo("pw=****");
        assertNowhere(tomcat.password(), host, target, first, second, back, target.current(tomcatHost));
    }

    @Test
    void anUnreachableManagerIsARetryableFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, Object> config = config("/away");
        config.put("hosts", List.of("http://127.0.0.1:" + port + "/manager"));
        war("away.war", "away");
        TomcatTarget target = open(config, host());

        assertThatThrownBy(() -> target.deploy(target.hosts().get(0), target.prepare(Path.of("build/away.war"), "1")))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.host()).isEqualTo("127.0.0.1:" + port);
                })
                .hasMessage("127.0.0.1:" + port + ": cannot reach the Tomcat manager at http://127.0.0.1:" + port
                        + "/manager: connection refused");
    }

    @Test
    void missingCredentialsAreNamed() {
        RecordingStepHost host = new RecordingStepHost(workspace);

        assertThatThrownBy(() -> open(config("/nocreds"), host))
                .isInstanceOf(CredentialsException.class)
                .hasMessageStartingWith("Could not find credentials entry with ID 'tomcat-deployer'");
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndChangesNothing() throws Exception {
        war("dry.war", "dry v1");
        TomcatTarget real = open(config("/dry"), host());
        TomcatHost tomcatHost = real.hosts().get(0);
        real.deploy(tomcatHost, real.prepare(Path.of("build/dry.war"), "1"));
        war("dry.war", "dry v2");
        RecordingStepHost dryHost = host().dryRun(true);
        TomcatTarget dry = open(config("/dry"), dryHost);

        WarRelease v2 = dry.prepare(Path.of("build/dry.war"), "2");
        TomcatResult result = dry.deploy(tomcatHost, v2);

        assertThat(result.outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(result.changed()).isFalse();
        assertThat(result.message())
                .startsWith("127.0.0.1:" + tomcat.port() + ": would deploy 2 (")
                .endsWith("…) to /dry, replacing 1");
        assertThat(v2.war()).isEqualTo(workspace.resolve("build/dry.war"));
        assertThat(keptWars(real)).hasSize(1);
        assertThat(get(tomcatHost.appUrl().toString())).isEqualTo("200 dry v1");
        assertThat(dry.planRollback(tomcatHost).changes()).isFalse();
        assertThat(dry.planRollback(tomcatHost).description()).contains("nothing to roll back /dry to");
        assertThat(dry.current(tomcatHost).version()).contains("1");
        assertThat(dryHost.unmaskedLines()).noneMatch(line -> line.contains("deploying"));
    }

    @Test
    void aPlanTellsAFirstDeployAnUnchangedHostAndAnApplicationItDidNotDeploy() throws Exception {
        war("plan.war", "plan");
        TomcatTarget target = open(config("/plan"), host());
        TomcatHost tomcatHost = target.hosts().get(0);
        WarRelease v1 = target.prepare(Path.of("build/plan.war"), "1");

        TomcatPlan first = target.plan(tomcatHost, v1);
        assertThat(first.changes()).isTrue();
        assertThat(first.from()).isEmpty();
        assertThat(first.to()).contains("1");
        assertThat(first.description()).endsWith("to /plan");

        target.deploy(tomcatHost, v1);
        TomcatPlan same = target.plan(tomcatHost, v1);
        assertThat(same.changes()).isFalse();
        assertThat(same.description()).endsWith("/plan already runs 1 with the same checksum: no change");

        // another target (another state directory) did not deploy what runs there
        Map<String, Object> other = config("/plan");
        other.put("stateDir", "other-state");
        TomcatTarget stranger = open(other, host());
        TomcatPlan foreign = stranger.plan(tomcatHost, stranger.prepare(Path.of("build/plan.war"), "1"));
        assertThat(foreign.from()).isEmpty();
        assertThat(foreign.description())
                .endsWith("replacing an application not deployed by this target (it cannot be rolled back to)");
    }

    @Test
    void refusesAPathServedByParallelDeployment() throws Exception {
        Path war = war("parallel.war", "parallel");
        HttpResponse<String> deployed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(java.net.URI.create(
                                        tomcat.managerUrl() + "/text/deploy?path=/parallel&version=7"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString((tomcat.user() + ":" + tomcat.password())
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .PUT(HttpRequest.BodyPublishers.ofFile(war))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(deployed.body()).startsWith("OK - ");
        TomcatTarget target = open(config("/parallel"), host());
        TomcatHost tomcatHost = target.hosts().get(0);

        assertThat(target.current(tomcatHost).version()).contains("7");
        assertThatThrownBy(() -> target.deploy(tomcatHost, target.prepare(Path.of("build/parallel.war"), "8")))
                .isInstanceOf(HostException.class)
                .hasMessage("127.0.0.1:" + tomcat.port() + ": /parallel is served by Tomcat's parallel deployment"
                        + " (parallel##7), which this target does not use: undeploy those versions or deploy to"
                        + " another path");
    }

    @Test
    void deploysTheRootApplication() throws Exception {
        war("root.war", "root v1");
        TomcatTarget target = open(config("/"), host());
        TomcatHost tomcatHost = target.hosts().get(0);

        try {
            target.deploy(tomcatHost, target.prepare(Path.of("build/root.war"), "1"));

            assertThat(tomcatHost.appUrl()).isEqualTo(tomcat.url("/"));
            assertThat(get(tomcat.url("/").toString())).isEqualTo("200 root v1");
            assertThat(target.stateDir().resolve("hosts/127.0.0.1_" + tomcat.port() + "/ROOT.releases"))
                    .exists();
        } finally {
            target.manager(tomcatHost).undeploy("/");
        }
    }

    private static void assertNowhere(String secret, RecordingStepHost host, Object... more) throws IOException {
        assertThat(host.unmaskedLines()).noneMatch(line -> line.contains(secret));
        for (Object o : more) {
            if (o instanceof TomcatTarget target) {
                if (Files.exists(target.stateDir())) {
                    try (Stream<Path> files = Files.walk(target.stateDir())) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            byte[] bytes = Files.readAllBytes(f);
                            assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                                    .as(f.toString())
                                    .doesNotContain(secret);
                        }
                    }
                }
            } else if (o instanceof Throwable t) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
                }
            } else {
                assertThat(String.valueOf(o)).doesNotContain(secret);
            }
        }
    }

    private static List<String> releasesLog(TomcatTarget target) throws IOException {
        return Files.readAllLines(target.stateDir().resolve("releases.log"));
    }

    private static List<Path> keptWars(TomcatTarget target) throws IOException {
        Path wars = target.stateDir().resolve("wars");
        if (!Files.isDirectory(wars)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(wars)) {
            return files.filter(f -> f.toString().endsWith(".war")).toList();
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(java.net.URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }
}
