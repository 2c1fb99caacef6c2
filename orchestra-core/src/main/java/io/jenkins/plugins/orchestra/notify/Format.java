package io.jenkins.plugins.orchestra.notify;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;

/**
 * The markup a channel shows text in. Values put into a template by {@code {{name}}} are escaped for it, so a log line
 * with {@code <} or a quote shows as written; the template's own text is the user's and is left as it is.
 */
public enum Format {
    /** Plain text: email's text part, the outbox. */
    TEXT("text", Escapers.NONE),
    /** Markdown: Mattermost. */
    MARKDOWN("markdown", Escapers.NONE),
    /** Slack's mrkdwn, where {@code &}, {@code <} and {@code >} are escaped as Slack documents. */
    SLACK("slack", Escapers.simple(new String[][] {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}})),
    /** The text of a Microsoft Teams Adaptive Card (a little Markdown); stages and log come as card elements. */
    TEAMS("teams", Escapers.NONE),
    /** HTML: email's HTML part. */
    HTML("html", Escapers.HTML),
    /** The body of a JSON request: values are escaped as JSON string content. */
    JSON("json", Format::json);

    private final String id;
    private final Mustache.Escaper escaper;

    Format(String id, Mustache.Escaper escaper) {
        this.id = id;
        this.escaper = escaper;
    }

    /** The name of its default templates: {@code body-<id>.mustache}. */
    public String id() {
        return id;
    }

    Mustache.Escaper escaper() {
        return escaper;
    }

    private static String json(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 8);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
