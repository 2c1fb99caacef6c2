package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Jenkins user runs a dependency graph today: one {@code stage} per topological level, its stages in a {@code
 * parallel} block, so that each wave starts only when the whole previous wave has ended.
 */
public final class Waves {
    private Waves() {}

    /** Each stage's level: 0 if it needs nothing, else one more than the highest level of its needs. */
    public static int[] levels(Plan plan) {
        Topology t = new Topology(plan);
        int[] level = new int[t.size()];
        for (int i : t.order) {
            for (int need : t.needs[i]) {
                level[i] = Math.max(level[i], level[need] + 1);
            }
        }
        return level;
    }

    /** The same stages, each needing every stage of the level before its own instead of what it needs. */
    public static Plan of(Plan plan) {
        int[] level = levels(plan);
        int depth = 0;
        for (int l : level) {
            depth = Math.max(depth, l + 1);
        }
        List<List<String>> byLevel = new ArrayList<>(depth);
        for (int l = 0; l < depth; l++) {
            byLevel.add(new ArrayList<>());
        }
        List<StageSpec> stages = plan.stages();
        for (int i = 0; i < stages.size(); i++) {
            byLevel.get(level[i]).add(stages.get(i).name());
        }
        List<StageSpec> waves = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            List<String> previousWave = level[i] == 0 ? List.of() : byLevel.get(level[i] - 1);
            waves.add(
                    StageSpec.builder(stages.get(i).name()).needs(previousWave).build());
        }
        return new Plan(plan.name() + "-waves", waves, plan.maxParallel(), plan.failFast());
    }
}
