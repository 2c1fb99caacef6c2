package io.jenkins.plugins.orchestra.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.notify.FakeService.Reply;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyResult.Status;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The policy every channel shares, seen through a webhook channel and a real HTTP server. */
@Timeout(30)
class NotifierTest {
    @TempDir
    Path dir;

    private FakeService service;
    private RecordingStepHost host;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void start() {
        service = FakeService.start();
        host = new RecordingStepHost(dir).channel("ops", webhook("/hook"));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private Map<String, Object> webhook(String path) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("kind", "webhook");
        settings.put("url", service.url(path).toString());
        return settings;
    }

    private Notifier notifier() {
        return new Notifier(ChannelKinds.installed(), sleeper, RandomGenerator.of("L64X128MixRandom"));
    }

    private NotifyResult notify(RunContext run, Map<String, Object> settings, String event, String... channels)
            throws InterruptedException {
        List<ChannelRef> refs =
                List.of(channels).stream().map(ChannelRef::named).toList();
        return notifier()
                .notify(new NotifyRequest(refs, settings, event), run, host, NotifyState.in(dir.resolve("run")));
    }

    private NotifyResult notify(RunContext run, Map<String, Object> settings) throws InterruptedException {
        return notify(run, settings, "post:line 12", "ops");
    }

    @Test
    void sendsNothingWhenItsConditionDoesNotHold() throws Exception {
        NotifyResult result = notify(TestRuns.succeeded(), Map.of("when", "failure"));

        assertThat(result.channels())
                .singleElement()
                .extracting(r -> r.status())
                .isEqualTo(Status.SKIPPED);
        assertThat(service.requests()).isEmpty();
        assertThat(host.lines())
                .containsExactly("notify: not sending to 'ops': when failure does not hold (result SUCCESS)");
    }

    @Test
    void fixedAndStillFailingLookAtThePreviousRun() throws Exception {
        notify(TestRuns.succeeded(Optional.of(Outcome.FAILURE)), Map.of("when", "fixed"), "a", "ops");
        notify(TestRuns.succeeded(Optional.of(Outcome.SUCCESS)), Map.of("when", "fixed"), "b", "ops");
        notify(TestRuns.failed(Optional.of(Outcome.FAILURE), List.of()), Map.of("when", "still-failing"), "c", "ops");
        notify(TestRuns.failed(Optional.empty(), List.of()), Map.of("when", "still-failing"), "d", "ops");

        assertThat(service.requests("/hook"))
                .extracting(r -> r.json().path("title").asText())
                .containsExactly("✅ shop #7 is fixed", "❌ shop #7 is still failing in stage Test");
    }

    @Test
    void neverSendsTheSameMessageTwiceForOneRunChannelAndEvent() throws Exception {
        NotifyResult first = notify(TestRuns.succeeded(), Map.of());
        NotifyResult again = notify(TestRuns.succeeded(), Map.of());
        NotifyResult other = notify(TestRuns.succeeded(), Map.of(), "another event", "ops");

        assertThat(first.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(again.channels().get(0).status()).isEqualTo(Status.DUPLICATE);
        assertThat(other.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(service.requests("/hook")).hasSize(2);
        assertThat(host.log())
                .contains("notify: 'ops' already has this message (sent earlier in run shop#7); not sending it again");
        assertThat(dir.resolve("run").resolve(NotifyState.FILE_NAME))
                .content()
                .contains("\"shop#7 ops post:line 12\"", "\"shop#7 ops another event\"");
    }

    @Test
    void retriesServerErrorsWithExponentialBackoffAndJitter() throws Exception {
        service.then("/hook", Reply.of(500, "boom"), Reply.of(502, ""), Reply.of(503, ""), Reply.of(200, "ok"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of("backoff", "1s"));

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(4);
        List<Duration> waits = sleeper.waits();
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(waits.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(host.lines())
                .contains("notify: 'ops' (webhook) attempt 1 failed: HTTP 500: boom; retrying in "
                        + io.jenkins.plugins.orchestra.internal.Durations.format(waits.get(0)));
    }

    @Test
    void honoursRetryAfterOnA429InSecondsOrAsADate() throws Exception {
        host.clock(InstantSource.fixed(Instant.parse("2026-11-23T10:00:00Z")));
        service.then(
                "/hook",
                Reply.of(429, "slow down").withHeader("Retry-After", "7"),
                Reply.of(429, "").withHeader("Retry-After", "Mon, 23 Nov 2026 10:00:30 GMT"),
                Reply.of(200, "ok"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(30));
    }

    @Test
    void givesUpWhenTheServiceAsksToWaitTooLong() throws Exception {
        service.then("/hook", Reply.of(429, "").withHeader("Retry-After", "3600"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).detail())
                .isEqualTo("HTTP 429 (Retry-After 1h00m); the service asks to wait longer than 2m00s");
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void retriesAnAttemptThatTimesOut() throws Exception {
        service.then("/hook", Reply.of(200, "late").after(Duration.ofSeconds(3)));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of("timeout", "300ms"));

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(host.log()).contains("attempt 1 failed: no answer within 300ms; retrying in");
    }

    @Test
    void aFailedSendIsAWarningAndTheCallGoesOnUnlessRequired() throws Exception {
        service.then("/hook", Reply.of(404, "no_service"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.ok()).isFalse();
        assertThat(result.channels().get(0).attempts()).isEqualTo(1); // a 404 is not worth a retry
        assertThat(host.lines())
                .containsExactly("WARNING: notify: could not send to 'ops' (webhook) after 1 attempt: HTTP 404:"
                        + " no_service; the build goes on (required: false)");
    }

    @Test
    void aRequiredChannelThatFailsFailsTheCallAfterEveryChannelWasTried() throws Exception {
        host.channel("audit", webhook("/audit"));
        service.then("/hook", Reply.of(500, ""), Reply.of(500, ""));

        assertThatThrownBy(
                        () -> notify(TestRuns.succeeded(), Map.of("required", true, "retries", 1), "e", "ops", "audit"))
                .isInstanceOf(NotifyException.class)
                .hasMessage("notify failed for required channel 'ops': HTTP 500");
        assertThat(service.requests("/audit")).hasSize(1);
        assertThat(service.requests("/hook")).hasSize(2);
    }

    @Test
    void aChannelThatIsNotConfiguredIsAFailedSendSuggestingTheClosestName() throws Exception {
        NotifyResult result = notify(TestRuns.succeeded(), Map.of(), "e", "opps");

        assertThat(result.channels().get(0).detail())
                .isEqualTo("no channel 'opps' is configured (did you mean 'ops'?)");
        assertThat(host.log()).startsWith("WARNING: notify: could not send to 'opps': no channel 'opps' is configured");
    }

    @Test
    void missingCredentialsAreAFailedSendNotACrash() throws Exception {
        host.channel("chat", Map.of("kind", "slack", "credentialsId", "slack-token", "channel", "#ops"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of(), "e", "chat");

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).detail())
                .isEqualTo("Could not find credentials entry with ID 'slack-token'");
    }

    @Test
    void refusesAnUnknownSettingOrKindWhateverRequiredSays() {
        host.channel("typo", Map.of("kind", "webhok", "url", "http://127.0.0.1:1/"));

        assertThatThrownBy(() -> notify(TestRuns.succeeded(), Map.of("retires", 2)))
                .isInstanceOf(NotifyException.class)
                .hasMessage("channel 'ops' (webhook): unknown setting 'retires' (did you mean 'retries'?)");
        assertThatThrownBy(() -> notify(TestRuns.succeeded(), Map.of(), "e", "typo"))
                .hasMessage("channel 'typo': unknown kind 'webhok' (did you mean 'webhook'?)");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void aTemplateMistakeFailsTheCallBeforeAnythingIsSent() {
        assertThatThrownBy(() -> notify(TestRuns.succeeded(), Map.of("message", "Deployed {{verison}}")))
                .isInstanceOf(NotifyException.class)
                .hasMessage("message: no variable 'verison' on line 1 (did you mean 'version'?)");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void aDryRunRendersTheMessageButSendsNothing() throws Exception {
        host.dryRun(true);

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.DRY_RUN);
        assertThat(host.lines())
                .containsExactly("notify: dry run, not sending to 'ops' (webhook): ✅ shop #7 succeeded");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void aChannelGivenInlineNeedsNoConfiguration() throws Exception {
        Map<String, Object> inline = webhook("/inline");
        inline.put("name", "adhoc");
        NotifyResult result = notifier()
                .notify(
                        new NotifyRequest(List.of(ChannelRef.inline(inline)), Map.of("message", "hi {{user}}"), "e"),
                        TestRuns.succeeded(),
                        host,
                        NotifyState.inMemory());

        assertThat(result.channels().get(0).channel()).isEqualTo("adhoc");
        assertThat(service.requests("/inline").get(0).json().path("message").asText())
                .isEqualTo("hi ada");
    }

    @Test
    void aUrlThatIsNotOneIsRefusedWithoutShowingIt() {
        host.credential(
                new StringCredential("bad-url", io.jenkins.plugins.orchestra.host.Secret.of("ftp://secret-host/x")));
        host.channel("bad", Map.of("kind", "webhook", "credentialsId", "bad-url"));

        assertThatThrownBy(() -> notify(TestRuns.succeeded(), Map.of(), "e", "bad"))
                .isInstanceOf(NotifyException.class)
                .hasMessage("channel 'bad' (webhook): the URL in credentials 'bad-url' must be an http or https URL");
    }

    @Test
    void theWebhookUrlAndCredentialsNeverShowInWhatTheUserReads() throws Exception {
        host.credential(new StringCredential(
                "hook-url",
                io.jenkins.plugins.orchestra.host.Secret.of(
                        service.url("/secret-hook-T0123/B0456/xyzzy").toString())));
        host.channel("hidden", Map.of("kind", "webhook", "credentialsId", "hook-url"));
        service.then(
                "/secret-hook-T0123/B0456/xyzzy",
                Reply.of(500, "echoing " + service.url("/secret-hook-T0123/B0456/xyzzy")));

        notify(TestRuns.succeeded(), Map.of("retries", 0), "e", "hidden");

        assertThat(host.log()).contains("HTTP 500: echoing ****").doesNotContain("xyzzy");
    }
}
