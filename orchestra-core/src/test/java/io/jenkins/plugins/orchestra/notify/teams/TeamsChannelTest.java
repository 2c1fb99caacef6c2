package io.jenkins.plugins.orchestra.notify.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.orchestra.host.RunRef;
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
import io.jenkins.plugins.orchestra.notify.RunLogs;
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

/** A Teams Workflows webhook (and a retired Office 365 connector), played by a local server. */
@Timeout(30)
class TeamsChannelTest {
    private static final String FLOW = "/workflows/0a1b2c3d/triggers/manual/paths/invoke";
    private static final String SIG = "sig=planted0signature0value";

    @TempDir
    Path dir;

    private FakeService teams;
    private RecordingStepHost host;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void start() {
        teams = FakeService.start();
        teams.otherwise(FLOW, r -> Reply.of(202, ""));
        String url = teams.url(FLOW) + "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&" + SIG;
        host = new RecordingStepHost(dir)
                .credential(new StringCredential("teams-flow", Secret.of(url)))
                .channel("team", Map.of("kind", "teams", "credentialsId", "teams-flow"));
    }

    @AfterEach
    void stop() {
        teams.close();
    }

    private NotifyResult notify(RunContext run, Map<String, Object> settings) throws InterruptedException {
        return new Notifier(ChannelKinds.installed(), sleeper, RandomGenerator.of("L64X128MixRandom"))
                .notify(
                        new NotifyRequest(List.of(ChannelRef.named("team")), settings, "e"),
                        run,
                        host,
                        NotifyState.in(dir));
    }

    @Test
    void postsAnAdaptiveCardAsWorkflowsExpectsAndTakes202ForSuccess() throws Exception {
        NotifyResult result = notify(TestRuns.failed(Optional.empty(), List.of("CartTest FAILED")), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).detail()).isEqualTo("HTTP 202");
        FakeService.Request request = teams.requests(FLOW).get(0);
        assertThat(request.query()).contains("api-version=2016-06-01", SIG);
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode json = request.json();
        assertThat(json.path("type").asText()).isEqualTo("message");
        JsonNode attachment = json.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.has("contentUrl") && attachment.path("contentUrl").isNull())
                .isTrue();
        JsonNode card = attachment.path("content");
        assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        JsonNode body = card.path("body");
        assertThat(body.get(0).path("type").asText()).isEqualTo("TextBlock");
        assertThat(body.get(0).path("text").asText()).isEqualTo("❌ shop #7 failed in stage Test");
        assertThat(body.get(0).path("color").asText()).isEqualTo("Attention");
        assertThat(body.get(1).path("text").asText())
                .isEqualTo("Duration 1m15s\n\nStage **Test** failed: script returned exit code 1");
        assertThat(body.get(2).path("type").asText()).isEqualTo("FactSet");
        assertThat(body.get(2).path("facts").get(1).toString())
                .isEqualTo("{\"title\":\"Test\",\"value\":\"FAILURE · 55.0s\"}");
        assertThat(body.get(3).path("fontType").asText()).isEqualTo("Monospace");
        assertThat(body.get(3).path("text").asText()).isEqualTo("CartTest FAILED");
        assertThat(card.path("actions").get(0).toString())
                .isEqualTo(
                        "{\"type\":\"Action.OpenUrl\",\"title\":\"Open run\",\"url\":\"https://ci.example.com/job/shop/7/\"}");
    }

    @Test
    void aConnectorsPlain200IsSuccessToo() throws Exception {
        teams.then(FLOW, Reply.of(200, "1"));

        assertThat(notify(TestRuns.succeeded(), Map.of()).channels().get(0).detail())
                .isEqualTo("HTTP 200");
    }

    @Test
    void aConnectorThat200sWithARateLimitFailureIsRetried() throws Exception {
        teams.then(
                FLOW,
                Reply.of(
                        200,
                        "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429"
                                + " with ContextId tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef.0"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(host.log())
                .contains("attempt 1 failed: the connector answered HTTP 200: Webhook message delivery"
                        + " failed with error: Microsoft Teams endpoint returned HTTP error 429");
    }

    @Test
    void serverErrorsAreRetriedAndABadPayloadIsNot() throws Exception {
        teams.then(FLOW, Reply.of(502, ""), Reply.of(400, "{\"error\":{\"code\":\"InvalidRequestContent\"}}"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(result.channels().get(0).detail())
                .isEqualTo("HTTP 400: {\"error\":{\"code\":\"InvalidRequestContent\"}}");
        assertThat(sleeper.waits()).hasSize(1);
    }

    @Test
    void aPlantedSecretReachesNeitherTheCardNorTheLog() throws Exception {
        String planted = "hunter2-planted-secret";
        host.addSecret(Secret.of(planted));
        teams.then(FLOW, Reply.of(500, "echo " + planted));
        RunContext run = TestRuns.failed(Optional.empty(), List.of("password=" + planted), "bad " + planted);

        notify(run, Map.of("title", "{{run}} " + planted));

        assertThat(teams.requests(FLOW)).hasSize(2).allSatisfy(r -> assertThat(r.body())
                .doesNotContain(planted));
        assertThat(teams.requests(FLOW).get(0).body()).contains("password=****");
        assertThat(host.log()).doesNotContain(planted).doesNotContain("planted0signature0value");
        assertThat(sleeper.waits()).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void aPlantedSecretInAStageNameOrTheRunsLinkStaysOutOfTheCard() throws Exception {
        String planted = "hunter2-planted-secret";
        host.addSecret(Secret.of(planted));
        RunContext run = new RunContext(
                new RunRef("shop", 7, "https://ci.example.com/job/shop/7/?token=" + planted, "ada"),
                io.jenkins.plugins.orchestra.notify.Outcome.FAILURE,
                Optional.empty(),
                Duration.ofSeconds(30),
                List.of(
                        new RunContext.Stage(
                                "Build",
                                null,
                                io.jenkins.plugins.orchestra.notify.Outcome.SUCCESS,
                                Duration.ofSeconds(10),
                                null),
                        new RunContext.Stage(
                                "Deploy with " + planted,
                                null,
                                io.jenkins.plugins.orchestra.notify.Outcome.FAILURE,
                                Duration.ofSeconds(20),
                                "no")),
                null,
                null,
                List.of(),
                RunLogs.none());

        notify(run, Map.of());

        String body = teams.requests(FLOW).get(0).body();
        assertThat(body).doesNotContain(planted);
        JsonNode card =
                teams.requests(FLOW).get(0).json().path("attachments").get(0).path("content");
        JsonNode facts = card.path("body").get(2).path("facts");
        assertThat(facts.get(1).path("title").asText()).isEqualTo("Deploy with ****");
        assertThat(facts.get(1).path("value").asText()).isEqualTo("FAILURE · 20.0s");
        assertThat(card.path("actions").get(0).path("url").asText())
                .isEqualTo("https://ci.example.com/job/shop/7/?token=****");
        assertThat(host.log()).doesNotContain(planted);
    }

    @Test
    void aFlowThatDoesNotAnswerInTimeIsRetried() throws Exception {
        teams.then(FLOW, Reply.of(202, "").after(Duration.ofSeconds(20)));
        long start = System.nanoTime();

        NotifyResult result = notify(TestRuns.succeeded(), Map.of("timeout", "500ms"));

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(host.log()).contains("attempt 1 failed: no answer within 500ms; retrying in");
    }

    @Test
    void aRealHttp429WaitsAsLongAsItsRetryAfterSays() throws Exception {
        teams.then(
                FLOW,
                Reply.json(
                                429,
                                "{\"error\":{\"code\":\"WorkflowTriggeredRateLimitExceeded\",\"message\":\"Rate limit"
                                        + " is exceeded. Try again in 7 seconds.\"}}")
                        .withHeader("Retry-After", "7"));

        NotifyResult result = notify(TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(result.channels().get(0).attempts()).isEqualTo(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
        assertThat(host.log())
                .contains("attempt 1 failed: HTTP 429: {\"error\":{\"code\":\"WorkflowTriggeredRateLimitExceeded\"");
    }
}
