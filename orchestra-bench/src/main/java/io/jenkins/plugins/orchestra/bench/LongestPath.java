package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.time.Duration;
import java.util.Map;

/**
 * The longest chain of needs through a plan, weighted by how long each stage takes: no scheduler, however many slots
 * it has, can end the plan sooner.
 */
public final class LongestPath {
    private LongestPath() {}

    public static Duration of(Plan plan, Map<String, Duration> durations) {
        Topology t = new Topology(plan);
        long[] endNanos = new long[t.size()];
        long longest = 0;
        for (int i : t.order) {
            long start = 0;
            for (int need : t.needs[i]) {
                start = Math.max(start, endNanos[need]);
            }
            endNanos[i] = start + durations.get(t.stages.get(i).name()).toNanos();
            longest = Math.max(longest, endNanos[i]);
        }
        return Duration.ofNanos(longest);
    }
}
