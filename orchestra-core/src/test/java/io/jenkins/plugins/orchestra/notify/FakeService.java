package io.jenkins.plugins.orchestra.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for Slack, Teams, Mattermost or a webhook receiver: it records every
 * request exactly as it came and answers from a script, path by path, as the real service documents its answers.
 */
public final class FakeService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as it arrived. Header names are lower case. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * An answer: status, body, headers, how long to wait before giving it, and how long to stall after its headers and
     * the first byte of its body (a server that hangs mid-answer).
     */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay, Duration stall) {
        public static Reply of(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO, Duration.ZERO);
        }

        public static Reply json(int status, String body) {
            return new Reply(
                    status,
                    body,
                    Map.of("Content-Type", "application/json; charset=utf-8"),
                    Duration.ZERO,
                    Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, delay, stall);
        }

        public Reply after(Duration wait) {
            return new Reply(status, body, headers, wait, stall);
        }

        /** Sends the headers and the body's first byte at once, then nothing for {@code wait}. */
        public Reply stallingMidBody(Duration wait) {
            return new Reply(status, body, headers, delay, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Reply>> scripted = new HashMap<>();
    private final Map<String, Function<Request, Reply>> otherwise = new HashMap<>();

    private FakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeService start() {
        try {
            return new FakeService();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next requests to {@code path} get these replies, in order; after them, {@link #otherwise}. */
    public synchronized FakeService then(String path, Reply... replies) {
        scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    /** Requests to {@code path} without a scripted reply get this one (by default 200 {@code ok}). */
    public synchronized FakeService otherwise(String path, Function<Request, Reply> reply) {
        otherwise.put(path, reply);
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    body);
            Reply reply;
            synchronized (this) {
                requests.add(request);
                Deque<Reply> queue = scripted.get(request.path());
                if (queue != null && !queue.isEmpty()) {
                    reply = queue.poll();
                } else {
                    reply = otherwise
                            .getOrDefault(request.path(), r -> Reply.of(200, "ok"))
                            .apply(request);
                }
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    return; // the test is over
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0 && !reply.stall().isZero()) {
                exchange.getResponseBody().write(bytes, 0, 1);
                exchange.getResponseBody().flush();
                try {
                    Thread.sleep(reply.stall().toMillis());
                } catch (InterruptedException e) {
                    return; // the test is over
                }
                exchange.getResponseBody().write(bytes, 1, bytes.length - 1);
            } else if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
