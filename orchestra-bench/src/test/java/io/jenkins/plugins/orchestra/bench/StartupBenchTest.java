package io.jenkins.plugins.orchestra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Launches each main variant once and runs a few warm runs, checking that the figures make sense; speed is for
 * docs/benchmarks.md. Needs the runner packaged ({@code mvn install} or {@code verify} from the root does that first).
 */
class StartupBenchTest {

    @Test
    void quickRunTimesEachVariantToItsFirstStageAndRunsWarmInThisJvm() throws Exception {
        StartupLayout layout = layout();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StartupBench.Config config = StartupBench.Config.quick();

        StartupBench.Report report =
                StartupBench.run(config, layout, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(report.cold())
                .extracting(StartupBench.ColdRow::variant)
                .containsExactly(StartupBench.GROOVY, StartupBench.DEFAULT, StartupBench.APPCDS);
        assertThat(report.cold()).allSatisfy(row -> {
            assertThat(row.firstStage().count()).isEqualTo(config.launches());
            assertThat(row.firstStage().min()).isPositive();
            // the stage line comes before the process ends
            assertThat(row.firstStage().max()).isLessThanOrEqualTo(row.exit().min());
        });
        assertThat(report.archiveBytes()).isPositive();

        assertThat(report.phases()).hasSize(StartupPhases.PHASES.size() + 1);
        assertThat(report.phases()).allSatisfy(row -> {
            assertThat(row.plain().min()).isGreaterThanOrEqualTo(0.0);
            assertThat(row.archived().min()).isGreaterThanOrEqualTo(0.0);
        });
        StartupBench.PhaseRow total = report.phases().get(report.phases().size() - 1);
        assertThat(report.phases().subList(0, report.phases().size() - 1))
                .allSatisfy(row -> assertThat(row.plain().max())
                        .isLessThanOrEqualTo(total.plain().max()));

        assertThat(report.classes())
                .extracting(StartupBench.ClassLoadRow::variant)
                .containsExactly(StartupBench.GROOVY, StartupBench.DEFAULT, StartupBench.APPCDS);
        assertThat(report.classes()).allSatisfy(row -> assertThat(row.total()).isPositive());
        assertThat(report.classes().get(1).appArchive()).isZero();
        // the archive is used: most of the runner's classes come from it
        assertThat(report.classes().get(2).appArchive())
                .isGreaterThan(report.classes().get(2).jars());

        WarmRuns.Result warm = report.warm();
        assertThat(warm.firstRuns()).hasSize(WarmRuns.FIRST_RUNS).allSatisfy(ms -> assertThat(ms)
                .isPositive());
        assertThat(warm.firstStage().count()).isEqualTo(config.warmRuns());
        assertThat(warm.firstStage().min()).isPositive();
        assertThat(warm.whole().min()).isGreaterThanOrEqualTo(warm.firstStage().min());
        assertThat(warm.validate().min()).isPositive();
        assertThat(warm.compile().min()).isPositive();

        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("## Cold", "## Where a cold run's time goes", "## Classes a cold run loads", "## Warm");
    }

    private static StartupLayout layout() {
        try {
            return StartupLayout.find(Path.of(""));
        } catch (IOException e) {
            Assumptions.abort(e.getMessage());
            throw new AssertionError(e);
        }
    }
}
