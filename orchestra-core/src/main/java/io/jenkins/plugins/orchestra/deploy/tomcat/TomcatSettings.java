package io.jenkins.plugins.orchestra.deploy.tomcat;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code tomcat} target: the Tomcat managers a WAR goes to, the context path it is deployed at, the credentials of
 * the manager user, and where the step keeps the WARs it deployed, for rollback.
 *
 * <pre>
 * targets:
 *   shop:
 *     kind: tomcat
 *     hosts: [http://web1:8080/manager, http://web2:8080/manager]
 *     path: /shop
 *     credentialsId: tomcat-deployer
 *     keep: 5
 * </pre>
 *
 * @param target the target's name, for messages ({@code targets.shop.path …}) and the default state directory
 * @param managers the managers' base URLs, {@code http://web1:8080/manager}; a URL without a path gets {@code
 *     /manager}, a trailing {@code /} or {@code /text} is dropped; no user or password in them
 * @param path the context path the WAR is deployed at: {@code /shop}, {@code /shop/api}, or {@code /} for the ROOT
 *     application
 * @param credentialsId the id of username/password credentials of a Tomcat user with the role {@code manager-script}
 * @param connectTimeout how long to wait for a connection to a manager; default 10 s
 * @param timeout how long one manager request may take, a WAR upload and Tomcat starting the application included;
 *     default 5 min
 * @param keep how many WARs are kept per host for rollback, the one deployed included; default 5, at least 1 (2 or
 *     more to be able to roll back)
 * @param stateDir where the WARs and the per-host release records are kept; {@code null} for {@code
 *     .orchestra/tomcat/<target>} in the workspace; a relative path is resolved against the workspace
 */
public record TomcatSettings(
        String target,
        List<URI> managers,
        String path,
        String credentialsId,
        Duration connectTimeout,
        Duration timeout,
        int keep,
        Path stateDir) {

    /** The kind a target's {@code kind} names for this target. */
    public static final String KIND = "tomcat";

    /** The keys {@link #fromConfig} reads; a deploy step may warn about others. */
    public static final Set<String> KEYS =
            Set.of("kind", "hosts", "url", "path", "credentialsId", "connectTimeout", "timeout", "keep", "stateDir");

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_KEEP = 5;

    private static final Pattern CONTEXT_PATH = Pattern.compile("/|(/[^/\\s#?;%\\\\]+)+");

    /** Validates every field; the message names the field as {@code targets.<target>.<field>} and the bad value. */
    public TomcatSettings {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException(
                    "target must not be blank, was " + (target == null ? null : "'" + target + "'"));
        }
        String prefix = "targets." + target + ".";
        Objects.requireNonNull(managers, prefix + "hosts is required");
        if (managers.isEmpty()) {
            throw new IllegalArgumentException(
                    prefix + "hosts must name at least one manager URL, such as " + "http://web1:8080/manager");
        }
        List<URI> normalized = new ArrayList<>();
        for (int i = 0; i < managers.size(); i++) {
            URI url = normalizeManager(prefix + "hosts[" + i + "]", managers.get(i));
            if (normalized.contains(url)) {
                throw new IllegalArgumentException(prefix + "hosts names " + url + " twice");
            }
            normalized.add(url);
        }
        managers = List.copyOf(normalized);
        if (path == null) {
            throw new IllegalArgumentException(
                    prefix + "path is required: the context path to deploy at, such as /shop (or / for ROOT)");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(prefix + "path must start with '/', was '" + path + "'");
        }
        if (path.length() > 1 && path.endsWith("/")) {
            throw new IllegalArgumentException(prefix + "path must not end with '/', was '" + path + "'");
        }
        if (!CONTEXT_PATH.matcher(path).matches()
                || path.contains("/../")
                || path.endsWith("/..")
                || path.contains("/./")
                || path.endsWith("/.")) {
            throw new IllegalArgumentException(prefix + "path must be '/' or '/' and names without spaces, '#', '?', "
                    + "';', '%', '\\', '.' or '..' segments, such as /shop or /shop/api, was '" + path + "'");
        }
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new IllegalArgumentException(prefix + "credentialsId is required: the id of username/password "
                    + "credentials of a Tomcat user with the role manager-script");
        }
        requirePositive(prefix + "connectTimeout", connectTimeout);
        requirePositive(prefix + "timeout", timeout);
        if (keep < 1) {
            throw new IllegalArgumentException(prefix + "keep must be at least 1, was " + keep);
        }
    }

    /**
     * Reads a target as {@code orchestra.yaml} (or a Jenkinsfile, inline) writes it: {@code hosts} (a list or one URL)
     * or {@code url}, {@code path}, {@code credentialsId}, {@code connectTimeout} and {@code timeout} ({@code 30s},
     * {@code 5m}, or seconds as a number), {@code keep}, {@code stateDir}. Other keys are left to the deploy step.
     *
     * @throws IllegalArgumentException naming the field ({@code targets.shop.path must start with '/', was 'app'})
     */
    public static TomcatSettings fromConfig(String targetName, Map<String, Object> target) {
        Objects.requireNonNull(target, "target");
        String prefix = "targets." + targetName + ".";
        Object kind = target.get("kind");
        if (kind != null && !KIND.equals(kind.toString())) {
            throw new IllegalArgumentException(prefix + "kind must be '" + KIND + "', was '" + kind + "'");
        }
        Object hosts = target.get("hosts");
        Object url = target.get("url");
        if (hosts != null && url != null) {
            throw new IllegalArgumentException("targets." + targetName + " has both hosts and url; give one of them");
        }
        List<URI> managers;
        if (hosts == null && url == null) {
            throw new IllegalArgumentException("targets." + targetName + " needs hosts (or url): the Tomcat manager "
                    + "URLs, such as http://web1:8080/manager");
        } else if (url != null) {
            managers = List.of(uri(prefix + "url", url));
        } else if (hosts instanceof List<?> list) {
            managers = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                managers.add(uri(prefix + "hosts[" + i + "]", list.get(i)));
            }
        } else if (hosts instanceof String) {
            managers = List.of(uri(prefix + "hosts", hosts));
        } else {
            throw new IllegalArgumentException(
                    prefix + "hosts must be a list of manager URLs, such as [http://web1:8080/manager], was " + hosts);
        }
        Object stateDir = target.get("stateDir");
        Path state = null;
        if (stateDir != null) {
            try {
                state = Path.of(stateDir.toString());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(prefix + "stateDir is not a path, was '" + stateDir + "'");
            }
        }
        return new TomcatSettings(
                targetName,
                managers,
                string(target.get("path")),
                string(target.get("credentialsId")),
                duration(prefix + "connectTimeout", target.get("connectTimeout"), DEFAULT_CONNECT_TIMEOUT),
                duration(prefix + "timeout", target.get("timeout"), DEFAULT_TIMEOUT),
                whole(prefix + "keep", target.get("keep"), DEFAULT_KEEP),
                state);
    }

    /** Where the WARs and release records are kept for a step running in {@code workspace}. */
    public Path stateDir(Path workspace) {
        if (stateDir == null) {
            return workspace.resolve(".orchestra").resolve("tomcat").resolve(safeName(target));
        }
        return workspace.resolve(stateDir);
    }

    private static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.equals(".") || safe.equals("..") ? safe.replace('.', '_') : safe;
    }

    private static URI normalizeManager(String field, URI url) {
        Objects.requireNonNull(url, field + " is required");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    field + " must be an http or https URL such as http://web1:8080/manager, was '" + url + "'");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(field + " must not hold a user or password (use credentialsId), was '"
                    + scheme + "://" + url.getHost() + "…'");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException(field + " has no host name, was '" + url + "'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " must not have a query or fragment, was '" + url + "'");
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/text")) {
            path = path.substring(0, path.length() - "/text".length());
        }
        if (path.isEmpty()) {
            path = "/manager";
        }
        return URI.create(scheme + "://" + url.getRawAuthority() + path);
    }

    private static URI uri(String field, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(field + " must be a manager URL such as http://web1:8080/manager, was "
                    + (value == null ? null : "'" + value + "'"));
        }
        if (!(value instanceof String)) {
            throw new IllegalArgumentException(
                    field + " must be a manager URL such as http://web1:8080/manager, was " + value);
        }
        try {
            return new URI(((String) value).strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a URL (" + e.getReason() + "), was '"
                    + value.toString().replaceAll("//[^/@]*@", "//…@") + "'");
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Duration duration(String field, Object value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        try {
            return Durations.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    private static int whole(String field, Object value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long n = ((Number) value).longValue();
            if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
                return (int) n;
            }
        }
        if (value instanceof String s && s.strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(s.strip());
        }
        throw new IllegalArgumentException(field + " must be a whole number, was '" + value + "'");
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field + " is required");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + Durations.format(value));
        }
    }
}
