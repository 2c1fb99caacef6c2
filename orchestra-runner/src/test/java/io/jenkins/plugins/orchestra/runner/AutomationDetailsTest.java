package io.jenkins.plugins.orchestra.runner;

import static io.jenkins.plugins.orchestra.runner.OpenApiSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.runner.ui.DashboardServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automation details of a stage (what its deploy, provision and notify steps returned), as the runner's dashboard
 * server serves them for real runs of the examples: they match openapi.yaml's schemas and say what happened.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AutomationDetailsTest {
    private static final Path EXAMPLES =
            Path.of("..").toAbsolutePath().normalize().resolve("examples");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void aDeployStageShowsEachHostWithTheReleaseItHadAndTheOneItHasNow() throws Exception {
        Path example = copy("deploy-local");
        run(example);
        run(example);
        try (DashboardServer ui = UiCommand.start(example, 0)) {
            JsonNode view = get(ui, "api/runs/2");
            assertValid("RunView", view);
            assertValid("Delta", get(ui, "api/runs/2/changes?since=0"));
            for (JsonNode stage : view.path("stages")) {
                for (JsonNode a : stage.path("automation")) {
                    assertValid("Automation", a);
                }
            }
            assertThat(stage(view, "Build").path("automation")).isEmpty();
            JsonNode deploy = stage(view, "Deploy").path("automation");
            assertThat(deploy).hasSize(1);
            assertThat(deploy.get(0).path("step").asText()).isEqualTo("deploy");
            assertThat(deploy.get(0).path("error").isNull()).isTrue();
            JsonNode result = deploy.get(0).path("result");
            assertThat(result.path("target").asText()).isEqualTo("fleet");
            assertThat(result.path("previousVersion").asText()).isEqualTo("1.0.1");
            assertThat(result.path("version").asText()).isEqualTo("1.0.2");
            assertThat(result.path("result").asText()).isEqualTo("SUCCESS");
            assertThat(result.path("hosts"))
                    .extracting(h ->
                            h.path("host").asText() + ": " + h.path("previous").asText() + " -> "
                                    + h.path("version").asText() + " "
                                    + h.path("result").asText() + ", live "
                                    + h.path("live").asText())
                    .containsExactly(
                            "web1: 1.0.1 -> 1.0.2 deployed, live 1.0.2",
                            "web2: 1.0.1 -> 1.0.2 deployed, live 1.0.2",
                            "web3: 1.0.1 -> 1.0.2 deployed, live 1.0.2");
            assertThat(view.path("automation")).isEmpty();
        }
    }

    @Test
    void theNotificationsOfAPostSectionAreTheRunsOwn() throws Exception {
        Path example = copy("notify");
        run(example);
        try (DashboardServer ui = UiCommand.start(example, 0)) {
            JsonNode view = get(ui, "api/runs/1");
            assertValid("RunView", view);
            assertValid("Delta", get(ui, "api/runs/1/changes?since=0"));
            for (JsonNode stage : view.path("stages")) {
                assertThat(stage.path("automation"))
                        .as(stage.path("name").asText())
                        .isEmpty();
            }
            JsonNode sent = view.path("automation");
            assertThat(sent).hasSize(2);
            for (JsonNode a : sent) {
                assertValid("Automation", a);
                assertThat(a.path("step").asText()).isEqualTo("notify");
                assertThat(a.path("result").path("ok").asBoolean()).isTrue();
                assertThat(a.path("result").path("sent").asInt()).isEqualTo(1);
            }
            assertThat(sent)
                    .extracting(a -> {
                        JsonNode c = a.path("result").path("channels").get(0);
                        return c.path("channel").asText() + " ("
                                + c.path("kind").asText() + "): "
                                + c.path("status").asText();
                    })
                    .containsExactly("team (outbox): sent", "releases (outbox): sent");
        }
    }

    @Test
    void provisionStagesShowTheirPlayRecap() throws Exception {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH (apt-get install ansible)");
        Path example = copy("provision");
        run(example);
        try (DashboardServer ui = UiCommand.start(example, 0)) {
            JsonNode view = get(ui, "api/runs/1");
            assertValid("RunView", view);
            JsonNode plan = stage(view, "Plan").path("automation").get(0);
            JsonNode provision = stage(view, "Provision").path("automation").get(0);
            JsonNode again = stage(view, "Idempotence").path("automation").get(0);
            for (JsonNode a : List.of(plan, provision, again)) {
                assertValid("Automation", a);
                assertThat(a.path("step").asText()).isEqualTo("provision");
                assertThat(a.path("result").path("hosts").asInt()).isEqualTo(1);
                assertThat(a.path("result").path("failed").asInt()).isZero();
            }
            assertThat(plan.path("result").path("checkMode").asBoolean()).isTrue();
            assertThat(provision.path("result").path("changed").asBoolean()).isTrue();
            assertThat(provision.path("result").path("changes").asInt()).isPositive();
            assertThat(again.path("result").path("changed").asBoolean()).isFalse();
            assertThat(again.path("result").path("changes").asInt()).isZero();
        }
    }

    private static JsonNode stage(JsonNode view, String name) {
        for (JsonNode s : view.path("stages")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + name + " in " + view);
    }

    private JsonNode get(DashboardServer ui, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(ui.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void run(Path example, String... params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] args = Stream.concat(
                        Stream.of("run", example.resolve("Jenkinsfile").toString(), "--no-ui"), Stream.of(params))
                .toArray(String[]::new);
        assertThat(Main.run(args, print, print))
                .as(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(Main.OK);
    }

    private Path copy(String example) throws IOException {
        Path from = EXAMPLES.resolve(example);
        Path to = tmp.resolve(example);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.sorted(Comparator.naturalOrder()).toList()) {
                if (p.toString().contains(".orchestra") || from.relativize(p).startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
