package io.jenkins.plugins.orchestra.reliability.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.jenkins.plugins.orchestra.notify.FakeService;
import io.jenkins.plugins.orchestra.notify.FakeService.Reply;
import io.jenkins.plugins.orchestra.reliability.fixtures.Fleet;
import io.jenkins.plugins.orchestra.reliability.fixtures.Receiver;
import io.jenkins.plugins.orchestra.reliability.fixtures.RunnerJvm;
import io.jenkins.plugins.orchestra.runner.ui.DashboardApi;
import io.jenkins.plugins.orchestra.runner.ui.DashboardServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants distinct random secrets in every kind of credentials the runner has (secret text from the file and from the
 * environment, user name and password from both, secret files from content and from a path, SSH keys inline and from
 * a file with a passphrase) and in every configuration secret (webhook URLs, a Slack token, an HMAC key, a bearer
 * token, an SMTP password, a vaulted variable); runs pipelines through the real runner that use them in every step
 * and channel (Ansible and a script provisioning, {@code withCredentials} with {@code sh} printing them in every form
 * the masker promises to hide, a deploy over SSH, every notify channel), among them a failing run and a run killed
 * with SIGKILL while a stage holds secrets and then resumed; then scans everything the product wrote or sent, and
 * writes {@code target/reliability/secrets.json}. A secret may be only in the request line (its own webhook URL) and
 * the {@code Authorization} header of the service it is for.
 */
@Timeout(600)
class SecretsLeakTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The runner's temporary directory: nothing of the run killed with SIGKILL may stay there either. */
    private static final String TEMP = "temporary directory (java.io.tmpdir, TMPDIR)";

    private static final String ALNUM = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @TempDir
    Path dir;

    private final LeakScanner scanner = new LeakScanner();
    private SplittableRandom random;

    @Test
    void noPlantedSecretReachesAnythingTheRunnerWritesOrSends() throws Exception {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH (apt-get install ansible)");
        long seed = Long.getLong("secrets.seed", System.nanoTime());
        random = new SplittableRandom(seed);
        System.out.println("secrets suite: seed " + seed + " (-Dsecrets.seed=" + seed + " repeats it)");

        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path input = Files.createDirectories(dir.resolve("input"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path ansibleTmp = Files.createDirectories(dir.resolve("ansible-tmp"));
        Set<Path> inputs = new HashSet<>();

        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        try (Fleet fleet = Fleet.start(dir.resolve("fleet"), 2, 81);
                FakeService services = FakeService.start();
                Receiver receiver = Receiver.start()) {
            mail.start();
            Map<String, String> env = plant(ws, input, home, tmp, ansibleTmp, fleet, services, receiver, mail, inputs);
            long started = System.nanoTime();

            Map<String, Object> runs = new LinkedHashMap<>();
            runs.put("delivery", runToEnd(ws, env, "Jenkinsfile.delivery", 0));
            runs.put("failing", runToEnd(ws, env, "Jenkinsfile.failing", 1));
            runs.put("crash+resume", crashAndResume(ws, env));
            long runMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(mail.getReceivedMessages()).as("emails").hasSize(3);
            assertThat(receiver.requests()).as("webhook requests").hasSize(3);
            scanDashboard(ws);
            scanMail(mail);
            scanRequests(services, receiver);
            scanFiles(ws, home, tmp, ansibleTmp, fleet, inputs);
            report(seed, runMillis, runs);
        } finally {
            mail.stop();
        }
        assertThat(scanner.leaks()).as("secrets found where they may not be").isEmpty();
    }

    // --- planting ---------------------------------------------------------------------------------------------------

    private String random(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return s.toString();
    }

    private Map<String, String> plant(
            Path ws,
            Path input,
            Path home,
            Path tmp,
            Path ansibleTmp,
            Fleet fleet,
            FakeService services,
            Receiver receiver,
            GreenMail mail,
            Set<Path> inputs)
            throws Exception {
        // two values with the characters JSON, URLs and sh -x write differently
        String apiToken = "tok" + random(20) + "'\"@+/ &" + random(6);
        String nexusPassword = "pw" + random(18) + " it's \"q\"+%" + random(6);
        String envToken = "env" + random(24);
        String smtpPassword = "smtp" + random(22);
        String npmrc = "//registry.example/:_authToken=npm_" + random(28) + "\n";
        String vaultPassword = "vault" + random(24);
        String passphrase = "phrase" + random(22);
        String dbPassword = "db" + random(26);
        String vaulted = "vaulted" + random(22);
        String slackToken = "xoxb-" + random(12) + "-" + random(24);
        String slackHook = random(28);
        String teamsSig = random(30);
        String mattermostHook = random(26);
        String webhookPath = random(26);
        String hmacKey = "hmac" + random(28);
        String bearer = "bearer" + random(26);

        Path deployKey = input.resolve("deploy_ed25519");
        Process keygen = new ProcessBuilder(
                        "ssh-keygen",
                        "-q",
                        "-t",
                        "ed25519",
                        "-N",
                        passphrase,
                        "-C",
                        "deploy",
                        "-f",
                        deployKey.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0)
                .as(new String(keygen.getInputStream().readAllBytes()))
                .isTrue();
        for (var h : fleet.servers()) {
            h.authorize(Path.of(deployKey + ".pub"));
        }
        String ansibleKey = Files.readString(fleet.key());

        scanner.plant("api-token (string, credentials file)", "credential", apiToken);
        scanner.plant("nexus password (usernamePassword, credentials file)", "credential", nexusPassword);
        scanner.plant("env-token (string, environment)", "credential", envToken);
        scanner.plant("smtp-login password (usernamePassword, environment)", "credential", smtpPassword);
        scanner.plant("npmrc content (file, content)", "credential", npmrc.strip());
        scanner.plant("vault-pass (file, path)", "credential", vaultPassword);
        scanner.plant(
                "deploy-key private key (sshUserPrivateKey, privateKeyFile)",
                "credential",
                Files.readString(deployKey).strip());
        scanner.plant("deploy-key passphrase (sshUserPrivateKey)", "credential", passphrase);
        scanner.plant(
                "ansible-key private key (sshUserPrivateKey, privateKey inline)", "credential", ansibleKey.strip());
        scanner.plant("db-password (string, Ansible secretVars)", "credential", dbPassword);
        scanner.plant("slack-bot token (string)", "channel", slackToken);
        scanner.plant("slack-hook webhook URL (string)", "channel", slackHook);
        scanner.plant("teams-flow Workflows URL (string)", "channel", teamsSig);
        scanner.plant("hook-hmac signing key (string)", "channel", hmacKey);
        scanner.plant("hook-bearer token (string)", "channel", bearer);
        scanner.plant("mattermost url (orchestra.yaml)", "configuration", mattermostHook);
        scanner.plant("webhook url ($ORCHESTRA_HOME/config.yaml)", "configuration", webhookPath);
        scanner.plant("vaulted variable (Ansible vault file)", "configuration", vaulted);

        Path vaultFile = write(input.resolve("vault-password"), vaultPassword + "\n", inputs);
        write(
                input.resolve("credentials.json"),
                JSON.writeValueAsString(Map.of(
                        "credentials",
                        Map.ofEntries(
                                Map.entry("api-token", Map.of("type", "string", "secret", apiToken)),
                                Map.entry(
                                        "nexus",
                                        Map.of(
                                                "type",
                                                "usernamePassword",
                                                "username",
                                                "ci",
                                                "password",
                                                nexusPassword)),
                                Map.entry("npmrc", Map.of("type", "file", "fileName", ".npmrc", "content", npmrc)),
                                Map.entry("vault-pass", Map.of("type", "file", "path", vaultFile.toString())),
                                Map.entry(
                                        "deploy-key",
                                        Map.of(
                                                "type",
                                                "sshUserPrivateKey",
                                                "username",
                                                fleet.user(),
                                                "privateKeyFile",
                                                deployKey.toString(),
                                                "passphrase",
                                                passphrase)),
                                Map.entry(
                                        "ansible-key",
                                        Map.of(
                                                "type",
                                                "sshUserPrivateKey",
                                                "username",
                                                fleet.user(),
                                                "privateKey",
                                                ansibleKey)),
                                Map.entry("db-password", Map.of("type", "string", "secret", dbPassword)),
                                Map.entry("slack-bot", Map.of("type", "string", "secret", slackToken)),
                                Map.entry(
                                        "slack-hook",
                                        Map.of(
                                                "type",
                                                "string",
                                                "secret",
                                                services.url("/services/T0/B0/" + slackHook)
                                                        .toString())),
                                Map.entry(
                                        "teams-flow",
                                        Map.of(
                                                "type",
                                                "string",
                                                "secret",
                                                services.url("/workflows/invoke")
                                                                .toString() + "?sig=" + teamsSig)),
                                Map.entry("hook-hmac", Map.of("type", "string", "secret", hmacKey)),
                                Map.entry("hook-bearer", Map.of("type", "string", "secret", bearer))))),
                inputs);

        mail.setUser("ci@example.com", "ci", smtpPassword);
        services.otherwise(
                "/api/chat.postMessage",
                r -> Reply.json(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1765100000.000100\"}"));
        services.otherwise("/api/chat.update", r -> Reply.json(200, "{\"ok\":true}"));
        services.otherwise("/workflows/invoke", r -> Reply.of(202, ""));

        Path knownHosts = fleet.knownHosts(ws.resolve("known_hosts"));
        Files.writeString(ws.resolve("inventory.ini"), fleet.inventory(knownHosts));
        inputs.add(ws.resolve("orchestra.yaml").toAbsolutePath().normalize()); // the test's own, not the runner's
        Files.writeString(
                ws.resolve("orchestra.yaml"),
                "targets:\n" + fleet.targetYaml("web", knownHosts)
                        + """
                        channels:
                          mail:
                            kind: email
                            host: 127.0.0.1
                            port: %d
                            security: none
                            credentialsId: smtp-login
                            from: "CI <ci@example.com>"
                            to: [dev@example.com]
                            attachLog: true
                          slack-bot:
                            kind: slack
                            credentialsId: slack-bot
                            channel: "#releases"
                            apiUrl: %s
                          slack-hook:
                            kind: slack
                            credentialsId: slack-hook
                          teams:
                            kind: teams
                            credentialsId: teams-flow
                          mattermost:
                            kind: mattermost
                            url: %s
                        """
                                .formatted(
                                        mail.getSmtp().getPort(),
                                        services.url("/api/"),
                                        services.url("/hooks/" + mattermostHook)));
        Path orchestraHome = Files.createDirectories(home.resolve(".orchestra"));
        write(
                orchestraHome.resolve("config.yaml"),
                """
                channels:
                  hook:
                    kind: webhook
                    url: %s
                    secretCredentialsId: hook-hmac
                    authCredentialsId: hook-bearer
                """
                        .formatted(receiver.url("/deliveries/" + webhookPath)),
                inputs);
        Files.writeString(
                ws.resolve("site.yml"),
                """
                - hosts: web
                  gather_facts: false
                  vars_files: [vault.yml]
                  tasks:
                    - name: the secrets arrived
                      assert:
                        that: ["db_password | length == %d", "vaulted | length == %d"]
                        quiet: true
                    - name: show the secret variable
                      debug: msg="the db password is {{ db_password }}"
                    - name: the base directory
                      file: path="{{ base }}" state=directory mode=0755
                """
                        .formatted(dbPassword.length(), vaulted.length()));
        Path vaultYml = ws.resolve("vault.yml");
        Files.writeString(vaultYml, "vaulted: " + vaulted + "\n");
        Process encrypt = new ProcessBuilder(
                        "ansible-vault", "encrypt", "--vault-password-file", vaultFile.toString(), vaultYml.toString())
                .redirectErrorStream(true)
                .start();
        String encryptOut = new String(encrypt.getInputStream().readAllBytes());
        assertThat(encrypt.waitFor()).as(encryptOut).isZero();
        Files.writeString(ws.resolve("Jenkinsfile.delivery"), Pipelines.DELIVERY);
        Files.writeString(ws.resolve("Jenkinsfile.failing"), Pipelines.FAILING);
        Files.writeString(ws.resolve("Jenkinsfile.holding"), Pipelines.HOLDING);

        Map<String, String> env = new HashMap<>();
        env.put("ORCHESTRA_CREDENTIALS", input.resolve("credentials.json").toString());
        env.put("ORCHESTRA_CREDENTIAL_ENV_TOKEN", envToken);
        env.put("ORCHESTRA_CREDENTIAL_SMTP_LOGIN_USERNAME", "ci");
        env.put("ORCHESTRA_CREDENTIAL_SMTP_LOGIN_PASSWORD", smtpPassword);
        env.put("ORCHESTRA_HOME", orchestraHome.toString());
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
        env.put("ANSIBLE_LOCAL_TEMP", ansibleTmp.resolve("local").toString());
        env.put("ANSIBLE_REMOTE_TEMP", ansibleTmp.resolve("remote").toString());
        return env;
    }

    private static Path write(Path file, String content, Set<Path> inputs) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        inputs.add(file.toAbsolutePath().normalize());
        return file;
    }

    // --- running ----------------------------------------------------------------------------------------------------

    private static Map<String, Object> runToEnd(Path ws, Map<String, String> env, String jenkinsfile, int expected)
            throws Exception {
        long start = System.nanoTime();
        try (RunnerJvm runner = RunnerJvm.start(ws, env, "run", jenkinsfile, "--no-ui", "--plain")) {
            int exit = runner.waitFor(Duration.ofMinutes(3));
            assertThat(exit).as(jenkinsfile + ":\n" + runner.output()).isEqualTo(expected);
        }
        return Map.of("exit", expected, "millis", (System.nanoTime() - start) / 1_000_000);
    }

    private static Map<String, Object> crashAndResume(Path ws, Map<String, String> env) throws Exception {
        long start = System.nanoTime();
        String run = Integer.toString(3);
        try (RunnerJvm runner = RunnerJvm.start(ws, env, "run", "Jenkinsfile.holding", "--no-ui", "--plain")) {
            boolean holding = runner.await(() -> Files.exists(ws.resolve("holding")), Duration.ofMinutes(2));
            assertThat(holding && runner.isAlive())
                    .as("the stage holding secrets was reached:\n" + runner.output())
                    .isTrue();
            Thread.sleep(300);
            runner.kill();
        }
        long killedAt = (System.nanoTime() - start) / 1_000_000;
        try (RunnerJvm resume = RunnerJvm.start(ws, env, "resume", run, "--workspace", ".")) {
            int exit = resume.waitFor(Duration.ofMinutes(3));
            assertThat(exit).as("resume:\n" + resume.output()).isZero();
        }
        return Map.of("killedAtMillis", killedAt, "resumeExit", 0, "millis", (System.nanoTime() - start) / 1_000_000);
    }

    // --- scanning ---------------------------------------------------------------------------------------------------

    private void scanFiles(Path ws, Path home, Path tmp, Path ansibleTmp, Fleet fleet, Set<Path> inputs)
            throws Exception {
        try (Stream<Path> walk = Files.walk(ws)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                if (!inputs.contains(f.toAbsolutePath().normalize())) {
                    scanner.scan(place(ws.relativize(f)), ws.relativize(f).toString(), Files.readAllBytes(f), Set.of());
                }
            }
        }
        scanner.scanTree("$ORCHESTRA_HOME and $HOME of the runner", home, inputs);
        scanner.scanTree(TEMP, tmp, inputs);
        scanner.scanTree("Ansible's local and remote temporary directories", ansibleTmp, inputs);
        for (int i = 0; i < fleet.servers().size(); i++) {
            scanner.scanTree("hosts: releases, releases.log, lock files, provisioned files", fleet.base(i), inputs);
        }
    }

    /** What a file in the workspace is, for the report. */
    private static String place(Path relative) {
        String name = relative.getFileName().toString();
        String path = relative.toString().replace('\\', '/');
        if (name.startsWith("runner-") && name.endsWith(".out")) {
            return "console output of run and resume";
        }
        if (!path.startsWith(".orchestra/")) {
            return "workspace files the runs wrote";
        }
        if (path.contains("/stages/")) {
            return "stage logs (stages/*.log)";
        }
        if (name.endsWith(".jsonl")) {
            return "journals (*.jsonl)";
        }
        return switch (name) {
            case "log.txt", "run.json", "summary.json", "view.json", "notify-state.json" -> name;
            default -> name.endsWith(".xml") ? "JUnit XML" : "other files under .orchestra";
        };
    }

    private void scanDashboard(Path ws) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (DashboardServer ui = DashboardServer.start(new DashboardApi(ws), 0)) {
            String base = ui.url().substring(0, ui.url().length() - 1);
            scanner.scan("dashboard: GET /api/runs", "/api/runs", get(http, base + "/api/runs"));
            for (String run : List.of("1", "2", "3")) {
                String viewText = get(http, base + "/api/runs/" + run);
                scanner.scan("dashboard: RunView JSON", "/api/runs/" + run, viewText);
                scanner.scan(
                        "dashboard: changes (Delta JSON)",
                        "/api/runs/" + run + "/changes?since=0",
                        get(http, base + "/api/runs/" + run + "/changes?since=0"));
                List<String> ids = new ArrayList<>();
                stageIds(JSON.readTree(viewText).path("stages"), ids);
                assertThat(ids).as("stages of run " + run).isNotEmpty();
                for (String id : ids) {
                    String path = "/api/runs/" + run + "/stages/"
                            + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8)
                                    .replace("+", "%20") + "/log";
                    HttpResponse<String> log = http.send(
                            HttpRequest.newBuilder(URI.create(base + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    scanner.scan("dashboard: stage logs", path, log.body());
                    scanner.scan(
                            "dashboard: stage log events (SSE)", path + "/events", sse(http, base + path + "/events"));
                }
                scanner.scan(
                        "dashboard: run events (SSE)",
                        "/api/runs/" + run + "/events?since=0",
                        sse(http, base + "/api/runs/" + run + "/events?since=0"));
            }
        }
    }

    private static void stageIds(JsonNode stages, List<String> ids) {
        for (JsonNode s : stages) {
            if (s.hasNonNull("id")) {
                ids.add(s.path("id").asText());
            }
            stageIds(s.path("children"), ids);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** An event stream of a finished run, up to its {@code end} event, which must come within 10 s. */
    private static String sse(HttpClient http, String url) throws Exception {
        HttpResponse<InputStream> r;
        try {
            r = http.sendAsync(
                            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(url + " did not answer within 10 s", e);
        }
        StringBuilder text = new StringBuilder();
        InputStream in = r.body();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (text) {
                        text.append(line).append('\n');
                    }
                    if (line.equals("event: end")) {
                        break;
                    }
                }
            } catch (java.io.IOException e) {
                // closed after the wait
            }
        });
        reader.setDaemon(true);
        reader.start();
        reader.join(10_000);
        in.close();
        synchronized (text) {
            assertThat(text).as(url).contains("event: end");
            return text.toString();
        }
    }

    private void scanMail(GreenMail mail) throws Exception {
        for (MimeMessage m : mail.getReceivedMessages()) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            m.writeTo(raw);
            String where = "email '" + m.getSubject() + "'";
            scanner.scan("SMTP messages: raw, headers included", where, raw.toByteArray(), Set.of());
            scanParts(m, where);
        }
    }

    private void scanParts(Part part, String where) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart p = multi.getBodyPart(i);
                scanParts(p, where + " part " + i);
            }
        } else {
            byte[] decoded;
            try (InputStream in = part.getInputStream()) {
                decoded = in.readAllBytes();
            }
            String kind = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                    ? "SMTP messages: attachments, decoded"
                    : "SMTP messages: text and HTML parts, decoded";
            scanner.scan(kind, where + " (" + part.getContentType() + ")", decoded, Set.of());
        }
    }

    private void scanRequests(FakeService services, Receiver receiver) {
        for (FakeService.Request r : services.requests()) {
            String channel = r.path().startsWith("/api/")
                    ? "Slack Web API (bot token)"
                    : r.path().startsWith("/services/")
                            ? "Slack incoming webhook"
                            : r.path().startsWith("/workflows/") ? "Teams Workflows webhook" : "Mattermost webhook";
            String urlSecret = r.path().startsWith("/services/")
                    ? "slack-hook webhook URL (string)"
                    : r.path().startsWith("/workflows/")
                            ? "teams-flow Workflows URL (string)"
                            : r.path().startsWith("/hooks/") ? "mattermost url (orchestra.yaml)" : "";
            String authSecret = r.path().startsWith("/api/") ? "slack-bot token (string)" : "";
            scanRequest(
                    channel,
                    r.method(),
                    r.path() + (r.query() == null ? "" : "?" + r.query()),
                    r.headers(),
                    r.body(),
                    urlSecret,
                    authSecret);
        }
        for (Receiver.Request r : receiver.requests()) {
            scanRequest(
                    "webhook (HMAC-signed, bearer)",
                    r.method(),
                    r.path(),
                    r.headers(),
                    r.body(),
                    "webhook url ($ORCHESTRA_HOME/config.yaml)",
                    "hook-bearer token (string)");
        }
    }

    /** The request line may hold the channel's own URL, {@code Authorization} its own token; nothing else a secret. */
    private void scanRequest(
            String channel,
            String method,
            String target,
            Map<String, String> headers,
            String body,
            String urlSecret,
            String authSecret) {
        String where = channel + " " + method;
        scanner.scan(
                channel + ": request line",
                where,
                (method + " " + target).getBytes(StandardCharsets.UTF_8),
                Set.of(urlSecret));
        StringBuilder others = new StringBuilder();
        headers.forEach((k, v) -> {
            if (k.equals("authorization")) {
                scanner.scan(
                        channel + ": Authorization header",
                        where,
                        v.getBytes(StandardCharsets.UTF_8),
                        Set.of(authSecret));
            } else if (!k.equals("x-orchestra-answered-ok")) {
                others.append(k).append(": ").append(v).append('\n');
            }
        });
        scanner.scan(
                channel + ": other headers (signature included)",
                where,
                others.toString().getBytes(StandardCharsets.UTF_8),
                Set.of());
        scanner.scan(channel + ": body", where, body.getBytes(StandardCharsets.UTF_8), Set.of());
    }

    // --- report -----------------------------------------------------------------------------------------------------

    private void report(long seed, long runMillis, Map<String, Object> runs) throws Exception {
        Map<String, Object> places = new LinkedHashMap<>();
        scanner.places().forEach((p, s) -> places.put(p, Map.of("items", s[0], "bytes", s[1])));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("secretsPlanted", scanner.secrets().size());
        summary.put(
                "formsPerSecret",
                "plain, JSON-escaped, URL-encoded (+ and %20), sh -x quoted, Base64 and URL-safe"
                        + " Base64 at 3 alignments, and each line of a private key");
        summary.put("placesScanned", places.size());
        summary.put("itemsScanned", scanner.files());
        summary.put("bytesScanned", scanner.bytes());
        summary.put("leaks", scanner.leaks().size());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", LocalDate.now().toString());
        report.put("seed", seed);
        report.put("runsMillis", runMillis);
        report.put("summary", summary);
        report.put("runs", runs);
        report.put(
                "secrets",
                scanner.secrets().stream()
                        .map(s -> Map.of(
                                "name",
                                s.name(),
                                "kind",
                                s.kind(),
                                "length",
                                s.value().length()))
                        .toList());
        report.put("places", places);
        report.put("leaks", scanner.leaks());
        Path reports = Path.of(System.getProperty("reliability.reports", "target/reliability"));
        Files.createDirectories(reports);
        JSON.writeValue(reports.resolve("secrets.json").toFile(), report);
        System.out.println("secrets suite: " + summary);
        scanner.leaks().forEach(l -> System.out.println("LEAK " + l));
    }
}
