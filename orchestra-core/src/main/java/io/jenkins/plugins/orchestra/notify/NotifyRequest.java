package io.jenkins.plugins.orchestra.notify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code notify} call: the channels, the settings given at the call (which override the channels' own: {@code
 * when}, {@code message}, {@code to}, …), and what the message is about.
 *
 * @param event what this message is about, unique within the run for a message that is not the same (the runner: the
 *     call's stage and line, the run's result and the message text); with the run and the channel it makes the dedup
 *     key
 */
public record NotifyRequest(List<ChannelRef> channels, Map<String, Object> settings, String event) {
    public NotifyRequest {
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException(
                    "channel is required: the name of a configured channel, or its settings");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        settings = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(event, "event");
        if (event.isBlank()) {
            throw new IllegalArgumentException("event must not be blank");
        }
    }

    /**
     * A channel as a call names it: by the name it has in the configuration, or inline with its settings.
     *
     * @param inline the settings of a channel given inline (with its {@code kind}), or {@code null} for a configured
     *     one
     */
    public record ChannelRef(String name, Map<String, Object> inline) {
        public ChannelRef {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("channel must not be blank");
            }
            inline = inline == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(inline));
        }

        /** A channel configured under this name. */
        public static ChannelRef named(String name) {
            return new ChannelRef(name, null);
        }

        /** A channel given inline; its name is its {@code name} setting, else its kind. */
        public static ChannelRef inline(Map<String, ?> settings) {
            Object name = settings.get("name");
            Object kind = settings.get("kind");
            if (kind == null || kind.toString().isBlank()) {
                throw new IllegalArgumentException(
                        "an inline channel needs its kind, such as [kind: 'webhook', url: …]");
            }
            Map<String, Object> copy = new LinkedHashMap<>(settings);
            copy.remove("name");
            return new ChannelRef(name == null ? kind.toString() : name.toString(), copy);
        }
    }
}
