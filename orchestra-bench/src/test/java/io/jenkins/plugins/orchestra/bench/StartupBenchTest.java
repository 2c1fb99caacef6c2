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
                .containsExactly(StartupBench.GROOVY, StartupBench.DEFAULT, StartupBench.STATIC);
        assertThat(report.cold()).allSatisfy(row -> {
            assertThat(row.firstStage().count()).isEqualTo(config.launches());
            assertThat(row.firstStage().min()).isPositive();
            // the stage line comes before the process ends
            assertThat(row.firstStage().max()).isLessThanOrEqualTo(row.exit().min());
        });
        assertThat(report.archives())
                .singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(Archive.Kind.STATIC))
                .satisfies(a -> assertThat(a.bytes()).isPositive());

        assertThat(report.phases()).hasSize(StartupPhases.PHASES.size() + 1);
        assertThat(report.phases()).allSatisfy(row -> {
            assertThat(row.plain().min()).isGreaterThanOrEqualTo(0.0);
            assertThat(row.shipped().min()).isGreaterThanOrEqualTo(0.0);
            assertThat(row.unvalidated().min()).isGreaterThanOrEqualTo(0.0);
        });
        // the phases up to the first stage, then the total up to it
        int first = StartupPhases.PHASES.indexOf(StartupPhases.FIRST_STAGE);
        StartupBench.PhaseRow total = report.phases().get(first + 1);
        assertThat(total.phase()).startsWith("total");
        assertThat(report.phases().subList(0, first + 1).stream()
                        .mapToDouble(row -> row.plain().max())
                        .sum())
                .isCloseTo(total.plain().max(), org.assertj.core.data.Offset.offset(0.01));

        assertThat(report.classes())
                .extracting(StartupBench.ClassLoadRow::variant)
                .containsExactly(StartupBench.GROOVY, StartupBench.DEFAULT, StartupBench.STATIC);
        assertThat(report.classes()).allSatisfy(row -> assertThat(row.total()).isPositive());
        // the archive is used: with it, most of the classes the default JVM reads from jars come from the archive
        StartupBench.ClassLoadRow plain = report.classes().get(1);
        StartupBench.ClassLoadRow archived = report.classes().get(2);
        assertThat(archived.archived()).isGreaterThan(plain.archived());
        assertThat(archived.jars()).isLessThan(plain.jars() / 2);

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
