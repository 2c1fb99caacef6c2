package io.jenkins.plugins.orchestra.coordinator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A validated plan as arrays of stage indexes: what the coordinator walks on every transition. */
final class PlanGraph {
    final List<StageSpec> specs;
    final Map<String, Integer> index;
    final int[][] needs;
    final int[][] dependents;
    /** The longest chain of dependents below each stage; rollbacks run from low to high. */
    final int[] height;

    PlanGraph(Plan plan) {
        specs = plan.stages();
        int n = specs.size();
        index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(specs.get(i).name(), i);
        }
        needs = new int[n][];
        int[] dependentCount = new int[n];
        for (int i = 0; i < n; i++) {
            List<String> names = specs.get(i).needs();
            int[] ids = new int[names.size()];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = index.get(names.get(k));
                dependentCount[ids[k]]++;
            }
            needs[i] = ids;
        }
        dependents = new int[n][];
        for (int i = 0; i < n; i++) {
            dependents[i] = new int[dependentCount[i]];
        }
        int[] filled = new int[n];
        for (int i = 0; i < n; i++) {
            for (int need : needs[i]) {
                dependents[need][filled[need]++] = i;
            }
        }
        height = heights(n);
    }

    int size() {
        return needs.length;
    }

    String name(int i) {
        return specs.get(i).name();
    }

    private int[] heights(int n) {
        int[] unmet = new int[n];
        for (int i = 0; i < n; i++) {
            unmet[i] = dependents[i].length;
        }
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (unmet[i] == 0) {
                queue[tail++] = i;
            }
        }
        int[] h = new int[n];
        while (head < tail) {
            int i = queue[head++];
            for (int need : needs[i]) {
                h[need] = Math.max(h[need], h[i] + 1);
                if (--unmet[need] == 0) {
                    queue[tail++] = need;
                }
            }
        }
        return h;
    }
}
