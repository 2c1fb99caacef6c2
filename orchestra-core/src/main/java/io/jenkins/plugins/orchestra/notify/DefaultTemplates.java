package io.jenkins.plugins.orchestra.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The templates a message has when the user gives none: a title per outcome ({@code title.mustache}) and a body per
 * {@link Format} ({@code body-slack.mustache}, …), which say more when something went wrong (the failing stage, its
 * error and last log lines, the stages) than when all went well.
 */
final class DefaultTemplates {
    private static final MessageTemplate TITLE = MessageTemplate.parse("the default title", read("title"));
    private static final Map<Format, MessageTemplate> BODIES = new EnumMap<>(Format.class);

    static {
        for (Format f : Format.values()) {
            if (f != Format.JSON) {
                BODIES.put(f, MessageTemplate.parse("the default " + f.id() + " body", read("body-" + f.id())));
            }
        }
    }

    private DefaultTemplates() {}

    static MessageTemplate title() {
        return TITLE;
    }

    static MessageTemplate body(Format format) {
        MessageTemplate body = BODIES.get(format);
        if (body == null) {
            throw new IllegalArgumentException("no default body for " + format);
        }
        return body;
    }

    private static String read(String name) {
        String resource = "templates/" + name + ".mustache";
        try (InputStream in = DefaultTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
