package io.jenkins.plugins.orchestra.notify.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.jenkins.plugins.orchestra.notify.RecordingSleeper;
import io.jenkins.plugins.orchestra.notify.RunContext;
import io.jenkins.plugins.orchestra.notify.TestRuns;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A Mattermost incoming webhook, played by a local server that answers as Mattermost does. */
@Timeout(30)
class MattermostChannelTest {
    private static final String HOOK = "/hooks/planted0hook0key0xyz";

    @TempDir
    Path dir;

    private FakeService mattermost;
    private RecordingStepHost host;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void start() {
        mattermost = FakeService.start();
        host = new RecordingStepHost(dir)
                .credential(new StringCredential(
                        "mm-hook", Secret.of(mattermost.url(HOOK).toString())))
                .channel(
                        "town",
                        Map.of(
                                "kind", "mattermost",
                                "credentialsId", "mm-hook",
                                "channel", "town-square",
                                "username", "orchestra",
                                "iconUrl", "https://ci.example.com/icon.png"));
    }

    @AfterEach
    void stop() {
        mattermost.close();
    }

    private NotifyResult notify(RunContext run, Map<String, Object> settings) throws InterruptedException {
        return notify(run, settings, "e");
    }

    private NotifyResult notify(RunContext run, Map<String, Object> settings, String event)
            throws InterruptedException {
        return new Notifier(ChannelKinds.installed(), sleeper, RandomGenerator.of("L64X128MixRandom"))
                .notify(
                        new NotifyRequest(List.of(ChannelRef.named("town")), settings, event),
                        run,
                        host,
                        NotifyState.in(dir));
    }

    @Test
    void postsMarkdownWithTheTitleAsAHeadingAndTheOverridesTheWebhookAllows() throws Exception {
        NotifyResult result = notify(TestRuns.failed(Optional.empty(), List.of("boom")), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        FakeService.Request request = mattermost.requests(HOOK).get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.json().path("channel").asText()).isEqualTo("town-square");
        assertThat(request.json().path("username").asText()).isEqualTo("orchestra");
        assertThat(request.json().path("icon_url").asText()).isEqualTo("https://ci.example.com/icon.png");
        assertThat(request.json().path("text").asText())
                .isEqualTo(
                        """
                        #### ❌ shop #7 failed in stage Test
                        **Duration:** 1m15s · [Open run](https://ci.example.com/job/shop/7/)

                        Stage **Test** failed: script returned exit code 1
                        ```
                        boom
                        ```

                        | Stage | Result | Duration |
                        |:--|:--|--:|
                        | Build | ✅ SUCCESS | 20.0s |
                        | Test | ❌ FAILURE | 55.0s |
                        | Deploy | ⏭️ SKIPPED | 0ms |""");
    }

    @Test
    void aRefusalIsReportedInMattermostsWords() throws Exception {
        mattermost.then(
                HOOK,
                Reply.json(
                        400,
                        "{\"id\":\"web.incoming_webhook.text.app_error\",\"message\":\"No text specified.\","
                                + "\"detailed_error\":\"\",\"request_id\":\"k3x\",\"status_code\":400}"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).detail())
                .startsWith("HTTP 400: {\"id\":\"web.incoming_webhook.text.app_error\"");
        assertThat(mattermost.requests(HOOK)).hasSize(1);
    }

    @Test
    void aRateLimitIsHonoured() throws Exception {
        mattermost.then(
                HOOK,
                Reply.of(429, "limit exceeded")
                        .withHeader("X-Ratelimit-Limit", "10")
                        .withHeader("X-Ratelimit-Remaining", "0")
                        .withHeader("X-Ratelimit-Reset", "2")
                        .withHeader("Retry-After", "2"));

        assertThat(notify(TestRuns.succeeded(), Map.of()).channels().get(0).status())
                .isEqualTo(Status.SENT);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aPlantedSecretReachesNeitherMattermostNorTheLog() throws Exception {
        String planted = "hunter2-planted-secret";
        host.addSecret(Secret.of(planted));

        notify(TestRuns.failed(Optional.empty(), List.of("echo " + planted), planted), Map.of());
        notify(TestRuns.succeeded(), Map.of("message", "hello " + planted), "hello");

        assertThat(mattermost.requests(HOOK)).hasSize(2).allSatisfy(r -> assertThat(r.body())
                .doesNotContain(planted));
        assertThat(host.log()).doesNotContain(planted).doesNotContain("planted0hook0key0xyz");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsRetried() throws Exception {
        mattermost.then(HOOK, Reply.of(200, "ok").after(Duration.ofSeconds(20)));
        long start = System.nanoTime();

        NotifyResult result = notify(TestRuns.succeeded(), Map.of("timeout", "500ms"));

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(host.log()).contains("attempt 1 failed: no answer within 500ms; retrying in");
    }

    @Test
    void aServerThatHangsHalfwayThroughItsAnswerIsATimeoutToo() throws Exception {
        mattermost.then(HOOK, Reply.of(200, "ok").stallingMidBody(Duration.ofSeconds(20)));
        long start = System.nanoTime();

        NotifyResult result = notify(TestRuns.succeeded(), Map.of("timeout", "500ms"));

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(host.log()).contains("attempt 1 failed: no answer within 500ms; retrying in");
    }

    @Test
    void aServerErrorIsRetriedAndTheNextAttemptGetsThrough() throws Exception {
        mattermost.then(HOOK, Reply.of(500, "{\"id\":\"api.context.500\",\"status_code\":500}"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(mattermost.requests(HOOK)).hasSize(2);
        assertThat(host.log()).contains("attempt 1 failed: HTTP 500: {\"id\":\"api.context.500\",\"status_code\":500}");
        assertThat(sleeper.waits()).hasSize(1);
    }
}
