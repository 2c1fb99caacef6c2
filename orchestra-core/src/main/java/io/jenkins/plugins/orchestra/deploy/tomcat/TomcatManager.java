package io.jenkins.plugins.orchestra.deploy.tomcat;

import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.deploy.HostException.Kind;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of one Tomcat manager's text interface ({@code <manager>/text/…}; Tomcat 7 and later, tested with 10.1),
 * over {@link HttpClient}. The manager user needs the role {@code manager-script}.
 *
 * <p>Every call either returns what the manager answered after {@code OK - } or throws a {@link HostException} whose
 * message starts with the manager's {@code host:port} and says what to fix:
 *
 * <ul>
 *   <li>{@code FAIL - reason} answers: {@link Kind#COMMAND_FAILED}, with Tomcat's reason;
 *   <li>HTTP 401 and 403: {@link Kind#AUTHENTICATION_FAILED}, naming the user, the credentials id and the role;
 *   <li>refused or failed connections, HTTP 502 to 504: {@link Kind#UNREACHABLE} (retryable);
 *   <li>no answer within the timeout: {@link Kind#TIMED_OUT} (retryable);
 *   <li>a WAR that cannot be read: {@link Kind#TRANSFER_FAILED}.
 * </ul>
 *
 * The password goes only into the {@code Authorization} header, never into a message; callers add it to the run's
 * secret masker. Thread-safe.
 */
public final class TomcatManager {
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|lt|gt|quot|apos|amp);");

    private final URI url;
    private final String name;
    private final UsernamePasswordCredential credential;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * A client of the manager at {@code url} ({@code http://web1:8080/manager}).
     *
     * @param http a client made by {@link #httpClient(Duration)}, which may be shared by many managers
     * @param timeout how long one request may take, upload included
     */
    public TomcatManager(URI url, UsernamePasswordCredential credential, Duration timeout, HttpClient http) {
        this.url = Objects.requireNonNull(url, "url");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = Objects.requireNonNull(http, "http");
        this.name = nameOf(url);
    }

    /** The client a manager needs: HTTP/1.1, no redirects, this connect timeout. */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** {@code host:port} of a manager URL (the port left out when the URL has none), as messages name it. */
    public static String nameOf(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /** The manager as messages name it: {@code host:port}. */
    public String name() {
        return name;
    }

    /** The manager's base URL. */
    public URI url() {
        return url;
    }

    /** The applications of the manager's virtual host ({@code /text/list}). */
    public List<TomcatApp> list() throws InterruptedException {
        Answer answer = send("list", "list", Map.of(), null);
        List<TomcatApp> apps = new ArrayList<>();
        for (String line : answer.lines()) {
            TomcatApp.parse(line).ifPresent(apps::add);
        }
        return List.copyOf(apps);
    }

    /** The applications at this context path: none, one, or several versions of a parallel deployment. */
    public List<TomcatApp> apps(String path) throws InterruptedException {
        return list().stream().filter(app -> app.path().equals(path)).toList();
    }

    /**
     * Deploys the WAR at {@code path} ({@code PUT /text/deploy?path=…&update=true}): an application already there is
     * undeployed first. Tomcat answers once the new application has started, or failed to.
     *
     * @return Tomcat's message ({@code Deployed application at context path [/shop]})
     */
    public String deploy(String path, Path war) throws InterruptedException {
        return send("deploy of " + path, "deploy", query("path", path, "update", "true"), war)
                .message();
    }

    /** Undeploys the application at {@code path}, deleting its WAR and directory in Tomcat's appBase. */
    public String undeploy(String path) throws InterruptedException {
        return send("undeploy of " + path, "undeploy", query("path", path), null)
                .message();
    }

    /** Reloads the application at {@code path} (stops and starts it with the same files). */
    public String reload(String path) throws InterruptedException {
        return send("reload of " + path, "reload", query("path", path), null).message();
    }

    /** What {@code /text/serverinfo} tells: the Tomcat, OS and JVM versions. */
    public ServerInfo serverInfo() throws InterruptedException {
        Answer answer = send("serverinfo", "serverinfo", Map.of(), null);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : answer.lines()) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                String value = line.substring(colon + 2).strip();
                if (value.startsWith("[") && value.endsWith("]")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(line.substring(0, colon).strip(), value);
            }
        }
        return new ServerInfo(values);
    }

    /**
     * What a manager says about its server, as {@code /text/serverinfo} lists it ({@code Tomcat Version}, {@code OS
     * Name}, {@code JVM Version}, …).
     */
    public record ServerInfo(Map<String, String> values) {
        public ServerInfo {
            values = Map.copyOf(values);
        }

        /** {@code Apache Tomcat/10.1.60 (Debian)}, or empty if the manager did not say. */
        public Optional<String> tomcatVersion() {
            return Optional.ofNullable(values.get("Tomcat Version"));
        }
    }

    private Answer send(String action, String command, Map<String, String> query, Path body)
            throws InterruptedException {
        URI uri = URI.create(url + "/text/" + command + encode(query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", basic())
                .header("User-Agent", "Orchestra");
        if (body == null) {
            request.GET();
        } else {
            // no "Expect: 100-continue": JDK 17's client hangs, past its timeout, on a 401 answer to it
            try {
                request.PUT(HttpRequest.BodyPublishers.ofFile(body)).header("Content-Type", "application/octet-stream");
            } catch (FileNotFoundException e) {
                throw new HostException(name, Kind.TRANSFER_FAILED, "cannot read the WAR " + body + " for " + action);
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new HostException(
                    name,
                    Kind.UNREACHABLE,
                    "cannot reach the Tomcat manager at " + url + ": no connection within "
                            + Durations.format(http.connectTimeout().orElse(timeout)),
                    e);
        } catch (HttpTimeoutException e) {
            throw new HostException(
                    name,
                    Kind.TIMED_OUT,
                    "the Tomcat manager at " + url + " did not answer the " + action + " within "
                            + Durations.format(timeout),
                    e);
        } catch (ConnectException e) {
            throw new HostException(
                    name, Kind.UNREACHABLE, "cannot reach the Tomcat manager at " + url + ": " + connectProblem(e), e);
        } catch (IOException e) {
            if (body != null && !Files.isReadable(body)) {
                throw new HostException(
                        name, Kind.TRANSFER_FAILED, "cannot read the WAR " + body + " for " + action, e);
            }
            if (body != null) {
                // Tomcat refuses a login, or a URL, by closing the connection while a large WAR is still being sent
                probe(e);
            }
            throw new HostException(
                    name,
                    Kind.UNREACHABLE,
                    "the connection to the Tomcat manager at " + url + " broke during the " + action + ": "
                            + describe(e),
                    e);
        }
        return answer(action, response.statusCode(), response.body());
    }

    /** Throws what a plain request says is wrong (a refused login, a wrong URL), if anything but the network is. */
    private void probe(IOException uploadFailure) throws InterruptedException {
        try {
            send("list", "list", Map.of(), null);
        } catch (HostException e) {
            if (e.kind() != Kind.UNREACHABLE && e.kind() != Kind.TIMED_OUT) {
                e.addSuppressed(uploadFailure);
                throw e;
            }
        }
    }

    private Answer answer(String action, int status, String body) {
        if (status == 401) {
            throw new HostException(
                    name,
                    Kind.AUTHENTICATION_FAILED,
                    "the Tomcat manager at " + url + " refused the user '" + credential.username()
                            + "' of credentials '" + credential.id() + "' (HTTP 401): check the password, and that "
                            + "tomcat-users.xml has that user with the role manager-script");
        }
        if (status == 403) {
            throw new HostException(
                    name,
                    Kind.AUTHENTICATION_FAILED,
                    "the Tomcat manager at " + url + " does not let the user '" + credential.username()
                            + "' of credentials '" + credential.id() + "' use its text interface (HTTP 403): the user "
                            + "needs the role manager-script (manager-gui is not enough), and the manager's "
                            + "RemoteAddrValve must allow this machine's address");
        }
        if (status == 404) {
            throw new HostException(
                    name,
                    Kind.COMMAND_FAILED,
                    "no Tomcat manager at " + url + " (HTTP 404): the URL must end with the manager's context path, "
                            + "usually /manager, and the manager application (Debian: tomcat10-admin) must be "
                            + "installed");
        }
        if (status == 502 || status == 503 || status == 504) {
            throw new HostException(
                    name, Kind.UNREACHABLE, "the Tomcat manager at " + url + " is unavailable (HTTP " + status + ")");
        }
        Answer answer = Answer.parse(body);
        if (status != 200 || answer == null) {
            throw new HostException(
                    name,
                    Kind.COMMAND_FAILED,
                    "the " + action + " got an answer that is not from a Tomcat manager's text interface (HTTP "
                            + status + ": " + firstLine(body) + "); check that " + url + " is the manager's URL");
        }
        if (!answer.ok()) {
            throw new HostException(name, Kind.COMMAND_FAILED, action + " failed: " + answer.message());
        }
        return answer;
    }

    private String basic() {
        String pair = credential.username() + ":" + credential.password().reveal();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], pairs[i + 1]);
        }
        return query;
    }

    private static String encode(Map<String, String> query) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            s.append(s.length() == 0 ? '?' : '&')
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    private static String connectProblem(ConnectException e) {
        if (e.getCause() instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return describe(t);
            }
        }
        // JDK 17 gives a refused connection no message at all
        return "connection refused";
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().toLowerCase(java.util.Locale.ROOT).startsWith("connection refused")
                        ? "connection refused"
                        : t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static String firstLine(String body) {
        String line = body == null ? "" : body.strip().split("\n", 2)[0].strip();
        if (line.isEmpty()) {
            return "empty";
        }
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }

    /** Tomcat escapes what it echoes ({@code [&#47;shop]}); messages show it as it was. */
    static String unescape(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement =
                    switch (entity) {
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "quot" -> "\"";
                        case "apos" -> "'";
                        case "amp" -> "&";
                        default -> {
                            int code = entity.charAt(1) == 'x' || entity.charAt(1) == 'X'
                                    ? Integer.parseInt(entity.substring(2), 16)
                                    : Integer.parseInt(entity.substring(1));
                            yield Character.isValidCodePoint(code) ? Character.toString(code) : m.group();
                        }
                    };
            m.appendReplacement(s, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(s).toString();
    }

    /**
     * An answer of the text interface: {@code OK - message} or {@code FAIL - message} on the first line, then data.
     */
    record Answer(boolean ok, String message, List<String> lines) {
        /** The answer in this body, or {@code null} if the body is not one. */
        static Answer parse(String body) {
            if (body == null) {
                return null;
            }
            String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
            List<String> lines = new ArrayList<>(List.of(text.split("\r?\n")));
            String first = lines.isEmpty() ? "" : lines.remove(0);
            boolean ok;
            String message;
            if (first.startsWith("OK - ")) {
                ok = true;
                message = first.substring(5);
            } else if (first.startsWith("FAIL - ")) {
                ok = false;
                message = first.substring(7);
            } else {
                return null;
            }
            lines.removeIf(String::isBlank);
            return new Answer(ok, unescape(message.strip()), List.copyOf(lines));
        }
    }
}
