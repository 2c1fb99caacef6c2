package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deploy did.
 *
 * @param target the target's name
 * @param version the release deployed; for a rollback, the release the first host went back to
 * @param previousVersion the release live before on the first host that had one
 * @param hosts one result per host, in the target's order
 * @param duration how long the whole deploy took
 * @param succeeded whether the deploy reached its goal (at most {@code maxFailures} hosts failed)
 * @param dryRun whether nothing was changed because this was a dry run
 */
public record DeployResult(
        String target,
        Optional<String> version,
        Optional<String> previousVersion,
        List<HostResult> hosts,
        Duration duration,
        boolean succeeded,
        boolean dryRun) {
    public DeployResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(previousVersion, "previousVersion");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(duration, "duration");
    }

    /** The hosts that ended with {@code outcome}. */
    public List<HostResult> hosts(HostOutcome outcome) {
        return hosts.stream().filter(h -> h.outcome() == outcome).toList();
    }

    /** The result of {@code host}. */
    public Optional<HostResult> host(String host) {
        return hosts.stream().filter(h -> h.host().equals(host)).findFirst();
    }

    /**
     * The step's outputs, plain values only: {@code version}, {@code previousVersion}, {@code target}, {@code result}
     * ({@code SUCCESS}, {@code FAILURE} or {@code DRY_RUN}), {@code duration} ({@code 3.2s}), {@code durationMillis},
     * and {@code hosts}: one map per host with {@code host}, {@code previous}, {@code version}, {@code result},
     * {@code live}, {@code time} and {@code error}.
     */
    public Map<String, Object> toOutputs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version.orElse(""));
        m.put("previousVersion", previousVersion.orElse(""));
        m.put("target", target);
        m.put("result", dryRun ? "DRY_RUN" : succeeded ? "SUCCESS" : "FAILURE");
        m.put("duration", Durations.format(duration));
        long millis = duration.toMillis();
        // an int where it fits, as JSON reads it back: the runner's step journal then records the outputs as they are
        m.put("durationMillis", millis <= Integer.MAX_VALUE ? (Object) (int) millis : (Object) millis);
        m.put("hosts", hosts.stream().map(HostResult::toOutputs).toList());
        return m;
    }
}
