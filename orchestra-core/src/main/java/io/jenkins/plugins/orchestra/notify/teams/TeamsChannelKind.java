package io.jenkins.plugins.orchestra.notify.teams;

import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.notify.Channel;
import io.jenkins.plugins.orchestra.notify.ChannelKind;
import io.jenkins.plugins.orchestra.notify.ChannelSettings;
import io.jenkins.plugins.orchestra.notify.Format;
import io.jenkins.plugins.orchestra.notify.Http;
import io.jenkins.plugins.orchestra.notify.Message;
import io.jenkins.plugins.orchestra.notify.RunContext;
import io.jenkins.plugins.orchestra.notify.SendContext;
import io.jenkins.plugins.orchestra.notify.SendException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Teams through a Workflows webhook ({@code url}, or {@code credentialsId} of a secret text holding it): a
 * {@code message} with one Adaptive Card (title, text, the stages as facts, the failing stage's last log lines in
 * monospace, a button to the run). Workflows answer {@code 202 Accepted}, the retired Office 365 connectors {@code 200}:
 * both are success. A connector that answers {@code 200} with {@code Webhook message delivery failed … HTTP error 429}
 * is read as the failure it is.
 */
public final class TeamsChannelKind implements ChannelKind {
    private static final Pattern CONNECTOR_FAILURE =
            Pattern.compile("^Webhook message delivery failed.*?HTTP error (\\d{3})", Pattern.DOTALL);

    private final Http http;

    public TeamsChannelKind() {
        this(Http.shared());
    }

    public TeamsChannelKind(Http http) {
        this.http = http;
    }

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public Set<String> settings() {
        return Set.of("url", "credentialsId");
    }

    @Override
    public Channel open(ChannelSettings settings, StepHost host) {
        URI url = settings.secretUrl("url", "credentialsId", host);
        return (message, context) -> send(url, message, context);
    }

    private Channel.Delivery send(URI url, Message message, SendContext context) throws InterruptedException {
        Http.Response response = http.postJson(url, Http.json(card(message)), Map.of(), context.timeout());
        if (!response.isSuccess()) {
            throw Http.rejected(response, context.clock());
        }
        Matcher failed = CONNECTOR_FAILURE.matcher(
                response.body() == null ? "" : response.body().strip());
        if (failed.find()) {
            int status = Integer.parseInt(failed.group(1));
            String why = "the connector answered HTTP " + response.status() + Http.describe(response.body());
            if (status == 429) {
                throw SendException.rateLimited(why, Http.retryAfter(response.headers(), context.clock()));
            }
            throw status >= 500 ? SendException.retryable(why) : SendException.permanent(why);
        }
        return new Channel.Delivery("HTTP " + response.status());
    }

    /** The request body Workflows' "when a Teams webhook request is received" expects. */
    static Map<String, Object> card(Message message) {
        List<Object> body = new ArrayList<>();
        String title = message.title(Format.TEAMS);
        if (!title.isEmpty()) {
            body.add(ordered(
                    "type",
                    "TextBlock",
                    "text",
                    title,
                    "weight",
                    "Bolder",
                    "size",
                    "Medium",
                    "wrap",
                    true,
                    "color",
                    color(message.run())));
        }
        String text = message.body(Format.TEAMS);
        if (!text.isEmpty()) {
            body.add(ordered("type", "TextBlock", "text", text, "wrap", true));
        }
        RunContext run = message.run();
        // the masked variables, not the run's raw values: a stage name or a link can hold a secret too
        Map<String, Object> variables = message.variables();
        List<?> stages = (List<?>) variables.get("stages");
        if (!stages.isEmpty() && run.status() != io.jenkins.plugins.orchestra.notify.Outcome.SUCCESS) {
            List<Object> facts = new ArrayList<>();
            for (Object stage : stages) {
                Map<?, ?> s = (Map<?, ?>) stage;
                facts.add(ordered("title", s.get("name"), "value", s.get("status") + " · " + s.get("duration")));
            }
            body.add(ordered("type", "FactSet", "facts", facts));
        }
        if (!message.logTail().isEmpty()) {
            body.add(ordered(
                    "type",
                    "TextBlock",
                    "text",
                    String.join("\n", message.logTail()),
                    "fontType",
                    "Monospace",
                    "size",
                    "Small",
                    "wrap",
                    true));
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        content.put("type", "AdaptiveCard");
        content.put("version", "1.4");
        content.put("body", body);
        Object link = variables.get("url");
        if (link != null) {
            content.put("actions", List.of(ordered("type", "Action.OpenUrl", "title", "Open run", "url", link)));
        }
        content.put("msteams", ordered("width", "Full"));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", content);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "message");
        request.put("attachments", List.of(attachment));
        return request;
    }

    /** A map that keeps its keys in the order given, so the JSON reads as Microsoft's examples do. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String color(RunContext run) {
        return switch (run.status()) {
            case SUCCESS -> "Good";
            case UNSTABLE -> "Warning";
            case FAILURE -> "Attention";
            default -> "Default";
        };
    }
}
