package io.jenkins.plugins.orchestra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WavesTest {
    // a → c, b → c, b → d: c and d are level 1; e is a chain of its own
    private static final Plan PLAN = Plan.of(
            "diamond",
            StageSpec.of("a"),
            StageSpec.of("b"),
            StageSpec.of("c", "a", "b"),
            StageSpec.of("d", "b"),
            StageSpec.of("e"),
            StageSpec.of("f", "e"),
            StageSpec.of("g", "f"));
    private static final Map<String, Duration> DURATIONS = Map.of(
            "a", minutes(1),
            "b", minutes(5),
            "c", minutes(1),
            "d", minutes(5),
            "e", minutes(2),
            "f", minutes(2),
            "g", minutes(3));

    @Test
    void levelIsTheLongestChainOfNeedsFromASource() {
        assertThat(Waves.levels(PLAN)).containsExactly(0, 0, 1, 1, 0, 1, 2);
    }

    @Test
    void eachWaveNeedsEveryStageOfThePreviousOne() {
        Plan waves = Waves.of(PLAN);

        assertThat(waves.stage("c").needs()).containsExactly("a", "b", "e");
        assertThat(waves.stage("f").needs()).containsExactly("a", "b", "e");
        assertThat(waves.stage("g").needs()).containsExactly("c", "d", "f");
        assertThat(waves.stage("a").needs()).isEmpty();
    }

    @Test
    void longestPathWeighsStagesByDuration() {
        // b → d takes 10 minutes; e → f → g takes 7
        assertThat(LongestPath.of(PLAN, DURATIONS)).isEqualTo(minutes(10));
    }

    @Test
    void wavesWaitForTheLongestStageOfEachLevel() {
        Duration ours = MakespanBench.makespan(PLAN, StageDurations.behaviour(DURATIONS));
        Duration waves = MakespanBench.makespan(Waves.of(PLAN), StageDurations.behaviour(DURATIONS));

        assertThat(ours).isEqualTo(minutes(10));
        assertThat(waves).isEqualTo(minutes(5 + 5 + 3));
    }

    private static Duration minutes(long m) {
        return Duration.ofMinutes(m);
    }
}
