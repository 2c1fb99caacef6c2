package io.jenkins.plugins.orchestra.runner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.runner.Main;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log stream of a stage of a finished run: it sends the log and ends, and such streams never starve the
 * server's other requests.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FinishedLogStreamTest {
    @TempDir
    Path workspace;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String stage;

    @BeforeEach
    void runAPipeline() throws Exception {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        Files.writeString(
                jenkinsfile,
                "pipeline { agent any; stages { stage('build') { steps { sh 'echo built-the-thing' } } } }\n");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"run", jenkinsfile.toString(), "--no-ui"}, quiet, quiet))
                .isZero();
        JsonNode view = new ObjectMapper()
                .readTree(workspace.resolve(".orchestra/runs/1/view.json").toFile());
        for (JsonNode s : view.path("stages")) {
            if (s.path("name").asText().equals("build")) {
                stage = s.path("id").asText();
            }
        }
        assertThat(stage).isNotNull();
    }

    @Test
    void sendsTheWholeLogThenEnds() throws Exception {
        try (DashboardServer ui = DashboardServer.start(new DashboardApi(workspace), 0)) {
            String text = readToEnd(events(ui), 5);
            assertThat(text).contains("event: log", "built-the-thing", "event: end");
            assertThat(text.indexOf("event: log")).isLessThan(text.indexOf("event: end"));
        }
    }

    @Test
    void manyStreamsOfFinishedStagesLeaveTheServerAnswering() throws Exception {
        try (DashboardServer ui = DashboardServer.start(new DashboardApi(workspace), 0)) {
            List<HttpResponse<InputStream>> open = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> log = http.sendAsync(
                                HttpRequest.newBuilder(URI.create(events(ui).replace("/events", "")))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .get(5, TimeUnit.SECONDS);
                assertThat(log.body()).contains("built-the-thing");
                open.add(http.sendAsync(
                                HttpRequest.newBuilder(URI.create(events(ui))).build(),
                                HttpResponse.BodyHandlers.ofInputStream())
                        .get(5, TimeUnit.SECONDS));
            }
            long start = System.nanoTime();
            HttpResponse<String> runs = http.sendAsync(
                            HttpRequest.newBuilder(URI.create(ui.url() + "api/runs"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .get(2, TimeUnit.SECONDS);
            assertThat(runs.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            for (HttpResponse<InputStream> r : open) {
                r.body().close();
            }
        }
    }

    @Test
    void aClientThatFollowedARunToItsEndIsStillAnswered() throws Exception {
        try (DashboardServer ui = DashboardServer.start(new DashboardApi(workspace), 0)) {
            for (int i = 0; i < 3; i++) {
                assertThat(readToEnd(ui.url() + "api/runs/1/events?since=0", 5)).contains("event: end");
                HttpResponse<String> run = http.sendAsync(
                                HttpRequest.newBuilder(URI.create(ui.url() + "api/runs/1"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .get(2, TimeUnit.SECONDS);
                assertThat(run.statusCode()).isEqualTo(200);
            }
        }
    }

    private String events(DashboardServer ui) {
        return ui.url() + "api/runs/1/stages/" + stage + "/log/events?offset=0";
    }

    private String readToEnd(String url, int seconds) throws Exception {
        HttpResponse<InputStream> r = http.sendAsync(
                        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(seconds, TimeUnit.SECONDS);
        StringBuilder text = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }
}
