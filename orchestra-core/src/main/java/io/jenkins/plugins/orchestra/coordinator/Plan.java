package io.jenkins.plugins.orchestra.coordinator;

import io.jenkins.plugins.orchestra.internal.Suggestions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dependency graph of stages: each starts as soon as what it {@link StageSpec#needs() needs} has ended, within
 * {@code maxParallel}. Constructing a plan validates it whole and reports every problem at once.
 *
 * @param name what the plan is called in summaries and journals
 * @param stages in the order the user wrote them; that order breaks ties between stages ready at the same time
 * @param maxParallel how many stages may run at once, {@link #UNLIMITED} for no limit
 * @param failFast whether a failure that halts the pipeline also aborts the stages still running
 */
public record Plan(String name, List<StageSpec> stages, int maxParallel, boolean failFast) {
    public static final int UNLIMITED = 0;

    public Plan {
        Objects.requireNonNull(stages, "stages");
        stages = List.copyOf(stages);
        Problems problems = new Problems();
        if (name == null || name.isBlank()) {
            problems.add("name", "is required");
        }
        if (maxParallel < 0) {
            problems.add("maxParallel", "must be at least 1, was " + maxParallel);
        }
        if (stages.isEmpty()) {
            problems.add("stages", "must contain at least one stage");
        }
        problems.addAll(graphProblems(stages));
        problems.throwIfAny();
    }

    public static Plan of(String name, StageSpec... stages) {
        return new Plan(name, List.of(stages), UNLIMITED, false);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public StageSpec stage(String stageName) {
        for (StageSpec s : stages) {
            if (s.name().equals(stageName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no stage '" + stageName + "' in plan '" + name + "'");
    }

    /**
     * Identifies the shape of the plan: its name, stages, their needs and which are finally stages. A journal records
     * it, and resuming with a plan of another shape is refused. Retries, timeouts and the like may change between a
     * crash and a resume.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, name);
            for (StageSpec s : stages) {
                update(sha, s.isFinally() ? "finally" : "stage");
                update(sha, s.name());
                for (String need : s.needs()) {
                    update(sha, need);
                }
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void update(MessageDigest sha, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        sha.update((byte) (bytes.length >>> 24));
        sha.update((byte) (bytes.length >>> 16));
        sha.update((byte) (bytes.length >>> 8));
        sha.update((byte) bytes.length);
        sha.update(bytes);
    }

    private static List<Problem> graphProblems(List<StageSpec> stages) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>(stages.size() * 2);
        for (int i = 0; i < stages.size(); i++) {
            StageSpec s = stages.get(i);
            Integer earlier = index.putIfAbsent(s.name(), i);
            if (earlier != null) {
                problems.add(new Problem(
                        s.name(),
                        "name",
                        "is used by more than one stage (stages " + (earlier + 1) + " and " + (i + 1) + ")"));
            }
        }
        boolean unknownNeeds = false;
        for (StageSpec s : stages) {
            for (String need : s.needs()) {
                Integer target = index.get(need);
                if (target == null) {
                    unknownNeeds = true;
                    String hint = Suggestions.closest(need, index.keySet())
                            .map(m -> " (did you mean '" + m + "'?)")
                            .orElse("");
                    problems.add(new Problem(s.name(), "needs", "names unknown stage '" + need + "'" + hint));
                } else if (stages.get(target).isFinally() && !s.isFinally()) {
                    problems.add(new Problem(
                            s.name(),
                            "needs",
                            "names '" + need + "', a finally stage; only finally stages may need finally stages"));
                }
            }
        }
        if (problems.isEmpty() && !unknownNeeds) {
            problems.addAll(cycles(stages, index));
        }
        return problems;
    }

    /** Each cycle once, written in run order ({@code a → b} means b needs a), starting at its first stage in the plan. */
    private static List<Problem> cycles(List<StageSpec> stages, Map<String, Integer> index) {
        int n = stages.size();
        int[] unmet = new int[n];
        List<List<Integer>> dependents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dependents.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            for (String need : stages.get(i).needs()) {
                dependents.get(index.get(need)).add(i);
                unmet[i]++;
            }
        }
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (unmet[i] == 0) {
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            for (int d : dependents.get(queue[head++])) {
                if (--unmet[d] == 0) {
                    queue[tail++] = d;
                }
            }
        }
        if (tail == n) {
            return List.of();
        }
        // Every stage left has a need that is left too: following such needs always ends in a cycle.
        List<Problem> problems = new ArrayList<>();
        int[] visitedBy = new int[n];
        for (int start = 0; start < n; start++) {
            if (unmet[start] == 0 || visitedBy[start] != 0) {
                continue;
            }
            int walk = start + 1;
            List<Integer> path = new ArrayList<>();
            int at = start;
            while (visitedBy[at] == 0) {
                visitedBy[at] = walk;
                path.add(at);
                at = firstUnmetNeed(stages.get(at), index, unmet);
            }
            if (visitedBy[at] != walk) {
                continue; // this walk ran into a cycle already reported
            }
            List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
            java.util.Collections.reverse(cycle); // walked along needs; print in run order
            int first = cycle.stream().min(Integer::compare).orElseThrow();
            java.util.Collections.rotate(cycle, -cycle.indexOf(first));
            StringBuilder text = new StringBuilder();
            for (int i : cycle) {
                text.append(stages.get(i).name()).append(" → ");
            }
            text.append(stages.get(first).name());
            problems.add(new Problem(stages.get(first).name(), "needs", "closes a cycle: " + text));
        }
        return problems;
    }

    private static int firstUnmetNeed(StageSpec stage, Map<String, Integer> index, int[] unmet) {
        for (String need : stage.needs()) {
            int i = index.get(need);
            if (unmet[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("a stage left by a topological sort has a need left too");
    }

    /** Builds a {@link Plan}. */
    public static final class Builder {
        private final String name;
        private final List<StageSpec> stages = new ArrayList<>();
        private int maxParallel = UNLIMITED;
        private boolean failFast;

        private Builder(String name) {
            this.name = name;
        }

        public Builder stage(StageSpec stage) {
            stages.add(stage);
            return this;
        }

        public Builder stage(StageSpec.Builder stage) {
            return stage(stage.build());
        }

        public Builder stages(List<StageSpec> more) {
            stages.addAll(more);
            return this;
        }

        public Builder maxParallel(int maxParallel) {
            this.maxParallel = maxParallel;
            return this;
        }

        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        public Plan build() {
            return new Plan(name, stages, maxParallel, failFast);
        }
    }
}
