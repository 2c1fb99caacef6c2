package io.jenkins.plugins.orchestra.notify.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.notify.Channel;
import io.jenkins.plugins.orchestra.notify.ChannelKind;
import io.jenkins.plugins.orchestra.notify.ChannelSettings;
import io.jenkins.plugins.orchestra.notify.Format;
import io.jenkins.plugins.orchestra.notify.Http;
import io.jenkins.plugins.orchestra.notify.Message;
import io.jenkins.plugins.orchestra.notify.SendContext;
import io.jenkins.plugins.orchestra.notify.SendException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slack, two ways.
 *
 * <ul>
 *   <li>An <b>incoming webhook</b> ({@code url}, or {@code credentialsId} of a secret text holding it): each message is
 *       a message of its own in the webhook's channel.
 *   <li>A <b>bot token</b> ({@code credentialsId} of a secret text {@code xoxb-…}, and {@code channel}): the run's first
 *       message starts a thread; the next ones are replies in it ({@code chat.postMessage} with {@code thread_ts}),
 *       and the first message's headline is updated to the run's latest status ({@code chat.update}). The thread is
 *       kept with the run's notification state, so a resumed run replies in the same thread.
 * </ul>
 */
public final class SlackChannelKind implements ChannelKind {
    /** Slack's Web API. */
    public static final String API = "https://slack.com/api/";

    /** Slack cuts messages at 40,000 characters; leave room for the headline. */
    static final int MAX_TEXT = 39_000;

    /** The {@code ok:false} errors worth another attempt. */
    private static final Set<String> RETRYABLE =
            Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

    private final Http http;

    public SlackChannelKind() {
        this(Http.shared());
    }

    public SlackChannelKind(Http http) {
        this.http = http;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Set<String> settings() {
        return Set.of("url", "credentialsId", "channel", "username", "iconEmoji", "thread", "broadcast", "apiUrl");
    }

    @Override
    public Channel open(ChannelSettings settings, StepHost host) {
        Optional<String> channel = settings.string("channel");
        if (settings.has("url")) {
            return new Webhook(settings.secretUrl("url", "credentialsId", host), settings);
        }
        if (!settings.has("credentialsId")) {
            throw settings.invalid(
                    "url (an incoming webhook) or credentialsId (a webhook URL or a bot token) is required");
        }
        Secret secret = settings.secret("credentialsId", host);
        String value = secret.reveal().strip();
        if (value.startsWith("https://") || value.startsWith("http://")) {
            return new Webhook(settings.secretUrl("url", "credentialsId", host), settings);
        }
        if (channel.isEmpty()) {
            throw settings.invalid("channel is required with a bot token: the channel's id (C0123456789) or #name");
        }
        String api = settings.string("apiUrl").orElse(API);
        URI base = ChannelSettings.url(api.endsWith("/") ? api : api + "/", settings, "apiUrl");
        return new Bot(base, Secret.of(value), channel.get(), settings);
    }

    /** The text of a message: its title in bold, then its body. */
    static String text(String title, String body) {
        String text = title.isEmpty() ? body : body.isEmpty() ? "*" + title + "*" : "*" + title + "*\n" + body;
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "\n…" : text;
    }

    private final class Webhook implements Channel {
        private final URI url;
        private final ChannelSettings settings;

        Webhook(URI url, ChannelSettings settings) {
            this.url = url;
            this.settings = settings;
        }

        @Override
        public Delivery send(Message message, SendContext context) throws InterruptedException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("text", text(message.title(Format.SLACK), message.body(Format.SLACK)));
            settings.string("channel").ifPresent(c -> body.put("channel", c));
            settings.string("username").ifPresent(u -> body.put("username", u));
            settings.string("iconEmoji").ifPresent(i -> body.put("icon_emoji", i));
            Http.Response response = http.postJson(url, Http.json(body), Map.of(), context.timeout());
            if (!response.isSuccess()) {
                throw Http.rejected(response, context.clock());
            }
            return new Delivery("webhook, HTTP " + response.status());
        }
    }

    private final class Bot implements Channel {
        private final URI api;
        private final Secret token;
        private final String channel;
        private final boolean thread;
        private final boolean broadcast;
        private final ChannelSettings settings;

        Bot(URI api, Secret token, String channel, ChannelSettings settings) {
            this.api = api;
            this.token = token;
            this.channel = channel;
            this.thread = settings.bool("thread", true);
            this.broadcast = settings.bool("broadcast", false);
            this.settings = settings;
        }

        @Override
        public Delivery send(Message message, SendContext context) throws InterruptedException {
            String title = message.title(Format.SLACK);
            String body = message.body(Format.SLACK);
            Map<String, String> memory = context.memory().get();
            if (!thread || !memory.containsKey("ts")) {
                JsonNode posted = call("chat.postMessage", post(channel, text(title, body), null), context);
                String ts = posted.path("ts").asText();
                if (thread) {
                    context.memory()
                            .put(Map.of(
                                    "channel", posted.path("channel").asText(channel),
                                    "ts", ts,
                                    "title", title,
                                    "body", body));
                }
                return new Delivery("message " + ts + (thread ? ", the run's thread" : ""));
            }
            String parent = memory.get("ts");
            String where = memory.getOrDefault("channel", channel);
            Map<String, Object> reply = post(where, text(title, body), parent);
            if (broadcast) {
                reply.put("reply_broadcast", true);
            }
            JsonNode posted = call("chat.postMessage", reply, context);
            String detail = "reply " + posted.path("ts").asText() + " in thread " + parent;
            if (!title.equals(memory.get("title"))) {
                Map<String, Object> update = new LinkedHashMap<>();
                update.put("channel", where);
                update.put("ts", parent);
                update.put("text", text(title, memory.getOrDefault("body", "")));
                try {
                    call("chat.update", update, context);
                    Map<String, String> updated = new LinkedHashMap<>(memory);
                    updated.put("title", title);
                    context.memory().put(updated);
                    detail += ", headline updated";
                } catch (SendException e) {
                    // the reply is out: a stale headline is not worth sending it again
                    context.listener()
                            .warn("notify: '" + message.channel()
                                    + "' (slack): could not update the thread's headline: " + e.getMessage());
                }
            }
            return new Delivery(detail);
        }

        private Map<String, Object> post(String where, String text, String threadTs) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("channel", where);
            body.put("text", text);
            if (threadTs != null) {
                body.put("thread_ts", threadTs);
            }
            settings.string("username").ifPresent(u -> body.put("username", u));
            settings.string("iconEmoji").ifPresent(i -> body.put("icon_emoji", i));
            return body;
        }

        /** One Web API call: HTTP errors and {@code ok:false} as failures, else the response. */
        private JsonNode call(String method, Map<String, Object> body, SendContext context)
                throws InterruptedException {
            Http.Response response = http.postJson(
                    api.resolve(method),
                    Http.json(body),
                    Map.of("Authorization", "Bearer " + token.reveal()),
                    context.timeout());
            if (!response.isSuccess()) {
                throw Http.rejected(response, context.clock());
            }
            JsonNode json;
            try {
                json = Http.JSON.readTree(response.body());
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw SendException.retryable(
                        method + " answered something else than JSON" + Http.describe(response.body()));
            }
            if (json.path("ok").asBoolean(false)) {
                return json;
            }
            String error = json.path("error").asText("unknown_error");
            String message = method + " failed: " + error;
            if (error.equals("ratelimited")) {
                throw SendException.rateLimited(message, Http.retryAfter(response.headers(), context.clock()));
            }
            if (RETRYABLE.contains(error)) {
                throw SendException.retryable(message);
            }
            throw SendException.permanent(message);
        }
    }
}
