package io.jenkins.plugins.orchestra.notify.webhook;

import com.fasterxml.jackson.core.JacksonException;
import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.notify.Channel;
import io.jenkins.plugins.orchestra.notify.ChannelKind;
import io.jenkins.plugins.orchestra.notify.ChannelSettings;
import io.jenkins.plugins.orchestra.notify.Format;
import io.jenkins.plugins.orchestra.notify.Http;
import io.jenkins.plugins.orchestra.notify.Message;
import io.jenkins.plugins.orchestra.notify.MessageTemplate;
import io.jenkins.plugins.orchestra.notify.SendContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Any HTTP endpoint ({@code url}, or {@code credentialsId} of a secret text holding it), sent JSON: by default the
 * message and its run as {@link #defaultBody(Message) one document}; with {@code body}, a Mustache template whose
 * values are escaped as JSON strings, which must render to valid JSON.
 *
 * <p>Every request has {@code X-Orchestra-Event} and {@code X-Orchestra-Delivery} (the same for every attempt at one
 * message, for receivers that drop duplicates). With {@code secretCredentialsId} it is signed: {@code
 * X-Orchestra-Signature-256: sha256=<hex HMAC-SHA256 of the body>}, as GitHub signs its webhooks ({@code
 * signatureHeader} renames the header). {@code authCredentialsId} adds {@code Authorization}: {@code Bearer} for a
 * secret text, {@code Basic} for a user name and password. {@code headers} adds plain headers.
 */
public final class WebhookChannelKind implements ChannelKind {
    public static final String SIGNATURE_HEADER = "X-Orchestra-Signature-256";

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

    private final Http http;

    public WebhookChannelKind() {
        this(Http.shared());
    }

    public WebhookChannelKind(Http http) {
        this.http = http;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Set<String> settings() {
        return Set.of(
                "url",
                "credentialsId",
                "method",
                "headers",
                "body",
                "secretCredentialsId",
                "signatureHeader",
                "authCredentialsId");
    }

    @Override
    public Channel open(ChannelSettings settings, StepHost host) {
        String method = settings.string("method").orElse("POST").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw settings.invalid("method must be POST, PUT or PATCH, was '" + method + "'");
        }
        MessageTemplate body = settings.string("body")
                .map(b -> MessageTemplate.parse("channel '" + settings.channel() + "' (webhook): body", b))
                .orElse(null);
        Map<String, String> headers = new LinkedHashMap<>(settings.map("headers"));
        if (settings.has("authCredentialsId")) {
            Credential auth = settings.credential("authCredentialsId", Credential.class, host);
            headers.put("Authorization", authorization(auth, settings, host));
        }
        Secret signing = settings.has("secretCredentialsId") ? settings.secret("secretCredentialsId", host) : null;
        String signatureHeader = settings.string("signatureHeader").orElse(SIGNATURE_HEADER);
        URI url = settings.secretUrl("url", "credentialsId", host);
        return (message, context) -> send(url, method, body, headers, signing, signatureHeader, message, context);
    }

    private Channel.Delivery send(
            URI url,
            String method,
            MessageTemplate template,
            Map<String, String> extra,
            Secret signing,
            String signatureHeader,
            Message message,
            SendContext context)
            throws InterruptedException {
        String body = template == null ? Http.json(defaultBody(message)) : rendered(template, message);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", "Orchestra-Notify");
        headers.put("X-Orchestra-Event", message.event());
        headers.put("X-Orchestra-Delivery", delivery(message.key()));
        headers.putAll(extra);
        if (signing != null) {
            headers.put(signatureHeader, "sha256=" + hmacSha256(signing, body));
        }
        Http.Response response = http.send(method, url, body, headers, context.timeout());
        if (!response.isSuccess()) {
            throw Http.rejected(response, context.clock());
        }
        return new Channel.Delivery("HTTP " + response.status());
    }

    private static String rendered(MessageTemplate template, Message message) {
        String body = message.render(template, Format.JSON);
        try {
            Http.JSON.readTree(body);
        } catch (JacksonException e) {
            throw io.jenkins.plugins.orchestra.notify.NotifyException.invalid("channel '" + message.channel()
                    + "' (webhook): body did not render to JSON: " + e.getOriginalMessage());
        }
        return body;
    }

    /**
     * The body sent without a {@code body} template: {@code event}, {@code delivery}, {@code title}, {@code message},
     * {@code status}, {@code previousStatus}, {@code run} ({@code job}, {@code number}, {@code id}, {@code url}, {@code
     * user}), {@code duration}, {@code durationMillis}, {@code failingStage} (with its {@code log}), {@code stages},
     * {@code version}, {@code target}, {@code changes}.
     */
    public static Map<String, Object> defaultBody(Message message) {
        Map<String, Object> v = message.variables();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", message.event());
        body.put("delivery", delivery(message.key()));
        body.put("channel", message.channel());
        body.put("title", v.get("title"));
        body.put("message", v.get("message"));
        body.put("status", v.get("status"));
        body.put("previousStatus", v.get("previousStatus"));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("job", v.get("job"));
        run.put("number", v.get("number"));
        run.put("id", v.get("runId"));
        run.put("url", v.get("url"));
        run.put("user", v.get("user"));
        body.put("run", run);
        body.put("duration", v.get("duration"));
        body.put("durationMillis", v.get("durationMillis"));
        body.put("failingStage", v.get("failingStage"));
        body.put("stages", v.get("stages"));
        body.put("version", v.get("version"));
        body.put("target", v.get("target"));
        body.put("changes", v.get("changes"));
        return body;
    }

    /** The delivery id: the same for every attempt at a message, and nothing of the key readable from it. */
    static String delivery(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Hex HMAC-SHA256 of the body, keyed with the secret. */
    public static String hmacSha256(Secret key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }

    private static String authorization(Credential credential, ChannelSettings settings, StepHost host) {
        if (credential instanceof StringCredential s) {
            return "Bearer " + s.secret().reveal();
        }
        if (credential instanceof UsernamePasswordCredential up) {
            String basic = Base64.getEncoder()
                    .encodeToString((up.username() + ":" + up.password().reveal()).getBytes(StandardCharsets.UTF_8));
            host.addSecret(Secret.of(basic));
            return "Basic " + basic;
        }
        throw settings.invalid("authCredentialsId must name a string or usernamePassword credential, was "
                + credential.type() + " " + List.of(credential.id()));
    }
}
