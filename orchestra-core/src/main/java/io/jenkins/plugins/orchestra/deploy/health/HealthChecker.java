package io.jenkins.plugins.orchestra.deploy.health;

import io.jenkins.plugins.orchestra.deploy.ExecResult;
import io.jenkins.plugins.orchestra.deploy.HealthCheckSpec;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.deploy.TargetHost;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link HealthCheckSpec} against one host: an HTTP(S) GET (with {@code java.net.http}) or a command on the
 * host, tried every {@code interval} until it passes or {@code timeout} has passed. Thread-safe: one checker serves
 * every host of a deploy.
 */
public final class HealthChecker {
    private static final Duration MAX_REQUEST = Duration.ofSeconds(10);
    private static final Duration MIN_REQUEST = Duration.ofMillis(200);
    private static final int MAX_BODY = 1 << 20;

    private final HealthCheckSpec spec;
    private final Optional<Secret> authorization;
    private final HttpClient client;

    /** @param authorization the {@code Authorization} header's value, if the check sends credentials */
    public HealthChecker(HealthCheckSpec spec, Optional<Secret> authorization) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.authorization = Objects.requireNonNull(authorization, "authorization");
        this.client = spec.url().isPresent()
                ? HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build()
                : null;
    }

    public HealthCheckSpec spec() {
        return spec;
    }

    /** The URL checked on {@code host} (serving {@code slot}, for blue/green), or the command. */
    public String target(TargetHost host, Optional<String> slot) {
        return spec.url().map(u -> url(u, host, slot)).orElseGet(() -> spec.command()
                .orElseThrow());
    }

    /**
     * Checks {@code host} until it passes or the timeout has passed.
     *
     * @param version the release checked, for a command (it runs in that release's directory)
     * @param slot the blue/green slot checked, for {@code {slot}} in the URL
     * @return empty when healthy, else why not, one line
     */
    public Optional<String> check(TargetHost host, String version, Optional<String> previous, Optional<String> slot)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + spec.timeout().toNanos();
        int attempts = 0;
        String last;
        while (true) {
            attempts++;
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            last = spec.url().isPresent()
                    ? http(url(spec.url().get(), host, slot), left)
                    : command(host, version, previous, left);
            if (last == null) {
                return Optional.empty();
            }
            long next = System.nanoTime() + spec.interval().toNanos();
            if (next > deadline) {
                break;
            }
            Thread.sleep(spec.interval().toMillis());
        }
        return Optional.of("health check failed after " + Durations.format(Duration.ofNanos(System.nanoTime() - start))
                + " (" + attempts + (attempts == 1 ? " try" : " tries") + "): " + last);
    }

    private static String url(String template, TargetHost host, Optional<String> slot) {
        String address = host.address().contains(":") ? "[" + host.address() + "]" : host.address();
        return template.replace("{url}", host.url().orElse("{url}"))
                .replace("{host}", address)
                .replace("{slot}", slot.orElse(""));
    }

    /** Null when healthy, else why not. */
    private String http(String url, Duration left) throws InterruptedException {
        Duration timeout = left.compareTo(MAX_REQUEST) > 0 ? MAX_REQUEST : left;
        if (timeout.compareTo(MIN_REQUEST) < 0) {
            timeout = MIN_REQUEST;
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        } catch (IllegalArgumentException e) {
            return "GET " + url + ": not a valid URL";
        }
        authorization.ifPresent(a -> request.header("Authorization", a.reveal()));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != spec.expect()) {
                return "GET " + url + " answered " + response.statusCode() + ", expected " + spec.expect();
            }
            if (spec.body().isPresent()) {
                String body = response.body();
                if (body.length() > MAX_BODY) {
                    body = body.substring(0, MAX_BODY);
                }
                if (!spec.body().get().matcher(body).find()) {
                    return "GET " + url + " answered " + response.statusCode() + " but its body does not match /"
                            + spec.body().get() + "/";
                }
            }
            return null;
        } catch (HttpTimeoutException e) {
            return "GET " + url + ": no answer within " + Durations.format(timeout);
        } catch (IOException e) {
            return "GET " + url + ": "
                    + (e.getMessage() == null || e.getMessage().isBlank() ? describe(e) : e.getMessage());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getClass().getSimpleName();
    }

    private String command(TargetHost host, String version, Optional<String> previous, Duration left)
            throws InterruptedException {
        Duration timeout = left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
        try {
            ExecResult r = host.run(spec.command().orElseThrow(), version, previous, timeout);
            if (r.exitCode() == 0) {
                return null;
            }
            String detail = r.lastLine();
            return "command exited " + r.exitCode() + (detail.isEmpty() ? "" : ": " + detail);
        } catch (HostException e) {
            return e.getMessage();
        }
    }
}
