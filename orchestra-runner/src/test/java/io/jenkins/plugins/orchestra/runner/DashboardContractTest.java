package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's dashboard server, running a real Jenkinsfile: what it returns matches the JSON schemas of
 * orchestra-dashboard/openapi.yaml, a credential never reaches its JSON, and it refuses answers that are not the
 * page's, too large, malformed or from someone who may not approve, before it takes the right one.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DashboardContractTest {
    private static final String SECRET = "s3cr3t-api-token-4711";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:(\\d+))/runs/(\\d+)");

    @TempDir
    Path workspace;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final StringBuffer printed = new StringBuffer();
    private CompletableFuture<Integer> run;
    private String base;
    private int port;

    @BeforeEach
    void startRunWaitingForApproval() throws Exception {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        try (InputStream in = getClass().getResourceAsStream("/ui/approval-with-secret-output.jenkinsfile")) {
            Files.write(jenkinsfile, in.readAllBytes());
        }
        Path credentials = Files.createFile(
                workspace.resolve("credentials.json"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
                credentials,
                "{\"credentials\": {\"api-token\": {\"type\": \"string\", \"secret\": \"" + SECRET + "\"}}}");
        PrintStream out = new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(int b) {
                        printed.append((char) b);
                    }
                },
                true,
                StandardCharsets.UTF_8);
        run = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {
                    "run",
                    jenkinsfile.toString(),
                    "--port",
                    "0",
                    "--credentials",
                    credentials.toString(),
                    "--user",
                    "ci"
                },
                out,
                out));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (base == null && System.nanoTime() < deadline && !run.isDone()) {
            Matcher m = URL.matcher(printed);
            if (m.find()) {
                base = m.group(1);
                port = Integer.parseInt(m.group(2));
            } else {
                Thread.sleep(50);
            }
        }
        assertThat(base).as("dashboard address in:\n" + printed).isNotNull();
        awaitStatus("deploy", "WAITING_FOR_APPROVAL");
    }

    @AfterEach
    void finishTheRun() throws Exception {
        if (!run.isDone()) {
            MailboxInput.Answers.write(workspace.resolve(".orchestra/runs/1"), "deploy", false, "alice", "test over");
        }
        run.get(60, TimeUnit.SECONDS);
    }

    @Test
    void servesJsonThatMatchesTheOpenApiSchemas() throws Exception {
        assertValid("RunList", get("/api/runs"));
        JsonNode view = get("/api/runs/1");
        assertValid("RunView", view);
        assertThat(view.path("status").asText()).isEqualTo("RUNNING");
        JsonNode deploy = stage(view, "deploy");
        assertThat(deploy.path("waiting").path("approvers"))
                .extracting(JsonNode::asText)
                .containsExactly("alice");
        assertThat(deploy.path("waiting").path("input").asText()).isEqualTo("deploy");
        String build = stage(view, "build").path("id").asText();
        assertValid("LogChunk", get("/api/runs/1/stages/" + build + "/log?tail=4096"));
        JsonNode page = get("/api/runs/1/stages/" + build + "/log?offset=0&limit=10");
        JsonNode changes = get("/api/runs/1/changes?since=0");
        assertValid("Delta", changes);
        assertThat(changes.path("edges")).isNotEmpty();
        assertValid(
                "Delta", get("/api/runs/1/changes?since=" + view.path("version").asLong()));
        assertThat(page.path("next").asLong()).isLessThanOrEqualTo(10);

        HttpResponse<InputStream> events = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/runs/1/events?since=0"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(events.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (InputStream in = events.body()) {
            JsonNode delta = firstEvent(in, "delta");
            assertValid("Delta", delta);
            assertThat(delta.path("edges")).isNotEmpty();
        }

        HttpResponse<InputStream> log = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/runs/1/stages/" + build + "/log/events?offset=0"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(log.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (InputStream in = log.body()) {
            JsonNode chunk = firstEvent(in, "log");
            assertValid("LogChunk", chunk);
            assertThat(chunk.path("stage").asText()).isEqualTo(build);
            assertThat(chunk.path("offset").asLong()).isZero();
            assertThat(chunk.path("next").asLong()).isEqualTo(chunk.path("size").asLong());
            assertThat(chunk.path("text").asText()).contains("using ****");
        }
    }

    @Test
    void neverPutsACredentialInItsJson() throws Exception {
        String view = getText("/api/runs/1");
        assertThat(view).doesNotContain(SECRET).contains("token=****");
        String build = stage(JSON.readTree(view), "build").path("id").asText();
        assertThat(getText("/api/runs/1/stages/" + build + "/log"))
                .doesNotContain(SECRET)
                .contains("using ****");
        approve("alice", "ok");
        run.get(60, TimeUnit.SECONDS);
        Path saved = workspace.resolve(".orchestra/runs/1/view.json");
        assertThat(Files.readString(saved)).doesNotContain(SECRET);
    }

    @Test
    void refusesAnswersWithoutTheTokenTooLargeMalformedOrFromOthers() throws Exception {
        String token = token();
        assertThat(post("/api/runs/1/inputs/deploy", null, "{\"approve\": true, \"by\": \"alice\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/api/runs/1/inputs/deploy", "wrong", "{\"approve\": true, \"by\": \"alice\"}")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> tooLarge =
                post("/api/runs/1/inputs/deploy", token, "{\"by\": \"" + "x".repeat(9000) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertValid("Error", JSON.readTree(tooLarge.body()));
        HttpResponse<String> malformed = post("/api/runs/1/inputs/deploy", token, "{\"approve\": tru");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("error").asText()).startsWith("malformed JSON");
        assertThat(post("/api/runs/1/inputs/deploy", token, "{\"approve\": true, \"by\": \"alice\", \"x\": 1}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/api/runs/1/inputs/deploy", token, "[]").statusCode()).isEqualTo(400);
        HttpResponse<String> trailing =
                post("/api/runs/1/inputs/deploy", token, "{\"approve\": true, \"by\": \"alice\"} and more");
        assertThat(trailing.statusCode())
                .as("an answer followed by more is malformed")
                .isEqualTo(400);
        assertThat(JSON.readTree(trailing.body()).path("error").asText()).startsWith("malformed JSON");
        HttpResponse<String> mallory =
                post("/api/runs/1/inputs/deploy", token, "{\"approve\": true, \"by\": \"mallory\"}");
        assertThat(mallory.statusCode()).isEqualTo(403);
        assertThat(mallory.body()).contains("approvers are alice");
        HttpResponse<String> forged = post(
                "/api/runs/1/inputs/deploy",
                token,
                "{\"approve\": true, \"by\": \"alice\\n[deploy] approved by mallory\"}");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(forged.body()).path("error").asText())
                .isEqualTo("by must be a name without control characters such as a line break");
        HttpResponse<String> fieldWithBreak =
                post("/api/runs/1/inputs/deploy", token, "{\"approve\": true, \"by\": \"alice\", \"x\\ny\": 1}");
        assertThat(JSON.readTree(fieldWithBreak.body()).path("error").asText())
                .as("a value quoted in an error stays on one line")
                .startsWith("unknown field 'x\\ny'")
                .doesNotContain("\n");
        assertThat(post("/api/runs/1/inputs/nothing", token, "{\"approve\": true, \"by\": \"alice\"}")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> text = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/runs/1/inputs/deploy"))
                        .header("Content-Type", "text/plain")
                        .header("X-Orchestra-Token", token)
                        .POST(HttpRequest.BodyPublishers.ofString("approve"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> jsonp = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/runs/1/inputs/deploy"))
                        .header("Content-Type", "application/jsonp")
                        .header("X-Orchestra-Token", token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"approve\": true, \"by\": \"alice\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jsonp.statusCode()).as("a type that only starts like JSON's").isEqualTo(415);
        HttpResponse<String> viaGet = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/runs/1/inputs/deploy"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaGet.statusCode()).isEqualTo(405);
        assertThat(rawStatus("GET /api/runs HTTP/1.1\r\nHost: attacker.example:" + port + "\r\n\r\n"))
                .isEqualTo(403);
        assertThat(get("/api/runs/1").path("status").asText())
                .as("still waiting")
                .isEqualTo("RUNNING");
    }

    @Test
    void refusesAnAnswerFromAnOpaqueOriginEvenWithTheToken() throws Exception {
        String body = "{\"approve\": true, \"by\": \"alice\"}";
        String request = "POST /api/runs/1/inputs/deploy HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nOrigin: null\r\nX-Orchestra-Token: " + token()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        assertThat(rawStatus(request))
                .as("a sandboxed frame or a file: page sends Origin: null")
                .isEqualTo(403);
        assertThat(rawStatus("GET /api/runs/1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: null\r\n\r\n"))
                .as("reading is left to the browser's same-origin policy")
                .isEqualTo(200);
        assertThat(stage(get("/api/runs/1"), "deploy").path("status").asText()).isEqualTo("WAITING_FOR_APPROVAL");
        assertThat(Files.exists(workspace.resolve(".orchestra/runs/1/answers/deploy.json")))
                .isFalse();
    }

    @Test
    void takesTheRightAnswerAndKeepsItInTheAuditTrail() throws Exception {
        HttpResponse<String> accepted = approve("alice", "release notes read");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertValid("Accepted", JSON.readTree(accepted.body()));
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(Main.OK);

        JsonNode done = JSON.readTree(Files.readString(workspace.resolve(".orchestra/runs/1/view.json")));
        assertValid("RunView", done);
        assertThat(done.path("status").asText()).isEqualTo("SUCCESS");
        JsonNode approval = done.path("approvals").get(0);
        assertThat(approval.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approval.path("decisions").get(0).path("by").asText()).isEqualTo("alice");
        assertThat(approval.path("decisions").get(0).path("comment").asText()).isEqualTo("release notes read");
        JsonNode hosts = stage(done, "deploy").path("outputs").path("hosts");
        assertThat(hosts.get(1).path("host").asText()).isEqualTo("web2");
        assertThat(done.path("criticalPath").path("stages")).hasSize(2);
    }

    @Test
    void rejectingFailsTheStageAndKeepsWhoRejectedAndWhy() throws Exception {
        HttpResponse<String> rejected = post(
                "/api/runs/1/inputs/deploy",
                token(),
                "{\"approve\": false, \"by\": \"alice\", \"comment\": \"not today\"}");
        assertThat(rejected.statusCode()).isEqualTo(202);
        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(Main.FAILED);

        JsonNode done = JSON.readTree(Files.readString(workspace.resolve(".orchestra/runs/1/view.json")));
        assertThat(stage(done, "deploy").path("status").asText()).isEqualTo("FAILED");
        JsonNode approval = done.path("approvals").get(0);
        assertThat(approval.path("status").asText()).isEqualTo("REJECTED");
        assertThat(approval.path("decisions").get(0).path("approved").asBoolean())
                .isFalse();
        assertThat(approval.path("decisions").get(0).path("comment").asText()).isEqualTo("not today");
    }

    @Test
    void orchestraUiServesARunGoingOnElsewhereChecksTheApproverAndPassesTheAnswerOn() throws Exception {
        try (io.jenkins.plugins.orchestra.runner.ui.DashboardServer ui = UiCommand.start(workspace, 0)) {
            String other = base;
            base = ui.url().substring(0, ui.url().length() - 1);
            try {
                awaitStatus("deploy", "WAITING_FOR_APPROVAL"); // from the view.json the run writes
                JsonNode runs = get("/api/runs");
                assertValid("RunList", runs);
                assertThat(runs.path("runs").get(0).path("status").asText()).isEqualTo("RUNNING");
                assertThat(runs.path("runs").get(0).path("live").asBoolean()).isFalse();
                assertValid("Delta", get("/api/runs/1/changes?since=0"));
                HttpResponse<String> bob = approve("bob", "late");
                assertThat(bob.statusCode()).as(bob.body()).isEqualTo(403);
                assertThat(approve("alice", "from orchestra ui").statusCode()).isEqualTo(202);
                assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(Main.OK);
                HttpResponse<InputStream> events = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/runs/1/events?since=0"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = events.body()) {
                    assertThat(firstEvent(in, "end")).isNotNull();
                }
            } finally {
                base = other;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private HttpResponse<String> approve(String by, String comment) throws Exception {
        return post(
                "/api/runs/1/inputs/deploy",
                token(),
                "{\"approve\": true, \"by\": \"" + by + "\", \"comment\": \"" + comment + "\"}");
    }

    private String token() throws Exception {
        String html = getText("/runs/1");
        Matcher m =
                Pattern.compile("name=\"orchestra-token\" content=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("token in the run's page").isTrue();
        return m.group(1);
    }

    private void awaitStatus(String stage, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode s = stage(get("/api/runs/1"), stage);
            if (s != null && s.path("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(stage + " never became " + status + "; printed:\n" + printed);
    }

    private static JsonNode stage(JsonNode view, String name) {
        for (JsonNode s : view.path("stages")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(getText(path));
    }

    private String getText(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("X-Orchestra-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int rawStatus(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private static JsonNode firstEvent(InputStream in, String name) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        String event = null;
        int c;
        while ((c = in.read()) != -1) {
            if (c != '\n') {
                line.write(c);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.startsWith("event: ")) {
                event = text.substring(7);
            } else if (text.startsWith("data: ") && name.equals(event)) {
                return JSON.readTree(text.substring(6));
            }
        }
        throw new AssertionError("no " + name + " event");
    }

    private static void assertValid(String schema, JsonNode json) throws IOException {
        OpenApiSchemas.assertValid(schema, json);
    }
}
