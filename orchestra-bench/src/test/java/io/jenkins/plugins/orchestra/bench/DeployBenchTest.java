package io.jenkins.plugins.orchestra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the deploy bench on three hosts and a 1 MB artifact, checking that every scenario deployed and was timed. */
class DeployBenchTest {
    @TempDir
    Path work;

    @Test
    void quickRunDeploysToEveryHostInEachScenarioOnLoopbackAndBehindLinks() throws Exception {
        assumeTrue(OpenSshServer.isAvailable(), "openssh-server is not installed");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DeployBench.Report report =
                DeployBench.run(DeployBench.Config.quick(), work, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report.one().min()).isPositive();
        assertThat(report.all().min()).isPositive();
        assertThat(report.sequential().min()).isPositive();
        assertThat(report.ratio()).isPositive();
        // 1 MB behind a 4 MB/s link takes at least a quarter of a second per host
        assertThat(report.linkOne().min()).isGreaterThan(0.2);
        assertThat(report.linkSequential().min()).isGreaterThan(3 * 0.2);
        assertThat(out)
                .contains("| 1 host, strategy all")
                .contains("3 hosts, rolling batch 1 (one after another)")
                .contains("Ratio 3 hosts at once ÷ 1 host on loopback")
                .contains("Ratio 3 hosts at once ÷ 1 host behind a 4.0 MB/s link per host");
    }
}
