package io.jenkins.plugins.orchestra.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.notify.ChannelKinds;
import io.jenkins.plugins.orchestra.notify.FakeService;
import io.jenkins.plugins.orchestra.notify.FakeService.Reply;
import io.jenkins.plugins.orchestra.notify.Notifier;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyResult;
import io.jenkins.plugins.orchestra.notify.NotifyResult.Status;
import io.jenkins.plugins.orchestra.notify.NotifyState;
import io.jenkins.plugins.orchestra.notify.Outcome;
import io.jenkins.plugins.orchestra.notify.RunContext;
import io.jenkins.plugins.orchestra.notify.TestRuns;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Slack's incoming webhooks and Web API, played by a local server that answers as Slack documents it. */
@Timeout(30)
class SlackChannelTest {
    private static final String TOKEN = "xoxb-1234-5678-planted0token";
    private static final String HOOK = "/services/T0001/B0002/planted0hook0path";

    @TempDir
    Path dir;

    private FakeService slack;
    private RecordingStepHost host;
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger ts = new AtomicInteger(100);

    @BeforeEach
    void start() {
        slack = FakeService.start();
        slack.otherwise("/api/chat.postMessage", this::posted);
        slack.otherwise(
                "/api/chat.update",
                r -> Reply.json(
                        200,
                        "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\""
                                + r.json().path("ts").asText() + "\",\"text\":"
                                + r.json().path("text") + "}"));
        host = new RecordingStepHost(dir)
                .credential(new StringCredential("slack-bot", Secret.of(TOKEN)))
                .credential(new StringCredential(
                        "slack-hook", Secret.of(slack.url(HOOK).toString())))
                .channel(
                        "releases",
                        Map.of(
                                "kind", "slack",
                                "credentialsId", "slack-bot",
                                "channel", "#releases",
                                "apiUrl", slack.url("/api/").toString()))
                .channel("hook", Map.of("kind", "slack", "credentialsId", "slack-hook"));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    /** chat.postMessage as Slack answers it: the channel's id and the new message's ts (text {@code ""} if no request). */
    private Reply posted(FakeService.Request r) {
        String stamp = "1732356000.000" + ts.getAndIncrement();
        return Reply.json(
                200,
                "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"" + stamp + "\",\"message\":{\"type\":\"message\","
                        + "\"subtype\":\"bot_message\",\"text\":"
                        + (r == null ? "\"\"" : r.json().path("text")) + ",\"ts\":\"" + stamp
                        + "\",\"bot_id\":\"B0123\"}}");
    }

    private NotifyResult notify(String channel, RunContext run, String event, Map<String, Object> settings)
            throws InterruptedException {
        return new Notifier(ChannelKinds.installed(), waits::add, RandomGenerator.of("L64X128MixRandom"))
                .notify(
                        new NotifyRequest(List.of(ChannelRef.named(channel)), settings, event),
                        run,
                        host,
                        NotifyState.in(dir.resolve("runs/7")));
    }

    @Test
    void anIncomingWebhookGetsTheMessageAsMrkdwnText() throws Exception {
        NotifyResult result = notify("hook", TestRuns.succeeded(), "e", Map.of("message", "Deployed {{version}}"));

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        FakeService.Request request = slack.requests(HOOK).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.body()).isEqualTo("{\"text\":\"*✅ shop #7 succeeded*\\nDeployed 1.4.2\"}");
    }

    @Test
    void anIncomingWebhookErrorIsReadAsSlackWordsIt() throws Exception {
        slack.then(HOOK, Reply.of(404, "no_service"));

        NotifyResult result = notify("hook", TestRuns.succeeded(), "e", Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).detail()).isEqualTo("HTTP 404: no_service");
        assertThat(slack.requests(HOOK)).hasSize(1);
    }

    @Test
    void aBotTokenKeepsOneThreadPerRunAndUpdatesItsHeadlineWithTheStatus() throws Exception {
        notify("releases", TestRuns.succeeded(), "build", Map.of("message", "Build {{version}} is ready"));
        notify("releases", TestRuns.succeeded(), "deploy", Map.of("message", "Deploying to {{target}}"));
        NotifyResult last = notify("releases", TestRuns.failed(Optional.empty(), List.of("boom")), "post", Map.of());

        List<FakeService.Request> posts = slack.requests("/api/chat.postMessage");
        assertThat(posts).hasSize(3);
        assertThat(posts).allSatisfy(p -> assertThat(p.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(posts.get(0).body())
                .isEqualTo("{\"channel\":\"#releases\",\"text\":\"*✅ shop #7 succeeded*\\nBuild 1.4.2 is ready\"}");
        assertThat(posts.get(1).body())
                .isEqualTo("{\"channel\":\"C0123456789\",\"text\":\"*✅ shop #7 succeeded*\\nDeploying to production\","
                        + "\"thread_ts\":\"1732356000.000100\"}");
        JsonNode failure = posts.get(2).json();
        assertThat(failure.path("thread_ts").asText()).isEqualTo("1732356000.000100");
        assertThat(failure.path("text").asText())
                .startsWith(
                        "*❌ shop #7 failed in stage Test*\nDuration 1m15s · <https://ci.example.com/job/shop/7/|Open run>")
                .contains("Stage *Test* failed: script returned exit code 1\n```\nboom\n```");
        // the headline changed with the status once, not at the reply that kept it
        List<FakeService.Request> updates = slack.requests("/api/chat.update");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).body())
                .isEqualTo("{\"channel\":\"C0123456789\",\"ts\":\"1732356000.000100\","
                        + "\"text\":\"*❌ shop #7 failed in stage Test*\\nBuild 1.4.2 is ready\"}");
        assertThat(last.channels().get(0).detail())
                .isEqualTo("reply 1732356000.000102 in thread 1732356000.000100, headline updated");
    }

    @Test
    void aResumedRunRepliesInTheSameThreadAndDoesNotRepeatWhatWasSent() throws Exception {
        notify("releases", TestRuns.succeeded(), "build", Map.of("message", "first"));

        // the runner died and the run resumed: new objects over the same run directory
        NotifyResult again = notify("releases", TestRuns.succeeded(), "build", Map.of("message", "first"));
        notify("releases", TestRuns.succeeded(), "deploy", Map.of("message", "second"));

        assertThat(again.channels().get(0).status()).isEqualTo(Status.DUPLICATE);
        List<FakeService.Request> posts = slack.requests("/api/chat.postMessage");
        assertThat(posts)
                .extracting(p -> p.json().path("text").asText())
                .containsExactly("*✅ shop #7 succeeded*\nfirst", "*✅ shop #7 succeeded*\nsecond");
        assertThat(posts.get(1).json().path("thread_ts").asText()).isEqualTo("1732356000.000100");
    }

    @Test
    void okFalseIsAFailureAndOnlyTheTransientErrorsAreRetried() throws Exception {
        slack.then(
                "/api/chat.postMessage",
                Reply.json(200, "{\"ok\":false,\"error\":\"internal_error\"}"),
                Reply.json(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));

        NotifyResult result = notify("releases", TestRuns.succeeded(), "e", Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(result.channels().get(0).detail()).isEqualTo("chat.postMessage failed: channel_not_found");
        assertThat(host.log())
                .contains("attempt 1 failed: chat.postMessage failed: internal_error; retrying in")
                .contains("WARNING: notify: could not send to 'releases' (slack) after 2 attempts:"
                        + " chat.postMessage failed: channel_not_found; the build goes on (required: false)");
    }

    @Test
    void aRateLimitWaitsAsLongAsSlackSays() throws Exception {
        slack.then(
                "/api/chat.postMessage",
                Reply.json(429, "{\"ok\":false,\"error\":\"ratelimited\"}").withHeader("Retry-After", "3"));

        NotifyResult result = notify("releases", TestRuns.succeeded(), "e", Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aHeadlineThatCannotBeUpdatedIsAWarningAndTheReplyStands() throws Exception {
        slack.then("/api/chat.update", Reply.json(200, "{\"ok\":false,\"error\":\"cant_update_message\"}"));
        notify("releases", TestRuns.succeeded(), "a", Map.of());

        NotifyResult result =
                notify("releases", TestRuns.failed(Optional.of(Outcome.SUCCESS), List.of()), "b", Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(slack.requests("/api/chat.postMessage")).hasSize(2);
        assertThat(host.log())
                .contains("WARNING: notify: 'releases' (slack): could not update the thread's headline:"
                        + " chat.update failed: cant_update_message");
    }

    @Test
    void aPlantedSecretReachesNeitherSlackNorTheLog() throws Exception {
        String planted = "hunter2-planted-secret";
        host.addSecret(Secret.of(planted)); // a credential the run used, say in withCredentials
        RunContext run = TestRuns.failed(
                Optional.empty(),
                List.of("curl -u deploy:" + planted + " https://repo"),
                "login " + planted + " refused");

        notify("releases", run, "a", Map.of());
        notify("releases", run, "b", Map.of("message", "token was " + planted));
        notify("hook", run, "c", Map.of());

        assertThat(slack.requests())
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.body()).doesNotContain(planted).doesNotContain(TOKEN));
        assertThat(slack.requests().get(0).body()).contains("curl -u deploy:****");
        assertThat(host.log()).doesNotContain(planted).doesNotContain(TOKEN).doesNotContain("planted0hook0path");
        assertThat(dir.resolve("runs/7").resolve(NotifyState.FILE_NAME))
                .content()
                .doesNotContain(planted)
                .doesNotContain(TOKEN);
    }

    @Test
    void aWebApiCallThatDoesNotAnswerInTimeIsRetried() throws Exception {
        slack.then("/api/chat.postMessage", posted(null).after(Duration.ofSeconds(20)));
        long start = System.nanoTime();

        NotifyResult result = notify("releases", TestRuns.succeeded(), "e", Map.of("timeout", "500ms"));

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(host.log()).contains("attempt 1 failed: no answer within 500ms; retrying in");
        assertThat(waits).hasSize(1);
    }

    @Test
    void anIncomingWebhookThatDoesNotAnswerInTimeIsAWarning() throws Exception {
        slack.then(
                HOOK,
                Reply.of(200, "ok").after(Duration.ofSeconds(20)),
                Reply.of(200, "ok").after(Duration.ofSeconds(20)));
        long start = System.nanoTime();

        NotifyResult result = notify("hook", TestRuns.succeeded(), "e", Map.of("timeout", "500ms", "retries", 1));

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(host.log())
                .contains("WARNING: notify: could not send to 'hook' (slack) after 2 attempts: no answer within 500ms;"
                        + " the build goes on (required: false)");
    }

    @Test
    void aServerErrorIsRetriedAndTheNextAttemptGetsThrough() throws Exception {
        slack.then(HOOK, Reply.of(500, "internal_error"));
        slack.then("/api/chat.postMessage", Reply.of(503, ""));

        NotifyResult hook = notify("hook", TestRuns.succeeded(), "e", Map.of());
        NotifyResult bot = notify("releases", TestRuns.succeeded(), "e", Map.of());

        assertThat(hook.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(hook.channels().get(0).attempts()).isEqualTo(2);
        assertThat(bot.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(bot.channels().get(0).attempts()).isEqualTo(2);
        assertThat(slack.requests(HOOK)).hasSize(2);
        assertThat(slack.requests("/api/chat.postMessage")).hasSize(2);
        assertThat(host.log())
                .contains("'hook' (slack) attempt 1 failed: HTTP 500: internal_error; retrying in")
                .contains("'releases' (slack) attempt 1 failed: HTTP 503; retrying in");
        assertThat(waits).hasSize(2);
    }
}
