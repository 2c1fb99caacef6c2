package io.jenkins.plugins.orchestra.deploy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How to tell that a host serves the new release: an HTTP(S) GET of {@code url} answered with {@code expect} (and a
 * body matching {@code body}), or {@code command} run on the host exiting 0; tried every {@code interval} until it
 * passes or {@code timeout} has passed.
 *
 * @param url an {@code http://} or {@code https://} URL; {@code {host}} is replaced by the host's address and
 *     {@code {slot}} by the blue/green slot being checked; a URL may also start with {@code {url}}, the URL the host
 *     serves the deployed application at, for kinds that know it ({@code tomcat}: {@code '{url}/health'})
 * @param command a shell command run on the host, in the release's directory
 * @param expect the HTTP status that passes, 200 by default
 * @param body a regular expression the HTTP body must contain a match of
 * @param timeout how long to keep trying, 60 seconds by default
 * @param interval the pause between tries, 2 seconds by default
 * @param credentialsId credentials sent with the request: a secret text as a bearer token, a username and password
 *     as basic authentication
 */
public record HealthCheckSpec(
        Optional<String> url,
        Optional<String> command,
        int expect,
        Optional<Pattern> body,
        Duration timeout,
        Duration interval,
        Optional<String> credentialsId) {
    static final Set<String> KEYS = Set.of("url", "command", "expect", "body", "timeout", "interval", "credentialsId");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    public HealthCheckSpec {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(credentialsId, "credentialsId");
        if (url.isPresent() == command.isPresent()) {
            throw new IllegalArgumentException("deploy: healthCheck needs either a url or a command, "
                    + (url.isPresent() ? "not both" : "was neither"));
        }
        url.ifPresent(HealthCheckSpec::checkUrl);
        command.ifPresent(c -> {
            if (c.isBlank()) {
                throw new IllegalArgumentException("deploy: healthCheck.command must not be blank");
            }
        });
        if (expect < 100 || expect > 599) {
            throw new IllegalArgumentException(
                    "deploy: healthCheck.expect must be an HTTP status from 100 to 599, was " + expect);
        }
        if (command.isPresent() && (body.isPresent() || credentialsId.isPresent() || expect != 200)) {
            throw new IllegalArgumentException(
                    "deploy: healthCheck.expect, body and credentialsId apply to a url, not to a command");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("deploy: healthCheck.timeout must be positive, was " + timeout);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("deploy: healthCheck.interval must be positive, was " + interval);
        }
    }

    /** An HTTP check of {@code url} for status 200 with the default timeout and interval. */
    public static HealthCheckSpec http(String url) {
        return new HealthCheckSpec(
                Optional.of(url),
                Optional.empty(),
                200,
                Optional.empty(),
                DEFAULT_TIMEOUT,
                DEFAULT_INTERVAL,
                Optional.empty());
    }

    /** A command check with the default timeout and interval. */
    public static HealthCheckSpec command(String command) {
        return new HealthCheckSpec(
                Optional.empty(),
                Optional.of(command),
                200,
                Optional.empty(),
                DEFAULT_TIMEOUT,
                DEFAULT_INTERVAL,
                Optional.empty());
    }

    /** A copy that tries for {@code timeout}, every {@code interval}. */
    public HealthCheckSpec within(Duration timeout, Duration interval) {
        return new HealthCheckSpec(url, command, expect, body, timeout, interval, credentialsId);
    }

    /** Reads {@code healthCheck: 'http://…'} or {@code healthCheck: [url: …, expect: 200, timeout: '60s']}. */
    static HealthCheckSpec parse(Object value) {
        if (value instanceof CharSequence s) {
            return http(s.toString());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("deploy: healthCheck must be a URL or a map such as [url: '…', expect:"
                    + " 200] or [command: '…'], was " + Args.describe(value));
        }
        Args a = Args.of("healthCheck", map, KEYS);
        Optional<Pattern> body = a.string("body").map(regex -> {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("deploy: healthCheck.body must be a regular expression, was '"
                        + regex + "' (" + e.getDescription() + ")");
            }
        });
        return new HealthCheckSpec(
                a.string("url"),
                a.string("command"),
                a.integer("expect").orElse(200),
                body,
                a.duration("timeout").orElse(DEFAULT_TIMEOUT),
                a.duration("interval").orElse(DEFAULT_INTERVAL),
                a.string("credentialsId"));
    }

    private static void checkUrl(String url) {
        if (url.contains("{url}") && (!url.startsWith("{url}") || url.indexOf("{url}", 1) >= 0)) {
            throw new IllegalArgumentException(
                    "deploy: healthCheck.url may hold {url} once, at its start, such as '{url}/health', was '" + url
                            + "'");
        }
        String probe = url.replace("{url}", "http://host.invalid/app")
                .replace("{host}", "host.invalid")
                .replace("{slot}", "blue");
        try {
            URI uri = new URI(probe);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException(
                "deploy: healthCheck.url must be an http:// or https:// URL such as 'http://{host}:8080/health', was '"
                        + url + "'");
    }

    /** What is checked, for the plan and messages: the URL template or the command. */
    public String describe() {
        return url.map(u -> "GET " + u + " expecting " + expect
                        + body.map(b -> " and /" + b + "/").orElse(""))
                .orElseGet(() -> "command " + command.orElseThrow());
    }
}
