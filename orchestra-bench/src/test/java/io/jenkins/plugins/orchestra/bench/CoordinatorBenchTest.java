package io.jenkins.plugins.orchestra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs every benchmark on tiny sizes and checks that the figures make sense; speed is for docs/benchmarks.md. */
class CoordinatorBenchTest {

    @Test
    void quickRunMeasuresEveryBenchmarkAndPrintsItsTables() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CoordinatorBench.Config config = CoordinatorBench.Config.quick();

        CoordinatorBench.Report report =
                CoordinatorBench.run(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(report.makespan()).hasSize(StageDurations.Model.values().length);
        for (MakespanBench.Row row : report.makespan()) {
            assertThat(row.plans()).isEqualTo(config.plans());
            // the longest path bounds every schedule from below, and waves can only add waiting
            assertThat(row.ours().min()).isGreaterThanOrEqualTo(1.0);
            assertThat(row.waves().min()).isGreaterThanOrEqualTo(1.0);
            assertThat(row.speedUp().min()).isGreaterThanOrEqualTo(1.0);
            assertThat(row.edgesPerStage()).isBetween(1.0, 4.0);
        }
        assertThat(report.realTime().ours().min()).isGreaterThan(0.0);

        assertThat(report.transitions().stages()).isEqualTo(config.transitionStages());
        assertThat(report.transitions().transitions()).isEqualTo(3L * config.transitionStages() + 2);
        assertThat(report.transitions().runMillis().count()).isGreaterThanOrEqualTo(config.minRuns());
        assertThat(report.transitions().nanosPerTransition()).isPositive();

        MemoryBench.Result memory = report.memory();
        assertThat(memory.plan()).isPositive();
        assertThat(memory.constructed()).isGreaterThan(memory.plan());
        assertThat(memory.finished()).isGreaterThan(memory.plan());

        assertThat(report.scaling())
                .extracting(TransitionBench.Row::stages)
                .containsExactlyElementsOf(config.scaling());
        assertThat(report.scaling()).allSatisfy(r -> assertThat(r.transitions()).isEqualTo(3L * r.stages() + 2));
        assertThat(report.retrying())
                .extracting(TransitionBench.Row::stages)
                .containsExactlyElementsOf(config.retrying());
        // queued, started, retrying, queued, started, succeeded
        assertThat(report.retrying())
                .allSatisfy(r -> assertThat(r.transitions()).isEqualTo(6L * r.stages() + 2));
        assertThat(report.jmh()).isEmpty();

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains(
                        "## 1. Makespan",
                        "## 2. Coordinator cost",
                        "## 3. Retained heap",
                        "## 4. Scaling",
                        "## 5. Retries")
                .contains("| log-normal, median 1 min", "| uniform 5 s – 5 min");
    }
}
