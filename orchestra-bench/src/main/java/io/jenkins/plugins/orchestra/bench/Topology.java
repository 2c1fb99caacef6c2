package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A plan's needs as stage indexes, and an order in which every stage comes after its needs. */
final class Topology {
    final List<StageSpec> stages;
    final int[][] needs;
    final int[] order;

    Topology(Plan plan) {
        stages = plan.stages();
        int n = stages.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(stages.get(i).name(), i);
        }
        needs = new int[n][];
        int[] dependentCount = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> names = stages.get(i).needs();
            needs[i] = new int[names.size()];
            for (int k = 0; k < needs[i].length; k++) {
                needs[i][k] = index.get(names.get(k));
                dependentCount[needs[i][k]]++;
            }
        }
        int[][] dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[dependentCount[i]];
        }
        int[] filled = new int[n];
        int[] unmet = new int[n];
        for (int i = 0; i < n; i++) {
            unmet[i] = needs[i].length;
            for (int need : needs[i]) {
                dependents[need][filled[need]++] = i;
            }
        }
        order = new int[n];
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (unmet[i] == 0) {
                order[tail++] = i;
            }
        }
        for (int head = 0; head < tail; head++) {
            for (int d : dependents[order[head]]) {
                if (--unmet[d] == 0) {
                    order[tail++] = d;
                }
            }
        }
        if (tail != n) {
            throw new IllegalArgumentException("plan '" + plan.name() + "' has a cycle");
        }
    }

    int size() {
        return needs.length;
    }
}
