package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code notify} in Jenkinsfiles run by {@code orchestra run}, to a webhook receiver on 127.0.0.1. */
@Timeout(120)
class NotifyPipelineTest {
    private static final String PIPELINE =
            """
            pipeline {
                agent any
                parameters { string(name: 'BREAK', defaultValue: 'false') }
                stages {
                    stage('Build') { steps { echo 'building' } }
                    stage('Test') {
                        steps {
                            withCredentials([string(credentialsId: 'db-password', variable: 'DB')]) {
                                sh 'echo "connecting with $DB"; if [ "$BREAK" = true ]; then echo "CartTest FAILED"; exit 1; fi'
                            }
                        }
                    }
                }
                post {
                    success { notify channel: 'hooks', message: 'Deployed ${version}', version: '1.0.' + env.BUILD_NUMBER }
                    failure { notify channel: 'hooks' }
                    always { notify channel: 'hooks', when: ['fixed', 'still-failing'], title: '{{status}} after {{previousStatus}}' }
                }
            }
            """;

    @TempDir
    Path project;

    private LocalWebhook webhook;
    private Path credentials;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        webhook = new LocalWebhook();
        credentials = project.resolve("credentials.json");
        Files.writeString(
                credentials,
                """
                {"credentials": {
                  "db-password": {"type": "string", "secret": "s3cret-db-pa55"},
                  "hook-url": {"type": "string", "secret": "%s"}
                }}
                """
                        .formatted(webhook.url("/hooks/T0/planted-path")));
        Files.setPosixFilePermissions(
                credentials, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(project.resolve("Jenkinsfile"), PIPELINE);
        channels("    kind: webhook\n    credentialsId: hook-url\n");
    }

    @AfterEach
    void stop() {
        webhook.close();
    }

    private void channels(String hooks) throws Exception {
        Files.writeString(project.resolve("orchestra.yaml"), "channels:\n  hooks:\n" + hooks);
    }

    private int orchestra(String... args) {
        out.reset();
        return Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private int run(String... params) {
        Stream<String> args =
                Stream.of("run", project.resolve("Jenkinsfile").toString(), "--credentials", credentials.toString());
        for (String p : params) {
            args = Stream.concat(args, Stream.of("--param", p));
        }
        return orchestra(args.toArray(String[]::new));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void notifiesOnSuccessThenOnFailureThenWhenFixed() {
        assertThat(run()).as(printed()).isZero();
        assertThat(run("BREAK=true")).as(printed()).isEqualTo(1);
        assertThat(run("BREAK=true")).isEqualTo(1);
        assertThat(run()).isZero();

        List<LocalWebhook.Received> got = webhook.received();
        assertThat(got)
                .extracting(r -> r.json().path("title").asText())
                .containsExactly(
                        "✅ " + project.getFileName() + " #1 succeeded",
                        "❌ " + project.getFileName() + " #2 failed in stage Test",
                        "FAILURE after FAILURE",
                        "❌ " + project.getFileName() + " #3 is still failing in stage Test",
                        "SUCCESS after FAILURE",
                        "✅ " + project.getFileName() + " #4 is fixed");
        assertThat(got.get(0).path()).isEqualTo("/hooks/T0/planted-path");
        assertThat(got.get(0).json().path("message").asText()).isEqualTo("Deployed 1.0.1");
        JsonNode failure = got.get(1).json();
        assertThat(failure.path("previousStatus").asText()).isEqualTo("SUCCESS");
        assertThat(failure.path("failingStage").path("name").asText()).isEqualTo("Test");
        assertThat(failure.path("failingStage").path("error").asText()).isEqualTo("script returned exit code 1");
        assertThat(failure.path("failingStage").path("log").asText())
                .isEqualTo(
                        "Masking supported pattern matches of $DB\n+ echo connecting with ****\nconnecting with ****\n+ [ true = true ]\n+ echo CartTest FAILED\n"
                                + "CartTest FAILED\n+ exit 1");
        assertThat(failure.path("stages").findValuesAsText("name")).containsExactly("Build", "Test");
        assertThat(got).allSatisfy(r -> assertThat(r.body()).doesNotContain("s3cret-db-pa55"));
        assertThat(printed())
                .contains("notify: sent to 'hooks' (webhook): ✅ " + project.getFileName() + " #4 is fixed [HTTP 200]")
                .doesNotContain("planted-path");
    }

    @Test
    void aFailedSendIsAWarningThatLeavesTheResultAlone() throws Exception {
        webhook.answer(500);
        channels("    kind: webhook\n    credentialsId: hook-url\n    retries: 1\n    backoff: 10ms\n");

        assertThat(run()).as(printed()).isZero();

        assertThat(webhook.received()).hasSize(2);
        assertThat(printed())
                .contains("WARNING: notify: could not send to 'hooks' (webhook) after 2 attempts: HTTP 500: failed;"
                        + " the build goes on (required: false)")
                .contains("Finished: SUCCESS");
    }

    @Test
    void aRequiredSendThatFailsFailsTheBuild() throws Exception {
        webhook.answer(404);
        channels("    kind: webhook\n    credentialsId: hook-url\n    required: true\n");

        assertThat(run()).isEqualTo(1);

        assertThat(printed())
                .contains("ERROR: notify: notify failed for required channel 'hooks': HTTP 404: failed @ line 15")
                .contains("Finished: FAILURE");
    }

    @Test
    void aResumedRunDoesNotSendWhatItSentBeforeItDied() throws Exception {
        Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                node {
                    stage('Deploy') {
                        notify channel: 'hooks', message: 'deploying'
                        sh 'echo deployed >> deployed.txt'
                    }
                }
                """);
        assertThat(run()).as(printed()).isZero();
        // make run 1 look as if it died after sending, before its journal recorded the notify call
        Path run1 = project.resolve(".orchestra/runs/1");
        Files.writeString(run1.resolve("steps.jsonl"), "");
        Files.delete(run1.resolve("summary.json"));

        assertThat(orchestra("resume", "1", "--workspace", project.toString(), "--credentials", credentials.toString()))
                .as(printed())
                .isZero();

        assertThat(webhook.received()).hasSize(1);
        assertThat(printed())
                .contains("notify: 'hooks' already has this message (sent earlier in run " + project.getFileName()
                        + "#1); not sending it again");
        assertThat(Files.readAllLines(project.resolve("deployed.txt"))).containsExactly("deployed", "deployed");
    }

    @Test
    void aTypoInTheCallFailsItWithItsLine() throws Exception {
        Files.writeString(project.resolve("Jenkinsfile"), "node {\n  notify channel: 'hooks', wehn: 'failure'\n}\n");

        assertThat(run()).isEqualTo(1);

        assertThat(printed())
                .contains(
                        "ERROR: notify: channel 'hooks' (webhook): unknown setting 'wehn' (did you mean 'when'?) @ line 2");
    }
}
