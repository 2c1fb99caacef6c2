package io.jenkins.plugins.orchestra.runner.ui;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.orchestra.runner.MailboxInput;
import io.jenkins.plugins.orchestra.runner.RunDirectory;
import io.jenkins.plugins.orchestra.runner.RunInfo;
import io.jenkins.plugins.orchestra.runner.resume.ResumeException;
import io.jenkins.plugins.orchestra.runner.script.StageLogs;
import io.jenkins.plugins.orchestra.view.RunView;
import io.jenkins.plugins.orchestra.view.RunViewJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's JSON endpoints over a workspace's runs (openapi.yaml), without HTTP: the server only routes to it.
 * The run this process runs is read from its fold; other runs from their directories ({@code view.json}, else {@code
 * summary.json}).
 */
public final class DashboardApi {
    /** The largest answer accepted. */
    public static final int MAX_BODY = 8 * 1024;

    static final int MAX_LOG_PAGE = 1 << 20;
    // an answer followed by anything else is not the answer: Jackson would read the first value and ignore the rest
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> ANSWER_FIELDS = Set.of("approve", "by", "comment");

    /** A response: its status and JSON body. */
    public record Response(int status, byte[] body) {
        static Response json(int status, Object value) {
            try {
                return new Response(status, JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** An error whose message stays on one line: control characters in a value it quotes are shown escaped. */
        static Response error(int status, String message) {
            return json(status, Map.of("error", oneLine(message)));
        }

        static String oneLine(String message) {
            StringBuilder sb = new StringBuilder(message.length());
            message.codePoints().forEach(c -> {
                if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\r') {
                    sb.append("\\r");
                } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                    sb.append(String.format("\\u%04x", c));
                } else {
                    sb.appendCodePoint(c);
                }
            });
            return sb.toString();
        }
    }

    private final Path workspace;
    private final Map<Integer, LiveRun> live = new ConcurrentHashMap<>();
    private final Map<Integer, String> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public DashboardApi(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
    }

    public Path workspace() {
        return workspace;
    }

    /** Serves {@code run} from its fold while this process runs it. */
    public void add(LiveRun run) {
        live.put(run.number(), run);
    }

    public Optional<LiveRun> live(int number) {
        return Optional.ofNullable(live.get(number));
    }

    /** The token a page of run {@code number} must send with an answer; made at first use, kept in memory only. */
    public String token(int number) {
        return tokens.computeIfAbsent(number, n -> {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
    }

    /** Whether run {@code number} exists. */
    public boolean exists(int number) {
        return live.containsKey(number) || directory(number).isPresent();
    }

    // GET /api/runs ------------------------------------------------------------------------------------------------

    public Response runs() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        List<RunDirectory> all = new ArrayList<>(RunDirectory.all(workspace));
        all.sort(Comparator.comparingInt(RunDirectory::number).reversed());
        for (RunDirectory d : all) {
            out.add(summary(d));
        }
        return Response.json(200, Map.of("runs", out));
    }

    private Map<String, Object> summary(RunDirectory d) throws IOException {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        LiveRun here = live.get(d.number());
        Optional<RunInfo> info;
        Optional<JsonNode> summary;
        try {
            info = d.info();
            summary = d.summary();
        } catch (ResumeException e) {
            info = Optional.empty();
            summary = Optional.empty();
        }
        JsonNode view = here == null ? readView(d).orElse(null) : null;
        String title = info.map(RunInfo::jenkinsfile)
                .or(() -> Optional.ofNullable(view).map(v -> v.path("title").asText(null)))
                .orElse("run " + d.number());
        Long started = info.map(i -> Instant.parse(i.started()).toEpochMilli())
                .orElse(
                        view == null || view.path("startedAt").isNull()
                                ? null
                                : view.path("startedAt").asLong());
        String status;
        Long duration = null;
        Long ended = null;
        if (here != null) {
            RunView v = here.fold().snapshot();
            status = v.status();
            duration = v.durationMillis();
            ended = v.endedAt();
        } else if (summary.isPresent()) {
            status = summary.get().path("result").asText("NOT_BUILT");
            duration = summary.get().path("durationMillis").asLong();
            ended = started == null ? null : started + duration;
        } else {
            status = d.isRunning() ? "RUNNING" : "UNFINISHED";
        }
        row.put("number", d.number());
        row.put("title", title);
        row.put("status", status);
        row.put("startedAt", started);
        row.put("endedAt", ended);
        row.put("durationMillis", duration);
        row.put("trigger", view == null ? triggerOf(here) : view.path("trigger").asText(""));
        row.put("live", here != null && here.running());
        return row;
    }

    private static String triggerOf(LiveRun run) {
        return run == null ? "" : run.fold().snapshot().trigger();
    }

    // GET /api/runs/{n} ------------------------------------------------------------------------------------------

    public Response run(int number) throws IOException {
        LiveRun here = live.get(number);
        if (here != null) {
            return new Response(200, here.json());
        }
        Optional<RunDirectory> d = directory(number);
        if (d.isEmpty()) {
            return Response.error(404, "no run " + number + " in " + workspace);
        }
        Path view = d.get().dir().resolve(LiveRun.VIEW_FILE);
        if (Files.isRegularFile(view)) {
            return new Response(200, Files.readAllBytes(view));
        }
        return new Response(200, RunViewJson.toBytes(fromSummary(d.get())));
    }

    // GET /api/runs/{n}/changes ----------------------------------------------------------------------------------

    /** What changed in run {@code number} since version {@code since}: everything for a run this process does not run. */
    public Response changes(int number, long since) throws IOException {
        if (since < 0) {
            return Response.error(400, "since must be 0 or more, was " + since);
        }
        LiveRun here = live.get(number);
        if (here != null) {
            return new Response(200, here.changesSince(since).getValue());
        }
        Optional<RunDirectory> d = directory(number);
        if (d.isEmpty()) {
            return Response.error(404, "no run " + number + " in " + workspace);
        }
        Optional<byte[]> all = viewAsDelta(number);
        if (all.isPresent()) {
            return new Response(200, all.get());
        }
        RunView v = fromSummary(d.get());
        RunView header = new RunView(
                v.number(),
                v.title(),
                v.trigger(),
                v.status(),
                v.startedAt(),
                v.endedAt(),
                v.durationMillis(),
                v.now(),
                v.version(),
                v.params(),
                List.of(),
                List.of(),
                v.criticalPath(),
                List.of(),
                v.automation());
        return new Response(
                200,
                RunViewJson.toBytes(
                        new RunView.Delta(0, header, v.stages(), v.edges(), v.criticalPath(), v.approvals())));
    }

    /** A run recorded before the dashboard: its stages as its summary lists them, without times or edges. */
    private static RunView fromSummary(RunDirectory d) throws IOException {
        Optional<RunInfo> info;
        Optional<JsonNode> summary;
        try {
            info = d.info();
            summary = d.summary();
        } catch (ResumeException e) {
            info = Optional.empty();
            summary = Optional.empty();
        }
        Long started = info.map(i -> Instant.parse(i.started()).toEpochMilli()).orElse(null);
        long duration = summary.map(s -> s.path("durationMillis").asLong()).orElse(0L);
        List<RunView.Stage> stages = new ArrayList<>();
        int id = 0;
        for (JsonNode s : summary.map(x -> x.path("stages")).orElse(JSON.createArrayNode())) {
            String result = s.path("result").asText("NOT_BUILT");
            String status =
                    switch (result) {
                        case "SUCCESS" -> "SUCCEEDED";
                        case "UNSTABLE" -> "UNSTABLE";
                        case "FAILURE" -> "FAILED";
                        case "ABORTED" -> "ABORTED";
                        default -> "SKIPPED";
                    };
            stages.add(new RunView.Stage(
                    "s" + (++id),
                    s.path("name").asText("?"),
                    "stage",
                    null,
                    status,
                    false,
                    1,
                    null,
                    null,
                    null,
                    s.path("durationMillis").asLong(),
                    0,
                    s.path("error").isNull() ? null : s.path("error").asText(),
                    null,
                    List.of(),
                    Map.of(),
                    List.of(),
                    "NONE"));
        }
        return new RunView(
                d.number(),
                info.map(RunInfo::jenkinsfile).orElse("run " + d.number()),
                "",
                summary.map(s -> s.path("result").asText("NOT_BUILT")).orElse("ABORTED"),
                started,
                started == null ? null : started + duration,
                duration,
                System.currentTimeMillis(),
                0,
                info.map(RunInfo::params).orElse(Map.of()),
                stages,
                List.of(),
                RunView.CriticalPath.EMPTY,
                List.of(),
                List.of());
    }

    // GET /api/runs/{n}/stages/{id}/log ----------------------------------------------------------------------------

    /** The log file of stage {@code stage} of run {@code number}, if the stage is known. */
    public Optional<Path> logFile(int number, String stage) throws IOException {
        Optional<String> name;
        LiveRun here = live.get(number);
        Optional<RunDirectory> d = directory(number);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        if (here != null) {
            name = here.fold().stageName(stage);
        } else {
            name = Optional.empty();
            JsonNode view = readView(d.get()).orElse(null);
            if (view != null) {
                for (JsonNode s : view.path("stages")) {
                    if (s.path("id").asText().equals(stage)
                            && s.path("kind").asText().equals("stage")) {
                        name = Optional.of(s.path("name").asText());
                    }
                }
            }
        }
        return name.map(n -> d.get().dir().resolve("stages").resolve(StageLogs.fileName(n)));
    }

    public Response log(int number, String stage, Long offset, Long limit, Long tail) throws IOException {
        if (!exists(number)) {
            return Response.error(404, "no run " + number);
        }
        Optional<Path> file = logFile(number, stage);
        if (file.isEmpty()) {
            return Response.error(404, "run " + number + " has no stage '" + stage + "'");
        }
        if ((offset != null && offset < 0) || (limit != null && limit < 1) || (tail != null && tail < 1)) {
            return Response.error(400, "offset must be 0 or more, limit and tail 1 or more");
        }
        return Response.json(200, chunk(stage, file.get(), offset, limit, tail));
    }

    /** Text of {@code file} from {@code offset} (or its last {@code tail} bytes, from a line start), whole characters. */
    static Map<String, Object> chunk(String stage, Path file, Long offset, Long limit, Long tail) throws IOException {
        long size = Files.isRegularFile(file) ? Files.size(file) : 0;
        long from = offset == null ? 0 : Math.min(offset, size);
        int max = (int) Math.min(limit == null ? MAX_LOG_PAGE : limit, MAX_LOG_PAGE);
        boolean fromTail = tail != null && offset == null;
        if (fromTail) {
            from = Math.max(0, size - Math.min(tail, MAX_LOG_PAGE));
        }
        byte[] bytes = new byte[(int) Math.min(max, size - from)];
        if (bytes.length > 0) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                f.seek(from);
                f.readFully(bytes);
            }
        }
        int start = 0;
        if (fromTail && from > 0) {
            while (start < bytes.length && bytes[start] != '\n') {
                start++;
            }
            start = Math.min(bytes.length, start + 1);
        }
        int end = wholeCharacters(bytes, start);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("stage", stage);
        out.put("offset", from + start);
        out.put("next", from + end);
        out.put("size", size);
        out.put("text", new String(bytes, start, end - start, StandardCharsets.UTF_8));
        return out;
    }

    /** The end of the last whole UTF-8 character in {@code bytes}, so a page never splits one. */
    private static int wholeCharacters(byte[] bytes, int start) {
        int end = bytes.length;
        for (int back = 1; back <= 3 && end - back >= start; back++) {
            int b = bytes[end - back] & 0xff;
            if (b < 0x80) {
                return end;
            }
            if (b >= 0xc0) {
                int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return length > back ? end - back : end;
            }
        }
        return end;
    }

    // POST /api/runs/{n}/inputs/{id} -----------------------------------------------------------------------------

    /**
     * Answers input {@code input} of run {@code number} through the run's mailbox, as {@code orchestra approve} does.
     *
     * @param token the {@code X-Orchestra-Token} header, or {@code null}
     */
    public Response answer(int number, String input, String token, byte[] body) throws IOException {
        Optional<RunDirectory> d = directory(number);
        LiveRun here = live.get(number);
        if (d.isEmpty()) {
            return Response.error(404, "no run " + number);
        }
        if (token == null
                || !MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), token(number).getBytes(StandardCharsets.UTF_8))) {
            return Response.error(403, "missing or wrong X-Orchestra-Token: reload the run's page");
        }
        if (body.length > MAX_BODY) {
            return Response.error(413, "an answer is at most " + MAX_BODY + " bytes");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JacksonException e) {
            return Response.error(400, "malformed JSON: " + e.getOriginalMessage());
        }
        if (answer == null || !answer.isObject()) {
            return Response.error(400, "an answer is a JSON object {\"approve\": true, \"by\": \"name\"}");
        }
        for (java.util.Iterator<String> it = answer.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!ANSWER_FIELDS.contains(field)) {
                return Response.error(400, "unknown field '" + field + "'; an answer has approve, by and comment");
            }
        }
        if (!answer.path("approve").isBoolean()) {
            return Response.error(400, "approve must be true or false");
        }
        JsonNode by = answer.path("by");
        if (!by.isTextual() || by.asText().isBlank() || by.asText().length() > 200) {
            return Response.error(400, "by must be a name of 1 to 200 characters");
        }
        if (by.asText().codePoints().anyMatch(Character::isISOControl)) {
            return Response.error(400, "by must be a name without control characters such as a line break");
        }
        JsonNode comment = answer.path("comment");
        if (!comment.isMissingNode()
                && !(comment.isTextual() && comment.asText().length() <= 2000)) {
            return Response.error(400, "comment must be text of at most 2000 characters");
        }
        String who = by.asText().strip();
        boolean finished = here != null ? !here.running() : d.get().summary().isPresent();
        if (finished) {
            return Response.error(409, "run " + number + " has finished; there is nothing to answer");
        }
        if (here != null) {
            Optional<List<String>> approvers = here.fold().pendingApprovers(input);
            if (approvers.isEmpty()) {
                return Response.error(404, "run " + number + " does not wait for an answer to '" + input + "'");
            }
            if (!approvers.get().isEmpty() && !approvers.get().contains(who)) {
                return Response.error(
                        403,
                        "'" + who + "' may not answer '" + input + "'; approvers are "
                                + String.join(", ", approvers.get()));
            }
        } else {
            // a run in another process: its view.json, up to a second old, says who may answer
            for (JsonNode a : readView(d.get()).map(v -> v.path("approvals")).orElse(JSON.createArrayNode())) {
                if (a.path("id").asText().equals(input)
                        && a.path("status").asText().equals("PENDING")) {
                    List<String> approvers = new ArrayList<>();
                    a.path("approvers").forEach(n -> approvers.add(n.asText()));
                    if (!approvers.isEmpty() && !approvers.contains(who)) {
                        return Response.error(
                                403,
                                "'" + who + "' may not answer '" + input + "'; approvers are "
                                        + String.join(", ", approvers));
                    }
                }
            }
        }
        boolean approve = answer.path("approve").asBoolean();
        MailboxInput.Answers.write(d.get().dir(), input, approve, who, comment.asText(""));
        return Response.json(202, Map.of("input", input, "approve", approve, "by", who));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Optional<RunDirectory> directory(int number) {
        if (number < 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunDirectory.existing(workspace, number));
        } catch (ResumeException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> readView(RunDirectory d) {
        Path file = d.dir().resolve(LiveRun.VIEW_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The view of a run in another process, as a delta from nothing (every stage and edge), for its event stream; or
     * empty if it has no {@code view.json}.
     */
    Optional<byte[]> viewAsDelta(int number) throws IOException {
        Optional<RunDirectory> d = directory(number);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> view = readView(d.get());
        if (view.isEmpty() || !view.get().isObject()) {
            return Optional.empty();
        }
        ObjectNode run = ((ObjectNode) view.get()).deepCopy();
        ObjectNode delta = JSON.createObjectNode();
        delta.put("since", 0);
        delta.set("stages", run.remove("stages"));
        delta.set("edges", run.remove("edges"));
        delta.set("criticalPath", run.remove("criticalPath"));
        JsonNode approvals = run.remove("approvals");
        delta.set("approvals", approvals == null ? JSON.createArrayNode() : (ArrayNode) approvals);
        delta.set("run", run);
        return Optional.of(JSON.writeValueAsBytes(delta));
    }

    /** Whether run {@code number} runs now, here or in another process. */
    boolean running(int number) throws IOException {
        LiveRun here = live.get(number);
        if (here != null) {
            return here.running();
        }
        Optional<RunDirectory> d = directory(number);
        return d.isPresent() && d.get().summary().isEmpty() && d.get().isRunning();
    }
}
