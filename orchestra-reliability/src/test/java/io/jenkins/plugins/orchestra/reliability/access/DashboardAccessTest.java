package io.jenkins.plugins.orchestra.reliability.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.reliability.fixtures.RunnerJvm;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a real {@code orchestra run} (a runner JVM of its own), with two runs waiting for approval in one
 * workspace: it listens on 127.0.0.1 only, and its one state-changing endpoint (approve or reject an input) refuses
 * every request that is not the run page's own (no token, a wrong one, another run's, another server's, a method other
 * than POST, another origin, a forged {@code Host}, a body that is not JSON), changing nothing, before it takes the
 * right ones.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("Dashboard: http://(127\\.0\\.0\\.1):(\\d+)/runs/(\\d+)");
    private static final String JENKINSFILE =
            """
            node {
                orchestrate {
                    stage('build') {
                        echo 'built'
                    }
                    stage('deploy', needs: 'build', approval: [approvers: ['alice'], message: 'Deploy?']) {
                        echo 'deployed'
                    }
                }
            }
            """;
    private static final String APPROVE = "{\"approve\": true, \"by\": \"alice\", \"comment\": \"checked\"}";
    private static final String REJECT = "{\"approve\": false, \"by\": \"alice\", \"comment\": \"not today\"}";

    static final AccessChecks checks = new AccessChecks("dashboard");

    @TempDir
    static Path workspace;

    private static Served first;
    private static Served second;

    /** A run waiting for approval and the dashboard its runner serves. */
    record Served(RunnerJvm runner, String address, int port, int run) {
        String origin() {
            return "http://127.0.0.1:" + port;
        }
    }

    @BeforeAll
    static void twoRunsWaitingForApproval() throws Exception {
        Files.writeString(workspace.resolve("Jenkinsfile"), JENKINSFILE);
        // both at once (each takes its own run number), so the suite stays short
        RunnerJvm a = launch();
        RunnerJvm b = launch();
        first = served(a);
        second = served(b);
        assertThat(second.run()).isNotEqualTo(first.run());
    }

    @AfterAll
    static void stopAndReport() throws Exception {
        for (Served s : new Served[] {first, second}) {
            if (s != null) {
                s.runner().close();
            }
        }
        checks.write();
    }

    private static RunnerJvm launch() throws IOException {
        return RunnerJvm.start(workspace, Map.of(), "run", "Jenkinsfile", "--port", "0", "--plain", "--user", "ci");
    }

    /** Waits for {@code runner}'s dashboard address and for its run to wait for approval. */
    private static Served served(RunnerJvm runner) throws Exception {
        Matcher[] found = new Matcher[1];
        boolean printed = runner.await(
                () -> {
                    try {
                        Matcher m = URL.matcher(runner.output());
                        if (m.find()) {
                            found[0] = m;
                            return true;
                        }
                        return false;
                    } catch (IOException e) {
                        return false;
                    }
                },
                Duration.ofSeconds(90));
        assertThat(printed)
                .as("the dashboard's address in:\n" + runner.output())
                .isTrue();
        Served s = new Served(
                runner, found[0].group(1), Integer.parseInt(found[0].group(2)), Integer.parseInt(found[0].group(3)));
        boolean waiting = runner.await(
                () -> {
                    try {
                        return "WAITING_FOR_APPROVAL".equals(stageStatus(s, s.run(), "deploy"));
                    } catch (IOException e) {
                        return false;
                    }
                },
                Duration.ofSeconds(60));
        assertThat(waiting)
                .as("run " + s.run() + " waits for approval:\n" + runner.output())
                .isTrue();
        return s;
    }

    @Test
    @Order(1)
    void listensOnLoopbackOnly() throws Exception {
        checks.check("the printed address is 127.0.0.1", () -> assertThat(first.address())
                .isEqualTo("127.0.0.1"));
        checks.check("every socket the runner listens on is bound to 127.0.0.1, the dashboard's among them", () -> {
            Map<Integer, InetAddress> listening =
                    ListeningSockets.of(first.runner().pid());
            assertThat(listening).containsKey(first.port());
            assertThat(listening.values())
                    .allSatisfy(a -> assertThat(a.getHostAddress()).isEqualTo("127.0.0.1"));
        });
        checks.check(
                "another loopback address (127.0.0.2) is refused: bound to 127.0.0.1, not to every address",
                () -> assertRefused(InetAddress.getByName("127.0.0.2"), first.port()));
        List<InetAddress> outside = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (!a.isLoopbackAddress()) {
                        outside.add(a);
                    }
                }
            }
        }
        System.out.println("non-loopback addresses of this machine: " + outside);
        checks.check("this machine has a non-loopback address to try", () -> assertThat(outside)
                .isNotEmpty());
        for (InetAddress a : outside) {
            checks.check(
                    "a connection to " + a.getHostAddress() + " port " + first.port() + " is refused",
                    () -> assertRefused(a, first.port()));
        }
        checks.assertAllPassed();
    }

    @Test
    @Order(2)
    void refusesEveryAnswerThatIsNotTheRunPagesOwnAndChangesNothing() throws Exception {
        String token = token(first, first.run());
        String otherRunsToken = token(second, second.run());
        String tokenForRun2FromServer1 = token(first, second.run());
        String otherServersToken = token(second, first.run());
        String path = "/api/runs/" + first.run() + "/inputs/deploy";

        refused("no token", 403, request(first, "POST", path).without("X-Orchestra-Token"));
        refused("an empty token", 403, request(first, "POST", path).header("X-Orchestra-Token", ""));
        refused(
                "a wrong token of the right length",
                403,
                request(first, "POST", path).header("X-Orchestra-Token", "A".repeat(token.length())));
        refused(
                "the right token with a character changed",
                403,
                request(first, "POST", path)
                        .header("X-Orchestra-Token", token.substring(0, token.length() - 1) + flip(token)));
        refused(
                "the token of another run (from its own runner's page)",
                403,
                request(first, "POST", path).header("X-Orchestra-Token", otherRunsToken));
        refused(
                "the token of another run (from this server's page of that run)",
                403,
                request(first, "POST", path).header("X-Orchestra-Token", tokenForRun2FromServer1));
        refused(
                "this run's token used for another run's input",
                403,
                request(first, "POST", "/api/runs/" + second.run() + "/inputs/deploy")
                        .header("X-Orchestra-Token", token));
        refused(
                "the token another server issued for this run",
                403,
                request(first, "POST", path).header("X-Orchestra-Token", otherServersToken));
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            refused(method + " instead of POST", 405, request(first, method, path));
        }
        refused(
                "an Origin of another site",
                403,
                request(first, "POST", path).header("Origin", "https://evil.example"));
        refused(
                "an Origin of another site on the same port",
                403,
                request(first, "POST", path).header("Origin", "http://evil.example:" + first.port()));
        refused(
                "an Origin of another local site (127.0.0.1, another port)",
                403,
                request(first, "POST", path).header("Origin", "http://127.0.0.1:" + (first.port() == 1 ? 2 : 1)));
        refused(
                "an opaque Origin (null: a sandboxed frame, a data: or file: page)",
                403,
                request(first, "POST", path).header("Origin", "null"));
        refused(
                "a Host of another name on the same port (DNS rebinding)",
                403,
                request(first, "POST", path).header("Host", "evil.example:" + first.port()));
        refused(
                "a Host of another name (DNS rebinding)",
                403,
                request(first, "POST", path).header("Host", "evil.example"));
        refused(
                "a Host whose name only starts like ours",
                403,
                request(first, "POST", path).header("Host", "127.0.0.1.evil.example:" + first.port()));
        refused("no Host", 403, request(first, "POST", path).without("Host"));
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")) {
            refused(
                    "Content-Type " + type + " (what a cross-site form sends)",
                    415,
                    request(first, "POST", path).header("Content-Type", type));
        }
        refused("no Content-Type", 415, request(first, "POST", path).without("Content-Type"));
        refused(
                "someone who is not an approver",
                403,
                request(first, "POST", path).body("{\"approve\": true, \"by\": \"mallory\"}"));

        for (Served s : List.of(first, second)) {
            checks.check("run " + s.run() + " still waits for approval after the refused requests", () -> {
                assertThat(status(s, s.run())).isEqualTo("RUNNING");
                assertThat(stageStatus(s, s.run(), "deploy")).isEqualTo("WAITING_FOR_APPROVAL");
            });
            checks.check(
                    "run " + s.run() + "'s audit trail holds no decision",
                    () -> assertThat(approval(s, s.run()).path("decisions")).isEmpty());
            checks.check("run " + s.run() + "'s mailbox holds no answer", () -> {
                Path answers = workspace.resolve(".orchestra/runs/" + s.run() + "/answers");
                assertThat(!Files.isDirectory(answers) || isEmpty(answers))
                        .as("answers/ is empty")
                        .isTrue();
            });
        }
        checks.assertAllPassed();
    }

    @Test
    @Order(3)
    void takesTheRightApprovalAndTheRightRejection() throws Exception {
        String path1 = "/api/runs/" + first.run() + "/inputs/deploy";
        checks.check("the run page's own approval is taken (202)", () -> assertThat(request(first, "POST", path1)
                        .header("X-Orchestra-Token", token(first, first.run()))
                        .send()
                        .status())
                .isEqualTo(202));
        checks.check(
                "the approved run succeeds",
                () -> assertThat(first.runner().waitFor(Duration.ofSeconds(60))).isZero());
        checks.check("its audit trail holds one decision: approved by alice", () -> {
            JsonNode a = savedApproval(first.run());
            assertThat(a.path("status").asText()).isEqualTo("APPROVED");
            assertThat(a.path("decisions")).hasSize(1);
            assertThat(a.path("decisions").get(0).path("by").asText()).isEqualTo("alice");
        });
        String path2 = "/api/runs/" + second.run() + "/inputs/deploy";
        checks.check("the run page's own rejection is taken (202)", () -> assertThat(request(second, "POST", path2)
                        .header("X-Orchestra-Token", token(second, second.run()))
                        .body(REJECT)
                        .send()
                        .status())
                .isEqualTo(202));
        checks.check("the rejected run fails", () -> assertThat(second.runner().waitFor(Duration.ofSeconds(60)))
                .isEqualTo(1));
        checks.check("its audit trail holds one decision: rejected by alice", () -> {
            JsonNode a = savedApproval(second.run());
            assertThat(a.path("status").asText()).isEqualTo("REJECTED");
            assertThat(a.path("decisions")).hasSize(1);
            assertThat(a.path("decisions").get(0).path("comment").asText()).isEqualTo("not today");
        });
        checks.assertAllPassed();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Checks that {@code request}, otherwise the page's own, is refused with {@code expected} and one line. */
    private void refused(String what, int expected, Request request) {
        checks.check("refuses " + what + " (" + expected + ")", () -> {
            Request.Answer answer = request.send();
            assertThat(answer.status()).as(answer.body()).isEqualTo(expected);
            assertThat(answer.body().strip()).as("a one-line JSON error").startsWith("{\"error\":");
            assertThat(answer.body().strip().lines()).hasSize(1);
        });
    }

    private static char flip(String token) {
        char last = token.charAt(token.length() - 1);
        return last == 'x' ? 'y' : 'x';
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }

    private static void assertRefused(InetAddress address, int port) {
        assertThatThrownBy(() -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(address, port), 3000);
                    }
                })
                .as("connect to " + address + ":" + port)
                .isInstanceOf(ConnectException.class);
    }

    /**
     * A request with everything the page of {@code s}'s run sends: its token, Host, same Origin, JSON, the approval
     * body; each refusal changes one of them.
     */
    private static Request request(Served s, String method, String path) throws IOException {
        Request r = new Request(s.port(), method, path);
        r.header("Host", "127.0.0.1:" + s.port());
        r.header("Origin", s.origin());
        r.header("X-Orchestra-Token", token(s, s.run()));
        r.header("Content-Type", "application/json");
        r.body(APPROVE);
        return r;
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The token in the page of {@code run} that {@code s}'s server serves. */
    private static String token(Served s, int run) throws IOException {
        String key = s.port() + "/" + run;
        String known = TOKENS.get(key);
        if (known != null) {
            return known;
        }
        Request.Answer page = new Request(s.port(), "GET", "/runs/" + run)
                .header("Host", "127.0.0.1:" + s.port())
                .send();
        Matcher m =
                Pattern.compile("name=\"orchestra-token\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as("a token in the page of run " + run).isTrue();
        TOKENS.put(key, m.group(1));
        return m.group(1);
    }

    private static JsonNode view(Served s, int run) throws IOException {
        Request.Answer a = new Request(s.port(), "GET", "/api/runs/" + run)
                .header("Host", "127.0.0.1:" + s.port())
                .send();
        return JSON.readTree(a.body());
    }

    private static String status(Served s, int run) throws IOException {
        return view(s, run).path("status").asText();
    }

    private static String stageStatus(Served s, int run, String stage) throws IOException {
        for (JsonNode n : view(s, run).path("stages")) {
            if (n.path("name").asText().equals(stage)) {
                return n.path("status").asText();
            }
        }
        return null;
    }

    private static JsonNode approval(Served s, int run) throws IOException {
        for (JsonNode a : view(s, run).path("approvals")) {
            return a;
        }
        throw new AssertionError("run " + run + " has no approval");
    }

    private static JsonNode savedApproval(int run) throws IOException {
        JsonNode view = JSON.readTree(
                workspace.resolve(".orchestra/runs/" + run + "/view.json").toFile());
        return view.path("approvals").get(0);
    }

    /** One HTTP/1.1 request written by hand, so that every header (Host too) is what the test says. */
    static final class Request {
        record Answer(int status, String body) {}

        private final int port;
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body = "";

        Request(int port, String method, String path) {
            this.port = port;
            this.method = method;
            this.path = path;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request without(String name) {
            headers.remove(name);
            return this;
        }

        Request body(String body) {
            this.body = body;
            return this;
        }

        Answer send() throws IOException {
            byte[] content = method.equals("GET") ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (!method.equals("GET")) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                s.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().write(content);
                s.getOutputStream().flush();
                String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int status = Integer.parseInt(response.substring(9, 12));
                int end = response.indexOf("\r\n\r\n");
                String rest = end < 0 ? "" : response.substring(end + 4);
                boolean chunked = response.substring(0, Math.max(end, 0))
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains("transfer-encoding: chunked");
                return new Answer(status, chunked ? unchunk(rest) : rest);
            }
        }

        private static String unchunk(String s) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                int eol = s.indexOf("\r\n", i);
                if (eol < 0) {
                    break;
                }
                int size = Integer.parseInt(s.substring(i, eol).strip(), 16);
                if (size == 0) {
                    break;
                }
                out.append(s, eol + 2, eol + 2 + size);
                i = eol + 2 + size + 2;
            }
            return out.toString();
        }
    }

    /** The TCP sockets a process listens on, by port, read from {@code /proc}: what the kernel says it bound. */
    static final class ListeningSockets {
        private ListeningSockets() {}

        static Map<Integer, InetAddress> of(long pid) throws IOException {
            List<String> inodes = new ArrayList<>();
            try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        String link = Files.readSymbolicLink(fd).toString();
                        if (link.startsWith("socket:[")) {
                            inodes.add(link.substring(8, link.length() - 1));
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            }
            Map<Integer, InetAddress> out = new LinkedHashMap<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                Path file = Path.of(table);
                if (!Files.isReadable(file)) {
                    continue;
                }
                for (String line : Files.readAllLines(file)
                        .subList(1, Files.readAllLines(file).size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                        String[] local = f[1].split(":");
                        out.put(Integer.parseInt(local[1], 16), address(local[0]));
                    }
                }
            }
            return out;
        }

        /** An address as /proc/net/tcp writes it: 32-bit words in host (little-endian) order. */
        private static InetAddress address(String hex) throws IOException {
            byte[] bytes = new byte[hex.length() / 2];
            for (int word = 0; word < bytes.length / 4; word++) {
                for (int b = 0; b < 4; b++) {
                    int at = word * 8 + (3 - b) * 2;
                    bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
                }
            }
            InetAddress a = InetAddress.getByAddress(bytes);
            return a instanceof Inet6Address v6 && isMappedV4(bytes)
                    ? InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16))
                    : a;
        }

        private static boolean isMappedV4(byte[] b) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        }
    }
}
