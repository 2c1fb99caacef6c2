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

/** Runs the deploy transfer bench on three hosts and a 1 MB artifact, checking that the figures make sense. */
class DeployTransferBenchTest {
    @TempDir
    Path work;

    @Test
    void quickRunUploadsToEveryHostInEachScenario() throws Exception {
        assumeTrue(OpenSshServer.isAvailable(), "openssh-server is not installed");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DeployTransferBench.Report report = DeployTransferBench.run(
                DeployTransferBench.Config.quick(), work, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report.one().min()).isPositive();
        assertThat(report.all().min()).isPositive();
        assertThat(report.sequential().min()).isPositive();
        assertThat(report.ratio()).isPositive();
        assertThat(out).contains("| 1 host").contains("3 hosts at once").contains("Ratio 3 hosts at once");
    }
}
