package io.jenkins.plugins.orchestra.deploy.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.deploy.HostException.Kind;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.testing.TomcatServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager client against a real Tomcat 10, started once for the class. */
class TomcatManagerTest {
    @TempDir
    static Path base;

    static TomcatServer tomcat;

    @TempDir
    Path dir;

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

    private TomcatManager manager(String user, String password) {
        return manager(tomcat.managerUrl(), user, password, Duration.ofSeconds(30));
    }

    private static TomcatManager manager(URI url, String user, String password, Duration timeout) {
        return new TomcatManager(
                url,
                new UsernamePasswordCredential("tomcat-deployer", user, Secret.of(password)),
                timeout,
                TomcatManager.httpClient(Duration.ofSeconds(2)));
    }

    private TomcatManager deployer() {
        return manager(tomcat.user(), tomcat.password());
    }

    @Test
    void listsTheManagerAndSaysWhichTomcatItIs() throws Exception {
        assertThat(deployer().list()).anySatisfy(app -> {
            assertThat(app.path()).isEqualTo("/manager");
            assertThat(app.isRunning()).isTrue();
        });
        assertThat(deployer().serverInfo().tomcatVersion())
                .hasValueSatisfying(v -> assertThat(v).startsWith("Apache Tomcat/10."));
    }

    @Test
    void deploysReloadsAndUndeploysAWar() throws Exception {
        Path war = TestWars.war(dir.resolve("client.war"), "client v1");
        TomcatManager manager = deployer();

        assertThat(manager.deploy("/client", war)).isEqualTo("Deployed application at context path [/client]");
        assertThat(get("/client/")).isEqualTo("200 client v1");
        assertThat(manager.apps("/client")).containsExactly(new TomcatApp("/client", "running", 0, "client"));

        Path v2 = TestWars.war(dir.resolve("client2.war"), "client v2");
        manager.deploy("/client", v2);
        assertThat(get("/client/")).isEqualTo("200 client v2");

        assertThat(manager.reload("/client")).isEqualTo("Reloaded application at context path [/client]");
        assertThat(manager.undeploy("/client")).isEqualTo("Undeployed application at context path [/client]");
        assertThat(manager.apps("/client")).isEmpty();
        assertThat(get("/client/")).startsWith("404");
    }

    @Test
    void aFailAnswerIsOneLineWithTomcatsReason() throws Exception {
        Path war = TestWars.war(dir.resolve("x.war"), "x");

        assertThatThrownBy(() -> deployer().deploy("app", war))
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.COMMAND_FAILED);
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessage("127.0.0.1:" + tomcat.port()
                        + ": deploy of app failed: Invalid context path [app] was specified");
        assertThatThrownBy(() -> deployer().undeploy("/nope"))
                .hasMessage(
                        "127.0.0.1:" + tomcat.port() + ": undeploy of /nope failed: No context exists named [/nope]");
    }

    @Test
    void aWarThatCannotStartIsAFailure() throws Exception {
        Path war = TestWars.failingToStart(dir.resolve("broken.war"));
        try {
            assertThatThrownBy(() -> deployer().deploy("/broken", war))
                    .isInstanceOf(HostException.class)
                    .hasMessageEndingWith(
                            "deploy of /broken failed: Deployed application at context path [/broken] but context"
                                    + " failed to start");
        } finally {
            deployer().undeploy("/broken");
        }
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheUserTheCredentialsAndTheRole() {
        String wrong = "not-" + tomcat.password();
        TomcatManager manager = manager(tomcat.user(), wrong);

        assertThatThrownBy(manager::list)
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageContaining("refused the user 'deployer' of credentials 'tomcat-deployer' (HTTP 401)")
                .hasMessageContaining("manager-script")
                .message()
                .doesNotContain(wrong)
                .doesNotContain(tomcat.password());
    }

    @Test
    void aWrongPasswordIsRefusedWhenTheWarIsLarge() throws Exception {
        // larger than Tomcat's maxSwallowSize (2 MB): it answers 401 and closes the connection mid-upload
        Path war = TestWars.war(dir.resolve("refused.war"), "refused", 6 * 1024 * 1024);

        assertThatThrownBy(() -> manager(tomcat.user(), "wrong-password").deploy("/refused", war))
                .isInstanceOfSatisfying(
                        HostException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED))
                .hasMessageContaining("(HTTP 401)");
        assertThat(deployer().apps("/refused")).isEmpty();
    }

    @Test
    void aUserWithoutManagerScriptIsForbidden() {
        assertThatThrownBy(() -> manager(tomcat.guiUser(), tomcat.guiPassword()).list())
                .isInstanceOfSatisfying(
                        HostException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED))
                .hasMessageContaining("does not let the user 'viewer' of credentials 'tomcat-deployer' use its text"
                        + " interface (HTTP 403): the user needs the role manager-script")
                .message()
                .doesNotContain(tomcat.guiPassword());
    }

    @Test
    void aUrlThatIsNotAManagerSaysSo() {
        TomcatManager manager = manager(
                URI.create("http://127.0.0.1:" + tomcat.port() + "/tomcat-manager"),
                tomcat.user(),
                tomcat.password(),
                Duration.ofSeconds(10));

        assertThatThrownBy(manager::list)
                .hasMessageContaining(
                        "no Tomcat manager at http://127.0.0.1:" + tomcat.port() + "/tomcat-manager (HTTP 404)");
    }

    @Test
    void anUnreachableManagerIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TomcatManager manager =
                manager(URI.create("http://127.0.0.1:" + port + "/manager"), "deployer", "pw", Duration.ofSeconds(5));

        assertThatThrownBy(manager::list)
                .isInstanceOfSatisfying(HostException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.isRetryable()).isTrue();
                })
                .hasMessage("127.0.0.1:" + port + ": cannot reach the Tomcat manager at http://127.0.0.1:" + port
                        + "/manager: connection refused");
    }

    @Test
    void aManagerThatDoesNotAnswerTimesOut() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            TomcatManager manager = manager(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/manager"),
                    "deployer",
                    "pw",
                    Duration.ofMillis(500));

            assertThatThrownBy(manager::list)
                    .isInstanceOfSatisfying(HostException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.TIMED_OUT);
                        assertThat(e.isRetryable()).isTrue();
                    })
                    .hasMessageEndingWith("did not answer the list within 500ms");
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void anUploadCutOffByTheServerIsExplainedByAPlainRequest() throws Exception {
        // what a server that refuses a login by closing the connection mid-upload looks like to the client
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> {
                try {
                    while (true) {
                        try (Socket s = server.accept()) {
                            String requestLine = new java.io.BufferedReader(
                                            new java.io.InputStreamReader(s.getInputStream()))
                                    .readLine();
                            if (requestLine != null && requestLine.startsWith("GET ")) {
                                s.getOutputStream()
                                        .write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"
                                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            } else {
                                s.setSoLinger(true, 0);
                            }
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            fake.start();
            Path war = TestWars.war(dir.resolve("cut.war"), "cut", 4 * 1024 * 1024);
            TomcatManager manager = manager(
                    URI.create("http://127.0.0.1:" + server.getLocalPort() + "/manager"),
                    "deployer",
                    "pw",
                    Duration.ofSeconds(10));

            assertThatThrownBy(() -> manager.deploy("/cut", war))
                    .isInstanceOfSatisfying(
                            HostException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED))
                    .hasMessageContaining("(HTTP 401)");
        }
    }

    @Test
    void aMissingWarIsATransferFailure() {
        assertThatThrownBy(() -> deployer().deploy("/missing", dir.resolve("missing.war")))
                .isInstanceOfSatisfying(
                        HostException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSFER_FAILED))
                .hasMessageContaining("cannot read the WAR " + dir.resolve("missing.war"));
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(tomcat.url(path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body().strip();
    }
}
