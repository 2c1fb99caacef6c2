package io.jenkins.plugins.orchestra.runner.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard on 127.0.0.1: its pages and assets from the {@code orchestra-dashboard} jar, the JSON of {@link
 * DashboardApi}, and server-sent events for live runs and growing logs. Only routes and streams; no framework.
 *
 * <p>Requests must name this server in their {@code Host} header (no DNS rebinding) and come from no other origin (an
 * opaque {@code Origin: null} may only read); answers need the run's token, which only the run's page carries, a JSON
 * body of at most {@link DashboardApi#MAX_BODY} bytes, and POST.
 */
public final class DashboardServer implements AutoCloseable {
    static final String RESOURCES = "/io/jenkins/plugins/orchestra/dashboard/";
    private static final System.Logger LOG = System.getLogger(DashboardServer.class.getName());
    private static final Pattern RUN_PAGE = Pattern.compile("/runs/(\\d{1,9})/?");
    private static final Pattern API_RUN = Pattern.compile("/api/runs/(\\d{1,9})(/.*)?");
    private static final Pattern TOKEN_META = Pattern.compile("(<meta name=\"orchestra-token\" content=\")[^\"]*(\")");
    private static final long PUSH_DELAY_MILLIS = 150;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The content type of an event stream, whose exchange stays open. */
    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "yaml", "application/yaml; charset=utf-8");

    private final DashboardApi api;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService streams;
    private final Set<String> hosts;
    private final List<RunStream> runStreams = new CopyOnWriteArrayList<>();
    private final List<LogStream> logStreams = new CopyOnWriteArrayList<>();
    private final Map<Integer, ScheduledFuture<?>> pushes = new HashMap<>();
    private final Map<Integer, LongConsumer> following = new HashMap<>();
    private volatile boolean closed;

    private DashboardServer(DashboardApi api, HttpServer server) {
        this.api = api;
        this.server = server;
        int port = server.getAddress().getPort();
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        this.handlers = Executors.newCachedThreadPool(daemon("orchestra-dashboard-http"));
        this.streams = Executors.newSingleThreadScheduledExecutor(daemon("orchestra-dashboard-events"));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        streams.scheduleWithFixedDelay(this::heartbeat, 15, 15, TimeUnit.SECONDS);
        streams.scheduleWithFixedDelay(this::pollFiles, 300, 300, TimeUnit.MILLISECONDS);
    }

    /**
     * Serves {@code api} on 127.0.0.1:{@code port}; port 0 takes a free one.
     *
     * @throws IOException if the port cannot be had
     */
    public static DashboardServer start(DashboardApi api, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        DashboardServer s = new DashboardServer(api, http);
        http.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** Serves {@code run} live: its page updates as its fold changes. */
    public void follow(LiveRun run) {
        api.add(run);
        LongConsumer listener = v -> schedulePush(run.number());
        synchronized (this) {
            following.put(run.number(), listener);
        }
        run.fold().addListener(listener);
    }

    /** Ends the streams of a run that finished: after its last changes, each page hears {@code end}. */
    public void ended(LiveRun run) {
        push(run.number());
    }

    @Override
    public void close() {
        closed = true;
        for (RunStream s : runStreams) {
            s.end();
        }
        // a run that ends closes its server at once: a stage's last lines may not have been polled yet, so each log
        // stream gets what is left of its file first, on the thread that polls them
        try {
            streams.submit(() -> logStreams.forEach(this::drainLog)).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send the last lines of a log", e);
        }
        for (LogStream s : logStreams) {
            s.end();
        }
        synchronized (this) {
            following.forEach((n, l) -> api.live(n).ifPresent(r -> r.fold().removeListener(l)));
            following.clear();
        }
        server.stop(0);
        streams.shutdownNow();
        handlers.shutdownNow();
    }

    // routing -----------------------------------------------------------------------------------------------------

    private void handle(HttpExchange x) throws IOException {
        try {
            Map<String, List<String>> headers = x.getRequestHeaders();
            String host = x.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
                error(x, 403, "this server answers to 127.0.0.1:" + port() + " only");
                return;
            }
            String origin =
                    headers.containsKey("Origin") ? x.getRequestHeaders().getFirst("Origin") : null;
            String path = x.getRequestURI().getRawPath();
            String method = x.getRequestMethod();
            boolean reads = method.equals("GET") || method.equals("HEAD");
            // an opaque origin ("null": a sandboxed frame, a data: or file: page) is no page of ours: it may read
            // nothing it could not read anyway, and change nothing
            if (origin != null && (origin.equals("null") ? !reads : !hosts.contains(hostOf(origin)))) {
                error(x, 403, "cross-origin requests are refused");
                return;
            }
            if (path.startsWith("/api/")) {
                api(x, method, path);
                return;
            }
            if (!reads) {
                error(x, 405, "only GET here");
                return;
            }
            if (path.equals("/") || path.equals("/index.html")) {
                page(x, null);
            } else if (RUN_PAGE.matcher(path).matches()) {
                Matcher m = RUN_PAGE.matcher(path);
                m.matches();
                page(x, Integer.parseInt(m.group(1)));
            } else if (path.startsWith("/assets/") && !path.contains("..")) {
                asset(x, path.substring(1));
            } else if (path.equals("/favicon.ico")) {
                x.sendResponseHeaders(204, -1);
            } else {
                error(x, 404, "no page " + path);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "request failed", e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request failed", e);
            try {
                error(x, 500, "internal error: " + e);
            } catch (IOException | RuntimeException ignored) {
                // the response had started
            }
        } finally {
            // not HttpExchange attributes: up to JDK 17 they are the context's, shared by every exchange, so one stream
            // left every later answer unclosed and its connection unable to serve the next request
            if (!EVENT_STREAM.equals(x.getResponseHeaders().getFirst("Content-Type"))) {
                x.close();
            }
        }
    }

    private static String hostOf(String origin) {
        try {
            URI uri = URI.create(origin);
            return (uri.getHost() + ":" + uri.getPort()).toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void api(HttpExchange x, String method, String path) throws IOException {
        if (path.equals("/api/runs")) {
            if (get(x, method)) {
                send(x, api.runs());
            }
            return;
        }
        if (path.equals("/api/openapi.yaml")) {
            if (get(x, method)) {
                asset(x, "openapi.yaml");
            }
            return;
        }
        Matcher m = API_RUN.matcher(path);
        if (!m.matches()) {
            error(x, 404, "no endpoint " + path);
            return;
        }
        int number = Integer.parseInt(m.group(1));
        String rest = m.group(2) == null ? "" : m.group(2);
        Map<String, String> query = query(x.getRequestURI());
        if (rest.isEmpty() || rest.equals("/")) {
            if (get(x, method)) {
                send(x, api.run(number));
            }
        } else if (rest.equals("/events")) {
            if (get(x, method)) {
                Long since = number(x, query, "since");
                if (since != null || !query.containsKey("since")) {
                    runEvents(x, number, since == null ? 0 : since);
                }
            }
        } else if (rest.equals("/changes")) {
            if (get(x, method)) {
                Long since = number(x, query, "since");
                if (since != null) {
                    send(x, api.changes(number, since));
                } else if (!query.containsKey("since")) {
                    error(x, 400, "since is required: the version the page has");
                }
            }
        } else if (rest.startsWith("/inputs/")) {
            String input = decode(rest.substring("/inputs/".length()));
            if (!method.equals("POST")) {
                x.getResponseHeaders().set("Allow", "POST");
                error(x, 405, "answers are POSTed");
                return;
            }
            String type = x.getRequestHeaders().getFirst("Content-Type");
            // the media type before any parameters, exactly: application/jsonp or application/json-seq are not JSON
            if (type == null || !type.split(";", 2)[0].strip().equalsIgnoreCase("application/json")) {
                error(x, 415, "an answer is application/json");
                return;
            }
            String length = x.getRequestHeaders().getFirst("Content-Length");
            if (length != null) {
                try {
                    if (Long.parseLong(length.strip()) > DashboardApi.MAX_BODY) {
                        error(x, 413, "an answer is at most " + DashboardApi.MAX_BODY + " bytes");
                        return;
                    }
                } catch (NumberFormatException e) {
                    error(x, 400, "bad Content-Length");
                    return;
                }
            }
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readNBytes(DashboardApi.MAX_BODY + 1);
            }
            if (body.length > DashboardApi.MAX_BODY) {
                error(x, 413, "an answer is at most " + DashboardApi.MAX_BODY + " bytes");
                return;
            }
            DashboardApi.Response r =
                    api.answer(number, input, x.getRequestHeaders().getFirst("X-Orchestra-Token"), body);
            send(x, r);
            if (r.status() == 202) {
                schedulePush(number);
            }
        } else if (rest.startsWith("/stages/")) {
            String tail = rest.substring("/stages/".length());
            boolean events = tail.endsWith("/log/events");
            if (!events && !tail.endsWith("/log")) {
                error(x, 404, "no endpoint " + path);
                return;
            }
            String stage = decode(tail.substring(0, tail.length() - (events ? "/log/events" : "/log").length()));
            if (!get(x, method)) {
                return;
            }
            Long offset = number(x, query, "offset");
            if (offset == null && query.containsKey("offset")) {
                return;
            }
            if (events) {
                logEvents(x, number, stage, offset == null ? 0 : offset);
                return;
            }
            Long limit = number(x, query, "limit");
            Long tailBytes = number(x, query, "tail");
            if ((limit == null && query.containsKey("limit")) || (tailBytes == null && query.containsKey("tail"))) {
                return;
            }
            send(x, api.log(number, stage, offset, limit, tailBytes));
        } else {
            error(x, 404, "no endpoint " + path);
        }
    }

    private static boolean get(HttpExchange x, String method) throws IOException {
        if (method.equals("GET")) {
            return true;
        }
        x.getResponseHeaders().set("Allow", "GET");
        error(x, 405, "only GET here");
        return false;
    }

    /** A query parameter as a number; answers 400 and gives {@code null} if it is not one. */
    private static Long number(HttpExchange x, Map<String, String> query, String name) throws IOException {
        String v = query.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            error(x, 400, name + " must be a number, was '" + v + "'");
            return null;
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String q = uri.getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    // responses ---------------------------------------------------------------------------------------------------

    private static void secure(HttpExchange x) {
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("X-Frame-Options", "DENY");
        x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    }

    private static void send(HttpExchange x, DashboardApi.Response r) throws IOException {
        secure(x);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(r.status(), r.body().length);
        x.getResponseBody().write(r.body());
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        send(x, DashboardApi.Response.error(status, message));
    }

    private void page(HttpExchange x, Integer run) throws IOException {
        byte[] html = resource("index.html")
                .orElse(("<!doctype html><title>Orchestra</title><p>This runner was built without its dashboard"
                                + " (orchestra-dashboard).")
                        .getBytes(StandardCharsets.UTF_8));
        String text = new String(html, StandardCharsets.UTF_8);
        if (run != null) {
            text = TOKEN_META.matcher(text).replaceFirst("$1" + api.token(run) + "$2");
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        secure(x);
        x.getResponseHeaders().set("Content-Type", TYPES.get("html"));
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders()
                .set(
                        "Content-Security-Policy",
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                                + " connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'none'");
        x.sendResponseHeaders(200, x.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!x.getRequestMethod().equals("HEAD")) {
            x.getResponseBody().write(body);
        }
    }

    private static void asset(HttpExchange x, String name) throws IOException {
        Optional<byte[]> bytes = resource(name);
        if (bytes.isEmpty()) {
            error(x, 404, "no file " + name);
            return;
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        secure(x);
        x.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
        x.getResponseHeaders()
                .set("Cache-Control", name.startsWith("assets/") ? "max-age=31536000, immutable" : "no-cache");
        x.sendResponseHeaders(200, bytes.get().length);
        x.getResponseBody().write(bytes.get());
    }

    private static Optional<byte[]> resource(String name) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }

    // event streams -----------------------------------------------------------------------------------------------

    /** One page following a run, or a log, by server-sent events. Writes are serialized per stream. */
    private abstract static class Stream {
        final HttpExchange exchange;
        final OutputStream out;
        final AtomicBoolean open = new AtomicBoolean(true);

        Stream(HttpExchange exchange) throws IOException {
            this.exchange = exchange;
            secure(exchange);
            exchange.getResponseHeaders().set("Content-Type", EVENT_STREAM);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            this.out = exchange.getResponseBody();
        }

        synchronized boolean send(String event, byte[] data) {
            if (!open.get()) {
                return false;
            }
            try {
                out.write(("event: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8));
                out.write(data);
                out.write("\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        synchronized void comment() {
            if (!open.get()) {
                return;
            }
            try {
                out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void end() {
            send("end", "{}".getBytes(StandardCharsets.UTF_8));
            close();
        }

        synchronized void close() {
            if (open.getAndSet(false)) {
                exchange.close();
            }
        }
    }

    private static final class RunStream extends Stream {
        final int run;
        long version;
        FileTime seen;

        RunStream(HttpExchange exchange, int run, long version) throws IOException {
            super(exchange);
            this.run = run;
            this.version = version;
        }
    }

    private static final class LogStream extends Stream {
        final int run;
        final Path file;
        final String stage;
        long offset;

        LogStream(HttpExchange exchange, int run, String stage, Path file, long offset) throws IOException {
            super(exchange);
            this.run = run;
            this.stage = stage;
            this.file = file;
            this.offset = offset;
        }
    }

    private void runEvents(HttpExchange x, int number, long since) throws IOException {
        if (!api.exists(number)) {
            error(x, 404, "no run " + number);
            return;
        }
        if (api.live(number).isEmpty() && !api.running(number)) {
            // a finished run of another process: its view, then end, in one answer (as a finished stage's log)
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Optional<byte[]> delta = api.viewAsDelta(number);
            if (delta.isPresent()) {
                event(body, "delta", delta.get());
            }
            event(body, "end", "{}".getBytes(StandardCharsets.UTF_8));
            finishedStream(x, body);
            return;
        }
        RunStream s = new RunStream(x, number, since);
        runStreams.add(s);
        streams.execute(() -> pushTo(s));
    }

    private void logEvents(HttpExchange x, int number, String stage, long offset) throws IOException {
        Optional<Path> file = api.exists(number) ? api.logFile(number, stage) : Optional.empty();
        if (file.isEmpty()) {
            error(x, 404, "run " + number + " has no stage '" + stage + "'");
            return;
        }
        if (!api.running(number)) {
            finishedLog(x, stage, file.get(), offset);
            return;
        }
        LogStream s = new LogStream(x, number, stage, file.get(), offset);
        logStreams.add(s);
        streams.execute(() -> pollLog(s));
    }

    /**
     * The log stream of a stage whose run has finished: its {@code log} events, then {@code end}, as one answer of
     * known length, so it holds neither a connection nor a thread.
     */
    private static void finishedLog(HttpExchange x, String stage, Path file, long offset) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        restOfLog(stage, file, offset, chunk -> event(body, "log", chunk));
        event(body, "end", "{}".getBytes(StandardCharsets.UTF_8));
        finishedStream(x, body);
    }

    /** Hands every chunk of a stage's log after {@code from} to {@code sink}, as JSON; returns the offset reached. */
    private static long restOfLog(String stage, Path file, long from, Consumer<byte[]> sink) throws IOException {
        while (true) {
            Map<String, Object> chunk = DashboardApi.chunk(stage, file, from, null, null);
            long next = ((Number) chunk.get("next")).longValue();
            if (next <= from) {
                return from;
            }
            sink.accept(JSON.writeValueAsBytes(chunk));
            from = next;
        }
    }

    private static void event(ByteArrayOutputStream body, String event, byte[] data) {
        body.writeBytes(("event: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
    }

    /** The events of something that has finished, as one answer of known length. */
    private static void finishedStream(HttpExchange x, ByteArrayOutputStream body) throws IOException {
        secure(x);
        x.getResponseHeaders().set("Content-Type", EVENT_STREAM);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, body.size());
        x.getResponseBody().write(body.toByteArray());
        // the answer is whole: close it here, since the handler leaves exchanges typed as event streams open
        x.close();
    }

    private synchronized void schedulePush(int run) {
        if (closed) {
            return;
        }
        ScheduledFuture<?> pending = pushes.get(run);
        if (pending == null || pending.isDone()) {
            pushes.put(run, streams.schedule(() -> push(run), PUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    private void push(int run) {
        for (RunStream s : runStreams) {
            if (s.run == run) {
                pushTo(s);
            }
        }
    }

    /** Sends {@code s} what changed since it last heard, and {@code end} once its run has finished. */
    private void pushTo(RunStream s) {
        if (!s.open.get()) {
            runStreams.remove(s);
            return;
        }
        try {
            Optional<LiveRun> here = api.live(s.run);
            if (here.isPresent()) {
                boolean running = here.get().running();
                synchronized (s) {
                    Map.Entry<Long, byte[]> delta = here.get().changesSince(s.version);
                    if (delta.getKey() > s.version) {
                        s.send("delta", delta.getValue());
                        s.version = delta.getKey();
                    }
                }
                if (!running) {
                    s.end();
                    runStreams.remove(s);
                }
            } else if (api.running(s.run)) {
                followFile(s);
            } else {
                if (s.seen != null) {
                    followFile(s); // the last changes of a run in another process
                }
                s.end();
                runStreams.remove(s);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "event stream failed", e);
            s.close();
            runStreams.remove(s);
        }
    }

    /** A run in another process: its {@code view.json}, whole, each time it changed. */
    private void followFile(RunStream s) throws IOException {
        Path file = api.workspace().resolve(".orchestra/runs/" + s.run + "/" + LiveRun.VIEW_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        FileTime time = Files.getLastModifiedTime(file);
        if (time.equals(s.seen)) {
            return;
        }
        s.seen = time;
        Optional<byte[]> delta = api.viewAsDelta(s.run);
        if (delta.isPresent()) {
            s.send("delta", delta.get());
        }
    }

    private void pollFiles() {
        for (RunStream s : runStreams) {
            if (api.live(s.run).isEmpty()) {
                pushTo(s);
            }
        }
        for (LogStream s : logStreams) {
            pollLog(s);
        }
    }

    private void pollLog(LogStream s) {
        if (!s.open.get()) {
            logStreams.remove(s);
            return;
        }
        try {
            boolean running = api.running(s.run);
            Map<String, Object> chunk = DashboardApi.chunk(s.stage, s.file, s.offset, null, null);
            long next = ((Number) chunk.get("next")).longValue();
            if (next > s.offset) {
                s.offset = next;
                s.send("log", JSON.writeValueAsBytes(chunk));
            } else if (!running) {
                s.end();
                logStreams.remove(s);
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            logStreams.remove(s);
        }
    }

    /** Sends what is left of a log stream's file, however much. */
    private void drainLog(LogStream s) {
        try {
            s.offset = restOfLog(s.stage, s.file, s.offset, chunk -> s.send("log", chunk));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send the last lines of a log", e);
        }
    }

    private void heartbeat() {
        for (RunStream s : runStreams) {
            s.comment();
        }
        for (LogStream s : logStreams) {
            s.comment();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
