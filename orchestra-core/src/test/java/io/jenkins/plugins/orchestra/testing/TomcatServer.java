package io.jenkins.plugins.orchestra.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Tomcat 10 (Debian's {@code tomcat10} and {@code tomcat10-admin}) on 127.0.0.1 for one test class: a private
 * {@code CATALINA_BASE} in {@code dir} with a copy of the packaged {@code conf/}, the HTTP connector on a free port,
 * no shutdown port, the manager application from the package mounted at {@code /manager} (only for 127.*), and two
 * users with fresh random passwords: {@link #user()} with the role {@code manager-script} and {@link #guiUser()} with
 * {@code manager-gui} alone. {@link #close()} stops it by killing its process.
 *
 * <pre>
 * try (TomcatServer tomcat = TomcatServer.start(dir)) {
 *     tomcat.managerUrl(); tomcat.user(); tomcat.password();
 * }
 * </pre>
 */
public final class TomcatServer implements AutoCloseable {
    private static final Path HOME = Path.of("/usr/share/tomcat10");
    private static final Path MANAGER = Path.of("/usr/share/tomcat10-admin/manager");
    private static final List<Path> PACKAGED_CONF = List.of(HOME.resolve("etc"), Path.of("/etc/tomcat10"));
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Path base;
    private final int port;
    private final String password;
    private final String guiPassword = "gui-" + random();
    private Process process;

    private TomcatServer(Path base, int port, String password) {
        this.base = base;
        this.port = port;
        this.password = password;
    }

    /** Whether this machine has Tomcat 10 and its manager application (tests assume it, CI installs it). */
    public static boolean isAvailable() {
        return Files.isExecutable(HOME.resolve("bin/catalina.sh"))
                && Files.isRegularFile(MANAGER.resolve("WEB-INF/web.xml"))
                && packagedConf() != null;
    }

    /** Makes a Tomcat base in {@code dir} and starts it; returns once the manager answers. */
    public static TomcatServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, "tc-" + random());
    }

    /**
     * Like {@link #start(Path)}, with {@code password} for {@link #user()}: Tomcats that stand for the hosts of one
     * target share the manager user's credentials.
     */
    public static TomcatServer start(Path dir, String password) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TomcatServer server = new TomcatServer(dir.toAbsolutePath(), freePort(), password);
        server.writeBase();
        server.startProcess();
        return server;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>/manager}. */
    public URI managerUrl() {
        return URI.create("http://127.0.0.1:" + port + "/manager");
    }

    /** A URL on this Tomcat: {@code url("/shop/")}. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The user with the role {@code manager-script}. */
    public String user() {
        return "deployer";
    }

    public String password() {
        return password;
    }

    /** A user with the role {@code manager-gui} only, whom the text interface refuses (HTTP 403). */
    public String guiUser() {
        return "viewer";
    }

    public String guiPassword() {
        return guiPassword;
    }

    /** The host's appBase, where the manager puts deployed WARs. */
    public Path appBase() {
        return base.resolve("webapps");
    }

    /** Tomcat's console output and logs, for assertion messages. */
    public String log() {
        StringBuilder log = new StringBuilder(read(base.resolve("catalina.out")));
        try (Stream<Path> files = Files.list(base.resolve("logs"))) {
            for (Path file : files.sorted().toList()) {
                log.append("\n--- ").append(file.getFileName()).append('\n').append(read(file));
            }
        } catch (IOException e) {
            log.append("\n(logs: ").append(e).append(')');
        }
        return log.toString();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops Tomcat by killing its process ({@code SIGTERM}, then {@code SIGKILL} after 10 s). */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void writeBase() throws IOException {
        Path conf = base.resolve("conf");
        for (String d : List.of("conf/Catalina/localhost", "logs", "webapps", "work", "temp")) {
            Files.createDirectories(base.resolve(d));
        }
        try (Stream<Path> files = Files.list(packagedConf())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String server = Files.readString(conf.resolve("server.xml"));
        String connector = "<Connector port=\"8080\" protocol=\"HTTP/1.1\"";
        if (!server.contains(connector)) {
            throw new IOException("the packaged server.xml has no '" + connector + "' to change");
        }
        server = server.replace(
                        connector, "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"")
                .replaceFirst("<Server port=\"-?\\d+\"", "<Server port=\"-1\"");
        Files.writeString(conf.resolve("server.xml"), server);
        Files.writeString(
                conf.resolve("tomcat-users.xml"),
                String.join(
                        "\n",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">",
                        "  <role rolename=\"manager-script\"/>",
                        "  <role rolename=\"manager-gui\"/>",
                        "  <user username=\"" + user() + "\" password=\"" + password + "\" roles=\"manager-script\"/>",
                        "  <user username=\"" + guiUser() + "\" password=\"" + guiPassword
                                + "\" roles=\"manager-gui\"/>",
                        "</tomcat-users>",
                        ""));
        Files.writeString(
                conf.resolve("Catalina/localhost/manager.xml"),
                String.join(
                        "\n",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<Context docBase=\"" + MANAGER + "\" privileged=\"true\" antiResourceLocking=\"false\">",
                        "  <Valve className=\"org.apache.catalina.valves.RemoteAddrValve\""
                                + " allow=\"127\\.\\d+\\.\\d+\\.\\d+\"/>",
                        "</Context>",
                        ""));
    }

    private void startProcess() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        HOME.resolve("bin/catalina.sh").toString(), "run")
                .directory(base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("catalina.out").toFile());
        Map<String, String> env = builder.environment();
        env.put("CATALINA_HOME", HOME.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("CATALINA_TMPDIR", base.resolve("temp").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("JRE_HOME");
        env.remove("JAVA_OPTS");
        // a small, quickly started JVM: the tests deploy a few tiny WARs
        env.put(
                "CATALINA_OPTS",
                "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.security.egd=file:/dev/./urandom");
        process = builder.start();
        Process started = process;
        // a test JVM that ends without stopping it (a killed build) must not leave Tomcat behind
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop Tomcat on exit"));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(managerUrl() + "/text/serverinfo"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user() + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            awaitManager(http, ping);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void awaitManager(HttpClient http, HttpRequest ping) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Tomcat exited during startup:\n" + log());
            }
            try {
                HttpResponse<String> response = http.send(ping, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().startsWith("OK - ")) {
                    return;
                }
                last = "HTTP " + response.statusCode() + ": " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100);
        }
        throw new IOException(
                "Tomcat's manager did not answer within " + STARTUP.toSeconds() + " s (" + last + "):\n" + log());
    }

    private static Path packagedConf() {
        for (Path conf : PACKAGED_CONF) {
            if (Files.isRegularFile(conf.resolve("server.xml")) && Files.isRegularFile(conf.resolve("web.xml"))) {
                return conf;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A fresh random password. */
    public static String randomPassword() {
        return "tc-" + random();
    }

    private static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
