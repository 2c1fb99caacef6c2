package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.AbortException;
import io.jenkins.plugins.orchestra.jenkins.config.OrchestraConfiguration;
import io.jenkins.plugins.orchestra.jenkins.host.PlainValues;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** A {@code notify} call's arguments as core's {@link NotifyRequest}, with core's messages as the build's. */
@Restricted(NoExternalUse.class)
final class NotifyRequests {
    private NotifyRequests() {}

    /**
     * @param channel a channel's name, its settings inline, or a list of either
     * @throws AbortException naming the bad argument
     */
    static NotifyRequest of(Object channel, Map<String, Object> settings, String event) throws AbortException {
        if (channel == null) {
            throw new AbortException("notify needs its 'channel' argument: the name of a channel configured in Manage"
                    + " Jenkins » System » Orchestra, or its settings [kind: …]");
        }
        try {
            List<ChannelRef> refs = new ArrayList<>();
            for (Object one : channel instanceof Collection<?> list ? list : List.of(channel)) {
                refs.add(
                        one instanceof Map<?, ?> inline
                                ? ChannelRef.inline(PlainValues.map(inline))
                                : ChannelRef.named(String.valueOf(one)));
            }
            return new NotifyRequest(refs, settings, event);
        } catch (IllegalArgumentException e) {
            throw new AbortException("notify: " + e.getMessage());
        }
    }

    /** The settings of the configured channels the request names (where credentials ids may be). */
    static List<Object> configured(NotifyRequest request) {
        Map<String, Map<String, Object>> configured =
                OrchestraConfiguration.get().section(OrchestraConfiguration.CHANNELS);
        return request.channels().stream()
                .filter(ref -> ref.inline() == null)
                .map(ref -> configured.get(ref.name()))
                .filter(Objects::nonNull)
                .map(Object.class::cast)
                .toList();
    }

    /** A channel setting's problem without the channel's name, for a form that checks one setting. */
    static String withoutChannel(String message) {
        return String.valueOf(message).replaceFirst("^channel '[^']*' \\([^)]*\\): ", "");
    }
}
