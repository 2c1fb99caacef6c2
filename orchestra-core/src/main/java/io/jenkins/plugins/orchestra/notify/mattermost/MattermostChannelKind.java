package io.jenkins.plugins.orchestra.notify.mattermost;

import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.notify.Channel;
import io.jenkins.plugins.orchestra.notify.ChannelKind;
import io.jenkins.plugins.orchestra.notify.ChannelSettings;
import io.jenkins.plugins.orchestra.notify.Format;
import io.jenkins.plugins.orchestra.notify.Http;
import io.jenkins.plugins.orchestra.notify.Message;
import io.jenkins.plugins.orchestra.notify.SendContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mattermost through an incoming webhook ({@code url}, or {@code credentialsId} of a secret text holding it): {@code
 * text} in Markdown, the title as a heading; {@code channel}, {@code username}, {@code iconUrl} and {@code iconEmoji}
 * override the webhook's own where the server allows it.
 */
public final class MattermostChannelKind implements ChannelKind {
    /** Mattermost refuses posts longer than 16,383 characters. */
    static final int MAX_TEXT = 16_000;

    private final Http http;

    public MattermostChannelKind() {
        this(Http.shared());
    }

    public MattermostChannelKind(Http http) {
        this.http = http;
    }

    @Override
    public String name() {
        return "mattermost";
    }

    @Override
    public Set<String> settings() {
        return Set.of("url", "credentialsId", "channel", "username", "iconUrl", "iconEmoji");
    }

    @Override
    public Channel open(ChannelSettings settings, StepHost host) {
        URI url = settings.secretUrl("url", "credentialsId", host);
        return (message, context) -> send(url, settings, message, context);
    }

    private Channel.Delivery send(URI url, ChannelSettings settings, Message message, SendContext context)
            throws InterruptedException {
        String title = message.title(Format.MARKDOWN);
        String body = message.body(Format.MARKDOWN);
        String text = title.isEmpty() ? body : "#### " + title + (body.isEmpty() ? "" : "\n" + body);
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "\n…";
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("text", text);
        settings.string("channel").ifPresent(c -> request.put("channel", c));
        settings.string("username").ifPresent(u -> request.put("username", u));
        settings.string("iconUrl").ifPresent(i -> request.put("icon_url", i));
        settings.string("iconEmoji").ifPresent(i -> request.put("icon_emoji", i));
        Http.Response response = http.postJson(url, Http.json(request), Map.of(), context.timeout());
        if (!response.isSuccess()) {
            throw Http.rejected(response, context.clock());
        }
        return new Channel.Delivery("HTTP " + response.status());
    }
}
