package io.jenkins.plugins.orchestra.coordinator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chain of stages that determined how long a run took: starting from the stage that ended last, each step goes
 * back to the need that ended last before it (for a finally stage that needs nothing, the main stage that ended
 * last). Shortening any other stage would not have shortened the run.
 *
 * @param segments in run order
 * @param total from the run's start to the end of the last stage on the path
 * @param bottleneck the stage on the path that ran longest
 */
public record CriticalPath(List<Segment> segments, Duration total, Optional<String> bottleneck) {

    public static final CriticalPath EMPTY = new CriticalPath(List.of(), Duration.ZERO, Optional.empty());

    /**
     * One stage on the path.
     *
     * @param waited from the moment it could have started (its last need ended, or the run started) to its start: a
     *     wait for a slot, a lock or approvers
     * @param ran from its first start to its end
     */
    public record Segment(String stage, Duration waited, Duration ran) {}

    /** The path through a run's stages. */
    public static CriticalPath of(Plan plan, List<StageResult> results, Instant runStarted) {
        Map<String, StageResult> byName = new HashMap<>(results.size() * 2);
        StageResult last = null;
        for (StageResult r : results) {
            byName.put(r.name(), r);
            if (r.started().isPresent() && r.ended().isPresent()) {
                if (last == null || r.ended().get().isAfter(last.ended().get())) {
                    last = r;
                }
            }
        }
        if (last == null) {
            return EMPTY;
        }
        Map<String, StageSpec> specs = new HashMap<>(plan.stages().size() * 2);
        for (StageSpec s : plan.stages()) {
            specs.put(s.name(), s);
        }
        List<StageResult> chain = new ArrayList<>();
        for (StageResult at = last; at != null; ) {
            chain.add(at);
            StageSpec spec = specs.get(at.name());
            Instant start = at.started().get();
            // a finally stage waits for every main stage, whatever it needs
            List<StageResult> before = spec.isFinally() && spec.needs().isEmpty()
                    ? results.stream()
                            .filter(r -> !specs.get(r.name()).isFinally())
                            .toList()
                    : spec.needs().stream().map(byName::get).toList();
            at = before.stream()
                    .filter(r ->
                            r != null && r.started().isPresent() && r.ended().isPresent())
                    .filter(r -> !r.ended().get().isAfter(start))
                    .max(Comparator.comparing(r -> r.ended().get()))
                    .orElse(null);
        }
        Collections.reverse(chain);
        List<Segment> segments = new ArrayList<>(chain.size());
        Instant previousEnd = runStarted;
        for (StageResult r : chain) {
            Instant start = r.started().get();
            Duration waited = Duration.between(previousEnd, start);
            segments.add(new Segment(
                    r.name(),
                    waited.isNegative() ? Duration.ZERO : waited,
                    r.duration().orElseThrow()));
            previousEnd = r.ended().get();
        }
        Optional<String> bottleneck =
                segments.stream().max(Comparator.comparing(Segment::ran)).map(Segment::stage);
        return new CriticalPath(
                List.copyOf(segments), Duration.between(runStarted, last.ended().get()), bottleneck);
    }

    /** The stages on the path, in run order. */
    public List<String> stages() {
        return segments.stream().map(Segment::stage).toList();
    }
}
