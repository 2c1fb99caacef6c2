package io.jenkins.plugins.orchestra.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.runner.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile HTTP requests to the dashboard of a run waiting for an approval, over raw sockets: malformed request lines and
 * headers, bodies past the limit or lying about their length, wrong content types, malformed JSON and queries, paths
 * that climb out. Each is answered with a 4xx status and a JSON error of one line, no stack trace; the server goes on
 * answering, and the run is still waiting, with no answer taken, until the right one ends it.
 *
 * <p>{@code -Dbadinput.http=N} sets how many random request lines are tried besides the named cases (40 in {@code mvn
 * verify}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MalformedHttpRequestTest {
    private static final String GROUP = "dashboard HTTP";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("Dashboard: http://127\\.0\\.0\\.1:(\\d+)/runs/(\\d+)");
    private static final String JENKINSFILE =
            """
            node {
                orchestrate {
                    stage('build') { echo 'built' }
                    stage('deploy', needs: 'build', approval: [approvers: ['alice'], message: 'Deploy?']) {
                        echo 'deploying'
                    }
                }
            }
            """;

    @TempDir
    static Path workspace;

    private static final StringBuffer printed = new StringBuffer();
    private static CompletableFuture<Integer> run;
    private static int port;
    private static String token;

    /** One answer as read from the socket: status 0 if the server closed the connection without one. */
    record Answer(int status, Map<String, String> headers, String body) {}

    @BeforeAll
    static void runWaitingForAnApproval() throws Exception {
        Path jenkinsfile = Files.writeString(workspace.resolve("Jenkinsfile"), JENKINSFILE);
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
                new String[] {"run", "--plain", "--port", "0", "--user", "ci", jenkinsfile.toString()}, out, out));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Matcher m = URL.matcher("");
        boolean found = false;
        while (System.nanoTime() < deadline && !run.isDone() && !found) {
            m = URL.matcher(printed);
            found = m.find();
            if (!found) {
                Thread.sleep(50);
            }
        }
        assertThat(found).as("dashboard address in:\n" + printed).isTrue();
        port = Integer.parseInt(m.group(1));
        while (System.nanoTime() < deadline && !waiting()) {
            Thread.sleep(100);
        }
        assertThat(waiting()).as("deploy waits for alice:\n" + printed).isTrue();
        Matcher t = Pattern.compile("name=\"orchestra-token\" content=\"([^\"]+)\"")
                .matcher(get("/runs/1").body());
        assertThat(t.find()).isTrue();
        token = t.group(1);
    }

    @AfterAll
    static void answerRightAndReport() throws Exception {
        try {
            if (run != null && token != null) {
                Answer ok = post(
                        "/api/runs/1/inputs/deploy",
                        "application/json",
                        token,
                        "{\"approve\": true, \"by\": \"alice\"}");
                assertThat(ok.status()).as(ok.body()).isEqualTo(202);
                assertThat(run.get(60, TimeUnit.SECONDS)).as(printed.toString()).isZero();
            }
        } finally {
            Tally.write();
        }
    }

    @Test
    void malformedRequestLinesAndHeadersAreAnsweredWithA4xxAndAJsonError() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        String host = "Host: 127.0.0.1:" + port + "\r\n";
        cases.put("garbage request line", "GARBAGE\r\n\r\n");
        cases.put("request line without a path", "GET\r\n\r\n");
        cases.put("HTTP/0.9 request", "GET /api/runs\r\n\r\n");
        cases.put("unknown HTTP version", "GET /api/runs HTTP/9.9\r\n" + host + "\r\n");
        cases.put("unknown method", "BREW /api/runs HTTP/1.1\r\n" + host + "\r\n");
        cases.put("a 64 KB path", "GET /api/runs/" + "a".repeat(65_536) + " HTTP/1.1\r\n" + host + "\r\n");
        cases.put("bad percent-encoding in the path", "GET /api/runs/1/stages/%zz/log HTTP/1.1\r\n" + host + "\r\n");
        cases.put(
                "bad percent-encoding in the query", "GET /api/runs/1/changes?since=%zz HTTP/1.1\r\n" + host + "\r\n");
        cases.put("query that is not a number", "GET /api/runs/1/changes?since=abc HTTP/1.1\r\n" + host + "\r\n");
        cases.put("negative since", "GET /api/runs/1/changes?since=-1 HTTP/1.1\r\n" + host + "\r\n");
        cases.put(
                "since past a long", "GET /api/runs/1/changes?since=99999999999999999999 HTTP/1.1\r\n" + host + "\r\n");
        cases.put("negative tail", "GET /api/runs/1/stages/x/log?tail=-5 HTTP/1.1\r\n" + host + "\r\n");
        cases.put("run number past an int", "GET /api/runs/99999999999 HTTP/1.1\r\n" + host + "\r\n");
        cases.put("run 0", "GET /api/runs/0 HTTP/1.1\r\n" + host + "\r\n");
        cases.put("path climbing out", "GET /../../../etc/passwd HTTP/1.1\r\n" + host + "\r\n");
        cases.put("asset path climbing out", "GET /assets/..%2f..%2f..%2fpom.xml HTTP/1.1\r\n" + host + "\r\n");
        cases.put(
                "asset path climbing out, encoded dots",
                "GET /assets/%2e%2e/%2e%2e/pom.xml HTTP/1.1\r\n" + host + "\r\n");
        cases.put(
                "stage name climbing out",
                "GET /api/runs/1/stages/..%2f..%2f..%2fetc%2fpasswd/log HTTP/1.1\r\n" + host + "\r\n");
        cases.put("no Host header", "GET /api/runs HTTP/1.1\r\n\r\n");
        cases.put("another Host", "GET /api/runs HTTP/1.1\r\nHost: evil.example\r\n\r\n");
        cases.put("cross-origin", "GET /api/runs HTTP/1.1\r\n" + host + "Origin: http://evil.example\r\n\r\n");
        cases.put("malformed Origin", "GET /api/runs HTTP/1.1\r\n" + host + "Origin: ::::\r\n\r\n");
        cases.put("header without a colon", "GET /api/runs HTTP/1.1\r\n" + host + "NoColonHere\r\n\r\n");
        cases.put(
                "header with a 1 MB value",
                "GET /api/runs HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(1 << 20) + "\r\n\r\n");
        cases.put("20,000 headers", "GET /api/runs HTTP/1.1\r\n" + host + "X-H: v\r\n".repeat(20_000) + "\r\n");
        cases.put("header folded over lines", "GET /api/runs HTTP/1.1\r\n" + host + "X-A: a\r\n  folded\r\n\r\n");
        cases.put("POST to a page", "POST /runs/1 HTTP/1.1\r\n" + host + "Content-Length: 0\r\n\r\n");
        cases.put("DELETE to the runs", "DELETE /api/runs HTTP/1.1\r\n" + host + "\r\n");
        cases.put("GET of an answer", "GET /api/runs/1/inputs/deploy HTTP/1.1\r\n" + host + "\r\n");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            problems.addAll(check(c.getKey(), raw(c.getValue().getBytes(StandardCharsets.ISO_8859_1))));
        }
        int n = Seeds.count("http", 40);
        for (int i = 0; i < n; i++) {
            SplittableRandom random = Seeds.random("http", i);
            String line = randomRequest(random);
            problems.addAll(check(
                    "random request #" + i + " (seed " + Seeds.of("http", i) + "): " + printable(line),
                    raw(line.getBytes(StandardCharsets.ISO_8859_1))));
        }
        assertThat(Known.unknown(problems)).isEmpty();
    }

    @Test
    void hostileAnswersAreRefusedAndTheRunKeepsWaiting() throws Exception {
        String path = "/api/runs/1/inputs/deploy";
        List<String> problems = new ArrayList<>();
        String ok = "{\"approve\": true, \"by\": \"alice\"}";
        problems.addAll(check("no token", post(path, "application/json", null, ok)));
        problems.addAll(check("wrong token", post(path, "application/json", "x" + token, ok)));
        problems.addAll(check(
                "a 10 MB body", post(path, "application/json", token, "{\"by\": \"" + "x".repeat(10 << 20) + "\"}")));
        problems.addAll(check("no content type", post(path, null, token, ok)));
        for (String type : List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/xml",
                "application/jsonp",
                "")) {
            problems.addAll(check("content type '" + type + "'", post(path, type, token, ok)));
        }
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "X-Orchestra-Token: " + token + "\r\n";
        problems.addAll(check(
                "Content-Length that is not a number",
                raw((head + "Content-Length: abc\r\n\r\n" + ok).getBytes(StandardCharsets.UTF_8))));
        problems.addAll(check(
                "negative Content-Length",
                raw((head + "Content-Length: -1\r\n\r\n" + ok).getBytes(StandardCharsets.UTF_8))));
        problems.addAll(check(
                "Content-Length past a long",
                raw((head + "Content-Length: 99999999999999999999\r\n\r\n" + ok).getBytes(StandardCharsets.UTF_8))));
        problems.addAll(check(
                "Content-Length of 1 GB, body short",
                raw((head + "Content-Length: 1073741824\r\n\r\n" + ok).getBytes(StandardCharsets.UTF_8))));
        problems.addAll(check(
                "Content-Length longer than the body",
                raw(
                        (head + "Content-Length: 200\r\nConnection: close\r\n\r\n" + ok)
                                .getBytes(StandardCharsets.UTF_8),
                        true)));
        problems.addAll(check(
                "chunked with a bad chunk size",
                raw((head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + ok + "\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8))));
        problems.addAll(check(
                "chunked past the limit",
                raw((head + "Transfer-Encoding: chunked\r\n\r\n" + "2000\r\n" + "{".repeat(0x2000) + "\r\n")
                        .repeat(3)
                        .concat("0\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8))));
        problems.addAll(check(
                "both Content-Length and chunked",
                raw((head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8))));
        for (String body : List.of(
                "",
                "null",
                "[]",
                "\"yes\"",
                "{\"approve\": tru",
                "{\"approve\": \"yes\", \"by\": \"alice\"}",
                "{\"approve\": true, \"by\": 42}",
                "{\"approve\": true, \"by\": \"\"}",
                "{\"approve\": true, \"by\": \"alice\\n[deploy] approved by mallory\"}",
                "{\"approve\": true, \"by\": \"mallory\"}",
                "{\"approve\": true, \"by\": \"alice\", \"extra\": 1}",
                "{\"approve\": true, \"by\": \"alice\", \"comment\": {\"x\": 1}}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"approve\": true, \"by\": \"alice\"} trailing",
                "{\"approve\": true, \"by\": \"\\ud800\"}")) {
            problems.addAll(check(
                    "answer " + printable(body.length() > 60 ? body.substring(0, 60) + "…" : body),
                    post(path, "application/json", token, body)));
        }
        problems.addAll(check(
                "answer in bytes that are not UTF-8",
                raw(
                        (head + "Content-Length: 4\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'})));
        problems.addAll(check(
                "answer to an input that does not exist",
                post("/api/runs/1/inputs/nothing", "application/json", token, ok)));
        problems.addAll(check(
                "answer to a run that does not exist",
                post("/api/runs/7/inputs/deploy", "application/json", token, ok)));
        problems.addAll(check(
                "answer with an input name climbing out",
                post("/api/runs/1/inputs/..%2f..%2frun.json", "application/json", token, ok)));
        assertThat(Known.unknown(problems)).isEmpty();
        assertThat(waiting())
                .as("deploy still waits: no hostile answer was taken")
                .isTrue();
        assertThat(Files.list(workspace.resolve(".orchestra/runs/1"))
                        .map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.startsWith("answer"));
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A 4xx with a JSON error of one line and no stack trace, and the server still answers after it. */
    private static List<String> check(String name, Answer a) throws IOException {
        String problem = null;
        boolean crash = false;
        if (a.status() == 0 || (a.status() == 400 && a.body().startsWith("<h1>400 Bad Request</h1>"))) {
            // refused by the JDK's HTTP server before Orchestra's handler sees the request: counted, not failed
            // (docs/reliability.md, "Bad input": what is left)
            Tally.count(
                    GROUP,
                    Tally.Kind.UNCLEAR,
                    name + ": refused by the JDK's HTTP layer: "
                            + (a.status() == 0 ? "connection closed" : printable(a.body())));
            return List.of();
        }
        if (a.status() == 200 && (name.equals("unknown HTTP version") || name.equals("header folded over lines"))) {
            Tally.count(GROUP, Tally.Kind.ACCEPTED, null); // lenient and harmless: the request means what it says
            return List.of();
        }
        String trace = Judge.stackTrace(a.body());
        if (a.status() >= 500 || trace != null) {
            crash = true;
            problem = "crash: " + a.status() + " " + a.body();
        } else if (a.status() == 0) {
            problem = "no answer: the connection was closed";
        } else if (a.status() < 400) {
            problem = "answered " + a.status() + ": " + a.body();
        } else if (a.body().isEmpty() && name.contains("HEAD ")) {
            problem = null; // an answer to HEAD has no body
        } else if (!a.headers().getOrDefault("content-type", "").startsWith("application/json")) {
            problem = a.status() + " but not JSON (" + a.headers().get("content-type") + "): " + printable(a.body());
        } else {
            try {
                JsonNode error = JSON.readTree(a.body()).path("error");
                if (!error.isTextual()
                        || error.asText().isBlank()
                        || error.asText().contains("\n")) {
                    problem = a.status() + " without an error of one line: " + a.body();
                }
            } catch (IOException e) {
                problem = a.status() + " with a body that is not JSON: " + a.body();
            }
        }
        Answer after = get("/api/runs");
        if (problem == null && after.status() != 200) {
            crash = true;
            problem = "crash: the server no longer answers: " + after.status();
        }
        Tally.count(
                GROUP,
                problem == null ? Tally.Kind.CLEAR : crash ? Tally.Kind.CRASH : Tally.Kind.UNCLEAR,
                problem == null ? null : name + ": " + problem);
        return problem == null ? List.of() : List.of(name + ": " + problem);
    }

    private static String randomRequest(SplittableRandom r) {
        String[] methods = {"GET", "POST", "PUT", "HEAD", "OPTIONS", "G\u00c9T", "", "get"};
        String[] paths = {
            "/api/runs/1/changes?since=",
            "/api/runs/",
            "/api/runs/1/stages/",
            "/runs/",
            "/assets/",
            "/api/runs/1/inputs/",
            "*",
            ""
        };
        String alphabet = "aZ09%/.?&=#;:@!$'()*+,~-_ \t\u0000\u007f\u00ff\\\"<>{}|^`[]";
        StringBuilder tail = new StringBuilder();
        int len = r.nextInt(40);
        for (int i = 0; i < len; i++) {
            tail.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        String version = r.nextInt(4) == 0 ? "HTTP/1.0" : "HTTP/1.1";
        return methods[r.nextInt(methods.length)] + " " + paths[r.nextInt(paths.length)] + tail + " " + version + "\r\n"
                + "Host: 127.0.0.1:" + port + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static boolean waiting() {
        try {
            Answer a = get("/api/runs/1");
            if (a.status() != 200) {
                return false;
            }
            for (JsonNode s : JSON.readTree(a.body()).path("stages")) {
                if (s.path("name").asText().equals("deploy")) {
                    return s.path("status").asText().equals("WAITING_FOR_APPROVAL");
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static Answer get(String path) throws IOException {
        return raw(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Answer post(String path, String type, String token, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        if (token != null) {
            head.append("X-Orchestra-Token: ").append(token).append("\r\n");
        }
        head.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        return raw(head.toString().getBytes(StandardCharsets.UTF_8), b);
    }

    private static Answer raw(byte[] request) throws IOException {
        return raw(request, new byte[0]);
    }

    private static Answer raw(byte[] request, boolean halfClose) throws IOException {
        return send(request, new byte[0], halfClose);
    }

    private static Answer raw(byte[] head, byte[] body) throws IOException {
        return send(head, body, false);
    }

    /** Writes from another thread (the server may answer before it has read everything) and reads the answer. */
    private static Answer send(byte[] head, byte[] body, boolean halfClose) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write(head);
                    out.write(body);
                    out.flush();
                    if (halfClose) {
                        s.shutdownOutput();
                    }
                } catch (IOException e) {
                    // the server answered and closed before reading all of it: its answer is what counts
                }
            });
            Answer a = read(s.getInputStream());
            writing.cancel(true);
            return a;
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) != -1) {
                head.write(c);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // no (complete) answer
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.") || text.length() < 12) {
            return new Answer(0, Map.of(), text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("HTTP/")) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        try {
            String length = headers.get("content-length");
            body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        } catch (SocketTimeoutException | java.net.SocketException e) {
            body = new byte[0];
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.length() > 200 ? b.substring(0, 200) + "…" : b.toString();
    }
}
