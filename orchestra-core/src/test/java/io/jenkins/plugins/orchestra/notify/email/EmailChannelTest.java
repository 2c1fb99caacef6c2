package io.jenkins.plugins.orchestra.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.notify.ChannelKinds;
import io.jenkins.plugins.orchestra.notify.Notifier;
import io.jenkins.plugins.orchestra.notify.NotifyException;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyResult;
import io.jenkins.plugins.orchestra.notify.NotifyResult.Status;
import io.jenkins.plugins.orchestra.notify.NotifyState;
import io.jenkins.plugins.orchestra.notify.RecordingSleeper;
import io.jenkins.plugins.orchestra.notify.RunContext;
import io.jenkins.plugins.orchestra.notify.TestRuns;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Email against GreenMail: real SMTP and SMTPS servers on 127.0.0.1, started and stopped around each test. */
@Timeout(60)
class EmailChannelTest {
    private static final String PASSWORD = "smtp-planted-password";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
                patient(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)),
                patient(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
            })
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("ci@shop.example", "ci", PASSWORD));

    @TempDir
    Path dir;

    /** A dynamic port, and more than GreenMail's 2 s to start: SMTPS makes its key first, slow on a busy machine. */
    private static ServerSetup patient(ServerSetup setup) {
        ServerSetup dynamic = setup.dynamicPort();
        dynamic.setServerStartupTimeout(15_000);
        return dynamic;
    }

    private RecordingStepHost host;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void host() {
        host = new RecordingStepHost(dir).credential(new UsernamePasswordCredential("smtp", "ci", Secret.of(PASSWORD)));
    }

    private Map<String, Object> smtp(Object... more) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("kind", "email");
        settings.put("host", "127.0.0.1");
        settings.put("port", MAIL.getSmtp().getPort());
        settings.put("security", "none");
        settings.put("credentialsId", "smtp");
        settings.put("from", "Orchestra <ci@shop.example>");
        settings.put("to", List.of("dev@shop.example", "ops@shop.example"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put((String) more[i], more[i + 1]);
        }
        return settings;
    }

    private NotifyResult notify(Map<String, Object> channel, RunContext run, Map<String, Object> settings)
            throws InterruptedException {
        host.channel("team-mail", channel);
        return new Notifier(ChannelKinds.installed(), sleeper, RandomGenerator.of("L64X128MixRandom"))
                .notify(
                        new NotifyRequest(List.of(ChannelRef.named("team-mail")), settings, "post:line 20"),
                        run,
                        host,
                        NotifyState.in(dir));
    }

    private static List<BodyPart> parts(MimeMultipart multipart) throws Exception {
        List<BodyPart> parts = new ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            parts.add(multipart.getBodyPart(i));
        }
        return parts;
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sendsTextAndHtmlWithTheTitleAsSubjectToEveryRecipient() throws Exception {
        NotifyResult result = notify(
                smtp("cc", "lead@shop.example", "replyTo", "oncall@shop.example"),
                TestRuns.failed(Optional.empty(), List.of("CartTest > total <expected 3>")),
                Map.of());

        assertThat(result.channels().get(0).detail())
                .isEqualTo("3 recipients via 127.0.0.1:" + MAIL.getSmtp().getPort());
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(3); // one delivery per mailbox
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("❌ shop #7 failed in stage Test");
        assertThat(mail.getFrom()).extracting(Address::toString).containsExactly("Orchestra <ci@shop.example>");
        assertThat(mail.getReplyTo()).extracting(Address::toString).containsExactly("oncall@shop.example");
        assertThat(mail.getRecipients(jakarta.mail.Message.RecipientType.TO))
                .extracting(Address::toString)
                .containsExactly("dev@shop.example", "ops@shop.example");
        assertThat(mail.getHeader("X-Orchestra-Event")).containsExactly("post:line 20");
        MimeMultipart alternative = (MimeMultipart) mail.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        List<BodyPart> parts = parts(alternative);
        assertThat(parts.get(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(((String) parts.get(0).getContent()).replace("\r\n", "\n"))
                .startsWith("❌ shop #7 failed in stage Test\n\nDuration: 1m15s")
                .contains("Last lines of its log:\nCartTest > total <expected 3>");
        assertThat(parts.get(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat((String) parts.get(1).getContent())
                .contains("<h2>❌ shop #7 failed in stage Test</h2>")
                .contains("CartTest &gt; total &lt;expected 3&gt;")
                .contains("<td style=\"padding-right: 12px\">Test</td>");
    }

    @Test
    void attachesTheLogCutToItsSizeCap() throws Exception {
        List<String> log = Stream.iterate(1, i -> i + 1)
                .limit(400)
                .map(i -> "line " + i + " of the test log")
                .toList();

        notify(
                smtp("to", "dev@shop.example", "attachLog", true, "attachLogMaxBytes", 2048),
                TestRuns.failed(Optional.empty(), log),
                Map.of());

        MimeMessage mail = MAIL.getReceivedMessages()[0];
        MimeMultipart mixed = (MimeMultipart) mail.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        BodyPart attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo("Test.log");
        String text = ((String) attachment.getContent()).replace("\r\n", "\n");
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048 + 40);
        assertThat(text).startsWith("[… the log's last 2048 bytes]\n").endsWith("line 400 of the test log\n");
    }

    @Test
    void sendsOverSmtpsTrustingTheTestServersOwnCertificate() throws Exception {
        NotifyResult result = notify(
                smtp("port", MAIL.getSmtps().getPort(), "security", "ssl", "sslTrust", "127.0.0.1"),
                TestRuns.succeeded(),
                Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.SENT);
        assertThat(MAIL.getReceivedMessages()).hasSize(2);
    }

    @Test
    void anUntrustedCertificateIsNotRetriedAndNothingIsSent() throws Exception {
        NotifyResult result =
                notify(smtp("port", MAIL.getSmtps().getPort(), "security", "ssl"), TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).attempts()).isEqualTo(1);
        assertThat(result.channels().get(0).detail()).startsWith("TLS with the SMTP server failed: ");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusesToSendWhenStartTlsIsRequiredAndTheServerDoesNotOfferIt() throws Exception {
        NotifyResult result = notify(smtp("security", "starttls"), TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).attempts()).isEqualTo(1);
        assertThat(result.channels().get(0).detail())
                .isEqualTo("could not send the email: STARTTLS is required but host does not support STARTTLS");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRefusedLoginIsNotRetried() throws Exception {
        host.credential(new UsernamePasswordCredential("wrong", "ci", Secret.of("not-the-password")));

        NotifyResult result = notify(smtp("credentialsId", "wrong"), TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).attempts()).isEqualTo(1);
        assertThat(result.channels().get(0).detail()).startsWith("the SMTP server refused the login");
        assertThat(host.log()).doesNotContain("not-the-password");
    }

    @Test
    void aServerThatIsNotThereIsRetried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        NotifyResult result = notify(smtp("port", closed, "retries", 2), TestRuns.succeeded(), Map.of());

        assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.channels().get(0).attempts()).isEqualTo(3);
        assertThat(result.channels().get(0).detail()).startsWith("could not connect to the SMTP server");
        assertThat(sleeper.waits()).hasSize(2);
    }

    /**
     * A server that takes the connection and never says a word: the kernel completes the handshake into the backlog of
     * a socket nobody accepts from, as a hung MTA or a firewall's tarpit would.
     */
    private static ServerSocket silentServer() throws Exception {
        return new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
    }

    @Test
    void aServerThatTakesTheConnectionAndNeverAnswersIsAWarningWithinTheTimeout() throws Exception {
        try (ServerSocket silent = silentServer()) {
            long start = System.nanoTime();

            NotifyResult result = notify(
                    smtp("port", silent.getLocalPort(), "timeout", "1s", "retries", 1), TestRuns.succeeded(), Map.of());

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.channels().get(0).status()).isEqualTo(Status.FAILED);
            assertThat(result.channels().get(0).attempts()).isEqualTo(2);
            assertThat(result.channels().get(0).detail()).isEqualTo("the SMTP server did not answer in time");
            assertThat(took).isLessThan(Duration.ofSeconds(2 + 2)); // two attempts of 1s, the waits are recorded
            assertThat(sleeper.waits()).hasSize(1);
            assertThat(host.log())
                    .contains("WARNING: notify: could not send to 'team-mail' (email) after 2 attempts:"
                            + " the SMTP server did not answer in time; the build goes on (required: false)");
        }
    }

    @Test
    void aServerThatNeverAnswersFailsARequiredNotificationWithinTheTimeout() throws Exception {
        try (ServerSocket silent = silentServer()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> notify(
                            smtp("port", silent.getLocalPort(), "timeout", "1s", "retries", 0),
                            TestRuns.succeeded(),
                            Map.of("required", true)))
                    .isInstanceOf(NotifyException.class)
                    .hasMessage("notify failed for required channel 'team-mail':"
                            + " the SMTP server did not answer in time");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void refusesAnAddressThatIsNotOne() {
        assertThatThrownBy(() -> notify(smtp("to", "dev@@shop"), TestRuns.succeeded(), Map.of()))
                .isInstanceOf(NotifyException.class)
                .hasMessageStartingWith("channel 'team-mail' (email): to: 'dev@@shop' is not an email address");
    }

    @Test
    void aPlantedSecretReachesNeitherTheMailNorTheLog() throws Exception {
        String planted = "hunter2-planted-secret";
        host.addSecret(Secret.of(planted));

        notify(
                smtp("attachLog", true),
                TestRuns.failed(Optional.empty(), List.of("export TOKEN=" + planted), "denied for " + planted),
                Map.of("title", "{{run}} " + planted));

        for (MimeMessage mail : MAIL.getReceivedMessages()) {
            assertThat(raw(mail))
                    .doesNotContain(planted)
                    .doesNotContain(PASSWORD)
                    .contains("export TOKEN=****");
            assertThat(mail.getSubject()).isEqualTo("shop #7 ****");
        }
        assertThat(host.log()).doesNotContain(planted).doesNotContain(PASSWORD);
    }
}
