package io.jenkins.plugins.orchestra.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code notify} call did, channel by channel.
 *
 * @param channels one result per channel, in the call's order
 */
public record NotifyResult(List<ChannelResult> channels) {
    public NotifyResult {
        channels = List.copyOf(channels);
    }

    /** What happened to one channel's message. */
    public enum Status {
        /** Sent now. */
        SENT,
        /** Sent before, by an earlier attempt of this call (a retry, a resumed run): not sent again. */
        DUPLICATE,
        /** Its {@code when} did not hold. */
        SKIPPED,
        /** A dry run: not sent. */
        DRY_RUN,
        /** Not sent: see the detail. */
        FAILED
    }

    /**
     * @param attempts how many attempts were made (0 if none)
     * @param detail what was sent, or why not; never a secret
     */
    public record ChannelResult(
            String channel, String kind, Status status, int attempts, boolean required, String detail) {
        public ChannelResult {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(status, "status");
            kind = kind == null ? "" : kind;
            detail = detail == null ? "" : detail;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", channel);
            m.put("kind", kind);
            m.put("status", status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            m.put("attempts", attempts);
            m.put("detail", detail);
            return m;
        }
    }

    /** Whether no channel failed. */
    public boolean ok() {
        return channels.stream().noneMatch(c -> c.status() == Status.FAILED);
    }

    /**
     * As a Jenkinsfile gets it: {@code sent} (how many were sent now), {@code ok} (none failed) and {@code channels},
     * each with {@code channel}, {@code kind}, {@code status} ({@code sent}, {@code duplicate}, {@code skipped}, {@code
     * dry-run}, {@code failed}), {@code attempts} and {@code detail}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", (int)
                channels.stream().filter(c -> c.status() == Status.SENT).count());
        m.put("ok", ok());
        m.put("channels", channels.stream().map(ChannelResult::toMap).toList());
        return m;
    }
}
