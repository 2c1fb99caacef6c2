package io.jenkins.plugins.orchestra.deploy.strategy;

import io.jenkins.plugins.orchestra.deploy.HostCount;
import io.jenkins.plugins.orchestra.deploy.Rollout;
import java.util.ArrayList;
import java.util.List;

/** Splits a target's hosts into the batches a strategy goes through, in the target's order. */
public final class Batches {
    private Batches() {}

    /**
     * {@code all} and {@code blueGreen}: one batch; {@code rolling}: batches of {@code batch} (1 by default);
     * {@code canary}: the first {@code canary} hosts (1 by default), then the rest in batches of {@code batch} (all
     * at once by default). Percentages round up, so every batch has a host.
     */
    public static List<List<String>> plan(Rollout rollout, List<String> hosts) {
        return plan(rollout, hosts, hosts.size());
    }

    /**
     * As {@link #plan(Rollout, List)}, for {@code hosts} that are some of the target's {@code total} hosts (the others
     * need nothing): percentages are of {@code total}.
     */
    public static List<List<String>> plan(Rollout rollout, List<String> hosts, int total) {
        int n = hosts.size();
        List<List<String>> batches = new ArrayList<>();
        if (n == 0) {
            return batches;
        }
        switch (rollout.strategy()) {
            case ALL, BLUE_GREEN -> batches.add(List.copyOf(hosts));
            case ROLLING -> split(hosts, size(rollout.batch().orElse(HostCount.count(1)), total), batches);
            case CANARY -> {
                int canary = Math.min(size(rollout.canary().orElse(HostCount.count(1)), total), n);
                batches.add(List.copyOf(hosts.subList(0, canary)));
                List<String> rest = hosts.subList(canary, n);
                if (!rest.isEmpty()) {
                    split(rest, rollout.batch().map(b -> size(b, total)).orElse(rest.size()), batches);
                }
            }
        }
        return batches;
    }

    private static int size(HostCount count, int hosts) {
        return Math.max(1, count.of(hosts, true));
    }

    private static void split(List<String> hosts, int size, List<List<String>> into) {
        for (int i = 0; i < hosts.size(); i += size) {
            into.add(List.copyOf(hosts.subList(i, Math.min(hosts.size(), i + size))));
        }
    }
}
