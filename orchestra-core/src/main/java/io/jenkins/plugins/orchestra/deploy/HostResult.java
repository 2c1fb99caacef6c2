package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy did on one host.
 *
 * @param host the host as the target names it
 * @param previous the release live before, if any
 * @param version the release the deploy aimed at
 * @param outcome how it ended
 * @param live the release live on the host at the end, as far as the deploy knows
 * @param time how long the host took, rollback included
 * @param error why it failed, one line, secrets masked
 */
public record HostResult(
        String host,
        Optional<String> previous,
        Optional<String> version,
        HostOutcome outcome,
        Optional<String> live,
        Duration time,
        Optional<String> error) {
    public HostResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(error, "error");
    }

    /** The host's row in the step's outputs: strings only. */
    public Map<String, Object> toOutputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("previous", previous.orElse(""));
        m.put("version", version.orElse(""));
        m.put("result", outcome.label());
        m.put("live", live.orElse(""));
        m.put("time", Durations.format(time));
        m.put("error", error.orElse(""));
        return m;
    }
}
