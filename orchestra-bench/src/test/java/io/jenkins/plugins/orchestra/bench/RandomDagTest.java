package io.jenkins.plugins.orchestra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomDagTest {

    @Test
    void sameSeedGivesSamePlan() {
        Plan a = RandomDag.generate(RandomDag.Shape.of(500), 7);
        Plan b = RandomDag.generate(RandomDag.Shape.of(500), 7);
        Plan c = RandomDag.generate(RandomDag.Shape.of(500), 8);

        assertThat(a.stages()).isEqualTo(b.stages());
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    }

    @Test
    void everyStageNeedsAtMostFourEarlierStages() {
        Plan plan = RandomDag.generate(RandomDag.Shape.of(2_000), 1);

        Map<String, Integer> position = new HashMap<>();
        for (StageSpec s : plan.stages()) {
            assertThat(s.needs()).hasSizeLessThanOrEqualTo(4);
            for (String need : s.needs()) {
                assertThat(position).containsKey(need);
            }
            position.put(s.name(), position.size());
        }
        assertThat(plan.stages()).hasSize(2_000);
    }

    @Test
    void hasBetweenTwoAndThreeEdgesPerStageAndManyLevels() {
        Plan plan = RandomDag.generate(RandomDag.Shape.of(10_000), 3);

        assertThat((double) RandomDag.edges(plan) / 10_000).isBetween(2.0, 3.0);
        int depth = 1 + java.util.Arrays.stream(Waves.levels(plan)).max().orElseThrow();
        assertThat(depth).isBetween(10_000 * 9 / 10 / 20, 10_000 * 9 / 10 / 4);
    }

    @Test
    void independentChainsNeedOnlyTheStageBefore() {
        Plan plan = RandomDag.generate(new RandomDag.Shape(30, 5, 5, 4, 3, 0.5, 5), 1);

        assertThat(plan.stages().subList(15, 30))
                .extracting(s -> s.needs().size())
                .containsExactly(0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1);
        assertThat(plan.stages().get(16).needs())
                .containsExactly(plan.stages().get(15).name());
    }

    @Test
    void rejectsAShapeNamingTheBadField() {
        assertThatThrownBy(() -> new RandomDag.Shape(10, 5, 4, 4, 3, 0.1, 10))
                .hasMessage("widths must satisfy 1 <= minWidth <= maxWidth, were 5 and 4");
        assertThatThrownBy(() -> new RandomDag.Shape(10, 4, 20, 0, 3, 0.1, 10))
                .hasMessage("maxFanIn must be at least 1, was 0");
    }
}
