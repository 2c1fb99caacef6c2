package io.jenkins.plugins.orchestra.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.notify.ChannelKinds;
import io.jenkins.plugins.orchestra.notify.FakeService;
import io.jenkins.plugins.orchestra.notify.FakeService.Reply;
import io.jenkins.plugins.orchestra.notify.Notifier;
import io.jenkins.plugins.orchestra.notify.NotifyException;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyResult;
import io.jenkins.plugins.orchestra.notify.NotifyResult.Status;
import io.jenkins.plugins.orchestra.notify.NotifyState;
import io.jenkins.plugins.orchestra.notify.Outcome;
import io.jenkins.plugins.orchestra.notify.RecordingSleeper;
import io.jenkins.plugins.orchestra.notify.RunContext;
import io.jenkins.plugins.orchestra.notify.TestRuns;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Any webhook: a local receiver that checks the body, the headers and the signature as a real one would. */
@Timeout(30)
class WebhookChannelTest {
    private static final String SIGNING = "whsec-planted-signing-key";

    @TempDir
    Path dir;

    private FakeService receiver;
    private RecordingStepHost host;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void start() {
        receiver = FakeService.start();
        host = new RecordingStepHost(dir)
                .credential(new StringCredential("hook-signing", Secret.of(SIGNING)))
                .credential(new StringCredential("api-token", Secret.of("tok-planted-bearer")))
                .credential(new UsernamePasswordCredential("basic", "ci", Secret.of("pw-planted-basic")));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Map<String, Object> channel(Object... more) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("kind", "webhook");
        settings.put("url", receiver.url("/deploys").toString());
        for (int i = 0; i < more.length; i += 2) {
            settings.put((String) more[i], more[i + 1]);
        }
        return settings;
    }

    private NotifyResult notify(Map<String, Object> channel, RunContext run, Map<String, Object> settings)
            throws InterruptedException {
        host.channel("deploys", channel);
        return new Notifier(ChannelKinds.installed(), sleeper, RandomGenerator.of("L64X128MixRandom"))
                .notify(
                        new NotifyRequest(List.of(ChannelRef.named("deploys")), settings, "post:line 9"),
                        run,
                        host,
                        NotifyState.in(dir));
    }

    private static String hmac(String key, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsTheMessageAndItsRunAsOneJsonDocument() throws Exception {
        notify(
                channel("headers", Map.of("X-Team", "shop")),
                TestRuns.failed(Optional.of(Outcome.SUCCESS), List.of("boom")),
                Map.of());

        FakeService.Request request = receiver.requests("/deploys").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.header("X-Team")).isEqualTo("shop");
        assertThat(request.header("X-Orchestra-Event")).isEqualTo("post:line 9");
        assertThat(request.header("X-Orchestra-Delivery")).matches("[0-9a-f]{32}");
        JsonNode json = request.json();
        assertThat(json.path("event").asText()).isEqualTo("post:line 9");
        assertThat(json.path("delivery").asText()).isEqualTo(request.header("X-Orchestra-Delivery"));
        assertThat(json.path("title").asText()).isEqualTo("❌ shop #7 failed in stage Test");
        assertThat(json.path("status").asText()).isEqualTo("FAILURE");
        assertThat(json.path("previousStatus").asText()).isEqualTo("SUCCESS");
        assertThat(json.path("run").toString())
                .isEqualTo(
                        "{\"job\":\"shop\",\"number\":7,\"id\":\"shop#7\",\"url\":\"https://ci.example.com/job/shop/7/\","
                                + "\"user\":\"ada\"}");
        assertThat(json.path("durationMillis").asLong()).isEqualTo(75_000);
        assertThat(json.path("failingStage").path("name").asText()).isEqualTo("Test");
        assertThat(json.path("failingStage").path("log").asText()).isEqualTo("boom");
        assertThat(json.path("stages")).hasSize(3);
        assertThat(json.path("stages").get(2).path("status").asText()).isEqualTo("SKIPPED");
        assertThat(json.path("message").asText()).contains("Stage Test failed: script returned exit code 1");
    }

    @Test
    void aBodyTemplateEscapesValuesAsJsonStrings() throws Exception {
        notify(
                channel("body", "{\"text\": \"{{title}}\", \"error\": \"{{failingStage.error}}\", \"n\": {{number}}}"),
                TestRuns.failed(Optional.empty(), List.of(), "expected \"1\"\nbut was \\2"),
                Map.of());

        assertThat(receiver.requests("/deploys").get(0).body())
                .isEqualTo("{\"text\": \"❌ shop #7 failed in stage Test\", \"error\": \"expected \\\"1\\\"\\nbut was"
                        + " \\\\2\", \"n\": 7}");
    }

    @Test
    void aBodyTemplateThatDoesNotRenderToJsonFailsTheCall() {
        assertThatThrownBy(() -> notify(channel("body", "{\"text\": {{title}}}"), TestRuns.succeeded(), Map.of()))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("channel 'deploys' (webhook): body did not render to JSON: ");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void signsTheBodyWithHmacSha256SoTheReceiverCanCheckIt() throws Exception {
        receiver.otherwise("/deploys", r -> {
            try {
                String expected = "sha256=" + hmac(SIGNING, r.body());
                return expected.equals(r.header("X-Hub-Signature-256")) ? Reply.of(204, "") : Reply.of(401, "bad sig");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        NotifyResult result = notify(
                channel("secretCredentialsId", "hook-signing", "signatureHeader", "X-Hub-Signature-256"),
                TestRuns.succeeded(),
                Map.of());

        assertThat(result.channels().get(0).detail()).isEqualTo("HTTP 204");
        assertThat(receiver.requests("/deploys").get(0).body()).doesNotContain(SIGNING);
    }

    @Test
    void authorizesWithABearerTokenOrBasicCredentials() throws Exception {
        notify(channel("authCredentialsId", "api-token"), TestRuns.succeeded(), Map.of());
        notify(channel("authCredentialsId", "basic", "method", "PUT"), TestRuns.succeeded(), Map.of("when", "always"));

        List<FakeService.Request> requests = receiver.requests("/deploys");
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer tok-planted-bearer");
        // the second call has the same event: the dedup key makes it a duplicate, so it is not sent
        assertThat(requests).hasSize(1);
        NotifyResult put = new Notifier(ChannelKinds.installed(), sleeper, RandomGenerator.of("L64X128MixRandom"))
                .notify(
                        new NotifyRequest(List.of(ChannelRef.named("deploys")), Map.of(), "another"),
                        TestRuns.succeeded(),
                        host,
                        NotifyState.in(dir));
        assertThat(put.channels().get(0).status()).isEqualTo(Status.SENT);
        FakeService.Request second = receiver.requests("/deploys").get(1);
        assertThat(second.method()).isEqualTo("PUT");
        assertThat(second.header("Authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("ci:pw-planted-basic".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyAttemptAtOneMessageCarriesTheSameDeliveryId() throws Exception {
        receiver.then("/deploys", Reply.of(503, "busy"), Reply.of(408, ""));

        NotifyResult result = notify(channel(), TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).attempts()).isEqualTo(3);
        assertThat(receiver.requests("/deploys"))
                .extracting(r -> r.header("X-Orchestra-Delivery"))
                .containsOnly(receiver.requests("/deploys").get(0).header("X-Orchestra-Delivery"));
    }

    @Test
    void aPlantedSecretReachesNeitherTheReceiverNorTheLog() throws Exception {
        String planted = "hunter2-planted-secret";
        host.addSecret(Secret.of(planted));
        receiver.then("/deploys", Reply.of(500, "no " + planted));

        notify(
                channel("secretCredentialsId", "hook-signing", "authCredentialsId", "basic"),
                TestRuns.failed(Optional.empty(), List.of("echo " + planted), "exit " + planted),
                Map.of("message", "pw {{failingStage.error}} " + planted));

        assertThat(receiver.requests("/deploys")).hasSize(2).allSatisfy(r -> assertThat(r.body())
                .doesNotContain(planted)
                .doesNotContain(SIGNING)
                .doesNotContain("pw-planted-basic")
                .contains("pw exit **** ****"));
        assertThat(host.log()).doesNotContain(planted).doesNotContain(SIGNING);
    }

    @Test
    void aSecretInTheEventReachesNeitherHeadersNorBodyNorTheStateFile() throws Exception {
        String planted = "event-planted-secret";
        host.addSecret(Secret.of(planted));
        host.channel("deploys", channel());

        new Notifier(ChannelKinds.installed(), sleeper, RandomGenerator.of("L64X128MixRandom"))
                .notify(
                        new NotifyRequest(List.of(ChannelRef.named("deploys")), Map.of(), "deploy " + planted),
                        TestRuns.succeeded(),
                        host,
                        NotifyState.in(dir));

        assertThat(receiver.requests("/deploys")).singleElement().satisfies(r -> {
            assertThat(r.header("X-Orchestra-Event")).isEqualTo("deploy ****");
            assertThat(r.body()).doesNotContain(planted);
        });
        assertThat(java.nio.file.Files.readString(dir.resolve(NotifyState.FILE_NAME)))
                .doesNotContain(planted);
    }
}
