package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.notify.RunLogs.LogExcerpt;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One notification for one channel, rendered on demand in the {@link Format} the channel shows: a one-line title and
 * a body. Everything it gives out is masked with the run's secrets.
 */
public final class Message {
    private final String channel;
    private final String event;
    private final String key;
    private final RunContext run;
    private final MessageTemplate title;
    private final MessageTemplate body;
    private final UnaryOperator<String> mask;
    private final List<String> logTail;
    private final Map<String, Object> variables;
    private final Map<Format, String> titles = new EnumMap<>(Format.class);
    private final Map<Format, String> bodies = new EnumMap<>(Format.class);

    /**
     * @param channel the channel's name
     * @param event what the message is about, for the dedup key
     * @param key the dedup key: the same for the same (run, channel, event)
     * @param title the user's title template, or {@code null} for the default
     * @param body the user's message template, or {@code null} for the default
     * @param logLines how many last lines of the failing stage's log the message shows
     * @param mask hides the run's secrets
     */
    public Message(
            String channel,
            String event,
            String key,
            RunContext run,
            MessageTemplate title,
            MessageTemplate body,
            int logLines,
            UnaryOperator<String> mask) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.event = Objects.requireNonNull(event, "event");
        this.key = Objects.requireNonNull(key, "key");
        this.run = Objects.requireNonNull(run, "run");
        this.title = title == null ? DefaultTemplates.title() : title;
        this.body = body;
        this.mask = Objects.requireNonNull(mask, "mask");
        this.logTail = run.failingStage()
                .map(s -> run.logs().tail(s.name(), logLines).stream().map(mask).toList())
                .orElse(List.of());
        this.variables = Collections.unmodifiableMap(masked(Variables.of(run, channel, event, logTail), mask));
    }

    public String channel() {
        return channel;
    }

    public String event() {
        return event;
    }

    /** The dedup key, also sent to webhooks as the delivery's id. */
    public String key() {
        return key;
    }

    public RunContext run() {
        return run;
    }

    /** The title, one line, its values escaped for {@code format}; empty if the user asked for none. */
    public synchronized String title(Format format) {
        return titles.computeIfAbsent(format, f -> mask.apply(oneLine(title.render(variables, f))));
    }

    /** The body, its values escaped for {@code format}. */
    public synchronized String body(Format format) {
        return bodies.computeIfAbsent(format, f -> mask.apply(renderBody(f)));
    }

    private String renderBody(Format format) {
        if (body == null) {
            return DefaultTemplates.body(format).render(variables, format).strip();
        }
        if (format == Format.HTML) {
            String text = body.render(variables, Format.TEXT).strip();
            return "<div style=\"white-space: pre-wrap\">" + com.samskivert.mustache.Escapers.HTML.escape(text)
                    + "</div>";
        }
        return body.render(variables, format == Format.JSON ? Format.TEXT : format)
                .strip();
    }

    /**
     * The variables of the templates, with {@code title} and {@code message} (title and body as plain text) added: what
     * a webhook's body template sees.
     */
    public Map<String, Object> variables() {
        Map<String, Object> all = new LinkedHashMap<>(variables);
        all.put("title", title(Format.TEXT));
        all.put("message", body(Format.TEXT));
        return all;
    }

    /** The last lines of the failing stage's log, masked; empty if no stage failed or it has no log. */
    public List<String> logTail() {
        return logTail;
    }

    /** An excerpt of the log (the failing stage's, else the run's), masked, to attach. */
    public Optional<LogExcerpt> logExcerpt(int maxBytes) {
        String stage = run.failingStage().map(RunContext.Stage::name).orElse(null);
        return run.logs()
                .excerpt(stage, maxBytes)
                .map(e -> new LogExcerpt(e.name(), mask.apply(e.text()), e.truncated()));
    }

    /** Renders another template of the channel's (a webhook's body) over {@link #variables()}, masked. */
    public String render(MessageTemplate template, Format format) {
        return mask.apply(template.render(variables(), format));
    }

    /** Every text in the variables masked, so that no escaping for a format can hide a secret from the masker. */
    @SuppressWarnings("unchecked")
    private static <T> T masked(T value, UnaryOperator<String> mask) {
        if (value instanceof String s) {
            return (T) mask.apply(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, masked(v, mask)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(v -> masked(v, mask)).toList();
        }
        return value;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
