package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random plans with real parallel structure: layers of stages, each stage needing one to {@code maxFanIn}
 * stages of the few layers above it (at least one in the layer just above, so its layer is its topological level),
 * and beside them independent chains of stages that each need the one before. The same shape and seed give the same
 * plan, on any JVM.
 */
public final class RandomDag {

    /**
     * What to generate.
     *
     * @param stages how many stages in all
     * @param minWidth fewest stages in a layer
     * @param maxWidth most stages in a layer
     * @param maxFanIn most needs of a layered stage; each has 1 to {@code maxFanIn}, uniformly
     * @param window how many layers above a stage its needs come from
     * @param chainShare the share of the stages that form independent chains
     * @param chainLength stages per chain
     */
    public record Shape(
            int stages, int minWidth, int maxWidth, int maxFanIn, int window, double chainShare, int chainLength) {

        public Shape {
            if (stages < 1) {
                throw new IllegalArgumentException("stages must be at least 1, was " + stages);
            }
            if (minWidth < 1 || maxWidth < minWidth) {
                throw new IllegalArgumentException(
                        "widths must satisfy 1 <= minWidth <= maxWidth, were " + minWidth + " and " + maxWidth);
            }
            if (maxFanIn < 1) {
                throw new IllegalArgumentException("maxFanIn must be at least 1, was " + maxFanIn);
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be at least 1, was " + window);
            }
            if (!(chainShare >= 0 && chainShare < 1)) {
                throw new IllegalArgumentException("chainShare must be in [0, 1), was " + chainShare);
            }
            if (chainLength < 1) {
                throw new IllegalArgumentException("chainLength must be at least 1, was " + chainLength);
            }
        }

        /**
         * Layers of 4 to 20 stages, fan-in 1 to 4 from the 3 layers above, and a tenth of the stages in chains of
         * 10: about 2.3 edges per stage.
         */
        public static Shape of(int stages) {
            return new Shape(stages, 4, 20, 4, 3, 0.1, 10);
        }
    }

    private RandomDag() {}

    /** A plan of {@code shape} named {@code dag-<seed>}, its stages listed in topological order. */
    public static Plan generate(Shape shape, long seed) {
        Random random = new Random(seed);
        int chained = (int) Math.round(shape.stages() * shape.chainShare());
        int layered = shape.stages() - chained;
        List<StageSpec> stages = new ArrayList<>(shape.stages());
        List<int[]> layers = new ArrayList<>(); // {first stage, stage count}
        int next = 0;
        while (next < layered) {
            int width = Math.min(
                    layered - next, shape.minWidth() + random.nextInt(shape.maxWidth() - shape.minWidth() + 1));
            int layer = layers.size();
            for (int i = next; i < next + width; i++) {
                stages.add(StageSpec.builder(name(i))
                        .needs(needs(layers, layer, shape, random))
                        .build());
            }
            layers.add(new int[] {next, width});
            next += width;
        }
        while (next < shape.stages()) {
            int length = Math.min(shape.chainLength(), shape.stages() - next);
            stages.add(StageSpec.of(name(next)));
            for (int i = next + 1; i < next + length; i++) {
                stages.add(StageSpec.of(name(i), name(i - 1)));
            }
            next += length;
        }
        return new Plan("dag-" + seed, stages, Plan.UNLIMITED, false);
    }

    /** How many needs the plan's stages have in all. */
    public static long edges(Plan plan) {
        long edges = 0;
        for (StageSpec s : plan.stages()) {
            edges += s.needs().size();
        }
        return edges;
    }

    private static List<String> needs(List<int[]> layers, int layer, Shape shape, Random random) {
        if (layer == 0) {
            return List.of();
        }
        int[] above = layers.get(layer - 1);
        int firstCandidate = layers.get(Math.max(0, layer - shape.window()))[0];
        int candidates = above[0] + above[1] - firstCandidate;
        int fanIn = Math.min(1 + random.nextInt(shape.maxFanIn()), candidates);
        Set<Integer> picked = new LinkedHashSet<>();
        picked.add(above[0] + random.nextInt(above[1]));
        while (picked.size() < fanIn) {
            picked.add(firstCandidate + random.nextInt(candidates));
        }
        List<String> names = new ArrayList<>(fanIn);
        for (int i : picked) {
            names.add(name(i));
        }
        return names;
    }

    /** A new String each time, as a host parsing a Jenkinsfile gets one per mention of a stage. */
    private static String name(int i) {
        return "stage-" + i;
    }
}
