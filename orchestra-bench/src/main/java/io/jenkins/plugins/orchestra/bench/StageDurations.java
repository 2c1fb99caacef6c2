package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Seeded random stage durations between 5 seconds and 5 minutes, in whole milliseconds. */
public final class StageDurations {
    static final long MIN_MILLIS = 5_000;
    static final long MAX_MILLIS = 300_000;

    /** How durations are spread. */
    public enum Model {
        /** Median one minute, σ = 1 (a few long stages among many short ones), clamped to 5 s – 5 min. */
        LOG_NORMAL("log-normal, median 1 min") {
            @Override
            long sampleMillis(Random random) {
                double millis = Math.exp(Math.log(60_000) + random.nextGaussian());
                return Math.max(MIN_MILLIS, Math.min(MAX_MILLIS, Math.round(millis)));
            }
        },
        /** Uniform over 5 s – 5 min. */
        UNIFORM("uniform 5 s – 5 min") {
            @Override
            long sampleMillis(Random random) {
                return MIN_MILLIS + (long) (random.nextDouble() * (MAX_MILLIS - MIN_MILLIS));
            }
        };

        private final String label;

        Model(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        abstract long sampleMillis(Random random);
    }

    private StageDurations() {}

    /** A duration for every stage of {@code plan}, by stage name. */
    public static Map<String, Duration> draw(Plan plan, Model model, long seed) {
        Random random = new Random(seed);
        Map<String, Duration> durations = new HashMap<>(plan.stages().size() * 2);
        for (StageSpec s : plan.stages()) {
            durations.put(s.name(), Duration.ofMillis(model.sampleMillis(random)));
        }
        return durations;
    }

    /** Stages that succeed after their stated duration, every attempt. */
    public static Simulation.Behaviour behaviour(Map<String, Duration> durations) {
        return (stage, attempt) -> durations.get(stage);
    }
}
