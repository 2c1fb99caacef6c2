package io.jenkins.plugins.orchestra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.view.RunView;
import org.junit.jupiter.api.Test;

class RunViewBenchTest {
    @Test
    void foldsASimulatedRunIntoAViewOfEveryStageWithTheCriticalPath() {
        Plan plan = RandomDag.generate(RandomDag.Shape.of(300), 3);
        RunView view = RunViewBench.folded(plan, RunViewBench.events(plan)).snapshot();

        assertThat(view.stages()).hasSize(300).allMatch(s -> s.status().equals("SUCCEEDED"));
        assertThat((long) view.edges().size()).isEqualTo(RandomDag.edges(plan));
        assertThat(view.criticalPath().stages()).isNotEmpty();
    }
}
