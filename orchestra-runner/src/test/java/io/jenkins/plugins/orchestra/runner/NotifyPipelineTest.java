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
    void aSlackBotKeepsOneThreadForTheRunAlsoWhenItIsResumed() throws Exception {
        java.util.concurrent.atomic.AtomicInteger ts = new java.util.concurrent.atomic.AtomicInteger(1);
        webhook.answer(r -> r.path().endsWith("chat.update")
                ? "{\"ok\":true,\"channel\":\"C42\",\"ts\":\"1700000000.000001\"}"
                : "{\"ok\":true,\"channel\":\"C42\",\"ts\":\"1700000000.00000" + ts.getAndIncrement() + "\"}");
        Files.writeString(
                credentials,
                """
                {"credentials": {"slack-bot": {"type": "string", "secret": "xoxb-planted-bot-token"}}}
                """);
        channels("    kind: slack\n    credentialsId: slack-bot\n    channel: '#deploys'\n    apiUrl: "
                + webhook.url("/api/") + "\n");
        Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                pipeline {
                    agent any
                    stages {
                        stage('Build') { steps { notify channel: 'hooks', message: 'building' } }
                        stage('Deploy') {
                            steps {
                                notify channel: 'hooks', message: 'deploying'
                                sh 'cp .orchestra/runs/1/notify-state.json state-when-it-died.json'
                                sh 'exit 1'
                            }
                        }
                    }
                    post { failure { notify channel: 'hooks' } }
                }
                """);
        assertThat(run()).isEqualTo(1);
        // make run 1 look as if it died after its second message, before the journal had it
        Path run1 = project.resolve(".orchestra/runs/1");
        List<String> journal = Files.readAllLines(run1.resolve("steps.jsonl"));
        Files.write(run1.resolve("steps.jsonl"), journal.subList(0, 1));
        Files.delete(run1.resolve("summary.json"));
        Files.copy(
                project.resolve("state-when-it-died.json"),
                run1.resolve("notify-state.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int before = webhook.received().size();

        assertThat(orchestra("resume", "1", "--workspace", project.toString(), "--credentials", credentials.toString()))
                .isEqualTo(1);

        List<LocalWebhook.Received> posts = webhook.received().stream()
                .filter(r -> r.path().equals("/api/chat.postMessage"))
                .toList();
        assertThat(posts.get(0).json().has("thread_ts")).isFalse();
        assertThat(posts.get(0).json().path("channel").asText()).isEqualTo("#deploys");
        assertThat(posts.subList(1, posts.size())).allSatisfy(p -> {
            assertThat(p.json().path("thread_ts").asText()).isEqualTo("1700000000.000001");
            assertThat(p.json().path("channel").asText()).isEqualTo("C42");
        });
        // resumed: 'deploying' was not sent again; the failure went to the run's thread and its headline changed
        List<LocalWebhook.Received> resumed =
                webhook.received().subList(before, webhook.received().size());
        assertThat(resumed)
                .extracting(LocalWebhook.Received::path)
                .containsExactly("/api/chat.postMessage", "/api/chat.update");
        assertThat(resumed.get(0).json().path("text").asText())
                .startsWith("*❌ " + project.getFileName() + " #1 failed");
        assertThat(resumed.get(1).json().path("text").asText())
                .isEqualTo("*❌ " + project.getFileName() + " #1 failed in stage Deploy*\nbuilding");
        assertThat(printed())
                .contains("notify: 'hooks' already has this message (sent earlier in run ")
                .doesNotContain("xoxb-planted-bot-token");
    }

    @Test
    void inAStagesOwnPostSectionTheStageIsTheFailingOne() throws Exception {
        Files.writeString(
                project.resolve("Jenkinsfile"),
                """
                pipeline {
                    agent any
                    stages {
                        stage('Migrate') {
                            steps { sh 'echo "ALTER TABLE failed"; exit 3' }
                            post { failure { notify channel: 'hooks' } }
                        }
                    }
                }
                """);

        assertThat(run()).isEqualTo(1);

        JsonNode sent = webhook.received().get(0).json();
        assertThat(sent.path("title").asText()).isEqualTo("❌ " + project.getFileName() + " #1 failed in stage Migrate");
        assertThat(sent.path("failingStage").path("log").asText()).endsWith("ALTER TABLE failed\n+ exit 3");
    }

    @Test
    void aTypoInTheCallFailsItWithItsLine() throws Exception {
        Files.writeString(project.resolve("Jenkinsfile"), "node {\n  notify channel: 'hooks', wehn: 'failure'\n}\n");

        assertThat(run()).isEqualTo(1);

        assertThat(printed())
                .contains(
                        "ERROR: notify: channel 'hooks' (webhook): unknown setting 'wehn' (did you mean 'when'?) @ line 2");
    }

    @Test
    void aChannelThatIsNotTextFailsTheCallNamingChannel() throws Exception {
        Files.writeString(project.resolve("Jenkinsfile"), "node {\n  notify channel: ['hooks', 42]\n}\n");

        assertThat(run()).isEqualTo(1);

        assertThat(printed())
                .contains("ERROR: notify: channel must be a channel's name, a list of names, or its settings [kind: …],"
                        + " was Integer @ line 2");
        assertThat(webhook.received()).isEmpty();
    }
}
