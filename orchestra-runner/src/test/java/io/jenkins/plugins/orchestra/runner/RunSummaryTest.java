package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static StageRecord stage(String name, String branch, long fromSeconds, long toSeconds) {
        return new StageRecord(
                name, branch, BuildResult.SUCCESS, T0.plusSeconds(fromSeconds), T0.plusSeconds(toSeconds), null);
    }

    @Test
    void theCriticalPathFollowsTopLevelStagesAndTheBottleneckLooksInsideParallelOnes() {
        String path = LocalRun.criticalPath(List.of(
                stage("Build", null, 0, 10),
                stage("Unit", "Unit", 10, 25),
                stage("Lint", "Lint", 10, 40),
                stage("Checks", null, 10, 40),
                stage("Package", null, 40, 45)));
        assertThat(path)
                .isEqualTo("Critical path: Build 10.0s → Checks 30.0s → Package 5.0s\n"
                        + "Bottleneck: Lint (30.0s, in Checks)\n");
    }

    @Test
    void aRunWithoutStagesHasNoPath() {
        assertThat(LocalRun.criticalPath(List.of())).isEmpty();
    }
}
