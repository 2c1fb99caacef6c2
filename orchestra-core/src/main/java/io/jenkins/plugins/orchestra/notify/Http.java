package io.jenkins.plugins.orchestra.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * HTTP for channels, on {@link HttpClient}: one request, its timeout, and what its failures mean for a retry. Nothing
 * it says names the URL (a webhook URL is a secret) and response bodies are cut short.
 */
public final class Http {
    /** The JSON mapper channels build request bodies with. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<Integer> RETRYABLE = Set.of(408, 425, 500, 502, 503, 504);
    private static final int BODY_IN_MESSAGE = 200;

    private static volatile HttpClient shared;

    private final Supplier<HttpClient> client;

    public Http(HttpClient client) {
        this.client = () -> client;
    }

    private Http(Supplier<HttpClient> client) {
        this.client = client;
    }

    /**
     * The client every channel shares, made at the first request (a channel kind that is never used starts no
     * thread): HTTP/1.1, as webhook receivers rarely speak more; redirects, but not from https to http.
     */
    public static Http shared() {
        return new Http(Http::sharedClient);
    }

    private static HttpClient sharedClient() {
        HttpClient c = shared;
        if (c == null) {
            synchronized (Http.class) {
                if (shared == null) {
                    shared = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .connectTimeout(Duration.ofSeconds(10))
                            .build();
                }
                c = shared;
            }
        }
        return c;
    }

    /** A response, its body read as UTF-8 text. */
    public record Response(int status, String body, HttpHeaders headers) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /** Serialises {@code body} to JSON, for a request. */
    public static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Sends a request with a body (none for {@code GET}).
     *
     * @throws SendException (retryable) if it could not be sent or timed out
     */
    public Response send(String method, URI uri, String body, Map<String, String> headers, Duration timeout)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(request::header);
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        // the request's own timeout ends at the response's headers; the whole exchange, body included, is bounded here,
        // so a server that stalls halfway through its answer cannot hold the build past the timeout
        CompletableFuture<HttpResponse<String>> exchange =
                client.get().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw SendException.retryable("no answer within " + seconds(timeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause(), timeout);
        }
    }

    private static SendException failure(Throwable e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return SendException.retryable("could not connect within " + seconds(timeout));
        }
        if (e instanceof HttpTimeoutException) {
            return SendException.retryable("no answer within " + seconds(timeout));
        }
        if (e instanceof ConnectException) {
            return SendException.retryable(
                    "could not connect: " + (e.getMessage() == null ? "refused" : e.getMessage()));
        }
        if (e instanceof IOException) {
            return SendException.retryable("could not send: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (e instanceof RuntimeException r) {
            throw r; // a bug, or a request the client refuses (a header it restricts): not a failed send
        }
        if (e instanceof Error err) {
            throw err;
        }
        return SendException.retryable("could not send: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /** {@code POST} of a JSON body. */
    public Response postJson(URI uri, String json, Map<String, String> headers, Duration timeout)
            throws InterruptedException {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("Content-Type", "application/json; charset=utf-8");
        all.putAll(headers);
        return send("POST", uri, json, all, timeout);
    }

    /**
     * The failure an unsuccessful response means: 429 (and 503 with {@code Retry-After}) a rate limit honouring
     * {@code Retry-After}; 408, 425, 5xx retryable; any other status permanent. The message has the status and the
     * start of the body, as services put their reason there ({@code HTTP 404: no_service}).
     */
    public static SendException rejected(Response response, InstantSource clock) {
        String message = "HTTP " + response.status() + describe(response.body());
        Optional<Duration> retryAfter = retryAfter(response.headers(), clock);
        if (response.status() == 429 || (response.status() == 503 && retryAfter.isPresent())) {
            return SendException.rateLimited(
                    message
                            + retryAfter
                                    .map(d -> " (Retry-After " + seconds(d) + ")")
                                    .orElse(""),
                    retryAfter);
        }
        if (RETRYABLE.contains(response.status())) {
            return SendException.retryable(message);
        }
        return SendException.permanent(message);
    }

    /** {@code Retry-After} as seconds or as an HTTP date, if the response has one. */
    public static Optional<Duration> retryAfter(HttpHeaders headers, InstantSource clock) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.get()) * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** ": " and the start of a response body on one line, or nothing if it is empty. */
    public static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > BODY_IN_MESSAGE ? line.substring(0, BODY_IN_MESSAGE) + "…" : line);
    }

    static String seconds(Duration d) {
        return io.jenkins.plugins.orchestra.internal.Durations.format(d);
    }
}
