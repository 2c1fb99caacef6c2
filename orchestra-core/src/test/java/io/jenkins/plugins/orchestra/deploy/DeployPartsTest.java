package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.deploy.release.ReleaseLog;
import io.jenkins.plugins.orchestra.deploy.strategy.Batches;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The small parts: quoting, batches, counts, the release log. */
class DeployPartsTest {
    @Test
    void quotedValuesReachTheShellUnchanged() throws Exception {
        Random random = new Random(17);
        String alphabet = "ab $`\"'\\;|&<>(){}*?!#~\n\t-=%é";
        for (int i = 0; i < 40; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = s.toString();
            Process p = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + ShellQuote.quote(value)).start();
            String echoed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(echoed).as("seed 17, case %d", i).isEqualTo(value);
        }
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.exports(java.util.Map.of("A", "x y"))).isEqualTo("export A='x y'; ");
    }

    private static Rollout rollout(Strategy strategy, HostCount batch, HostCount canary) {
        return new Rollout(
                strategy,
                Optional.ofNullable(batch),
                OptionalInt.empty(),
                HostCount.count(0),
                Optional.ofNullable(canary),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void batchesFollowTheStrategy() {
        List<String> hosts = List.of("a", "b", "c", "d", "e");
        assertThat(Batches.plan(Rollout.all(), hosts)).containsExactly(hosts);
        assertThat(Batches.plan(rollout(Strategy.ROLLING, HostCount.count(2), null), hosts))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(Batches.plan(rollout(Strategy.ROLLING, HostCount.percentage(25), null), hosts))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(Batches.plan(rollout(Strategy.ROLLING, null, null), hosts)).hasSize(5);
        assertThat(Batches.plan(rollout(Strategy.CANARY, null, HostCount.percentage(20)), hosts))
                .containsExactly(List.of("a"), List.of("b", "c", "d", "e"));
        assertThat(Batches.plan(rollout(Strategy.CANARY, HostCount.count(3), HostCount.count(2)), hosts))
                .containsExactly(List.of("a", "b"), List.of("c", "d", "e"));
        assertThat(Batches.plan(rollout(Strategy.CANARY, null, HostCount.count(9)), hosts))
                .containsExactly(hosts);
    }

    @Test
    void countsAndPercentagesOfHosts() {
        assertThat(HostCount.parse("batch", "25%", true).of(3, true)).isEqualTo(1);
        assertThat(HostCount.parse("maxFailures", "25%", false).of(3, false)).isZero();
        assertThat(HostCount.parse("maxFailures", "50%", false).of(5, false)).isEqualTo(2);
        assertThat(HostCount.parse("batch", 7, true).of(3, true)).isEqualTo(3);
        assertThat(HostCount.parse("batch", "4", true)).isEqualTo(HostCount.count(4));
    }

    private static String line(String action, String version) {
        return new ReleaseLog.Entry(Instant.parse("2026-11-23T10:00:00Z"), action, version, "", "app#1", "a").line();
    }

    @Test
    void theReleaseLogReplaysDeploysAndRollbacksAsAStack() {
        ReleaseLog log = ReleaseLog.parse(List.of(
                line("deploy", "1"),
                line("deploy", "2"),
                line("deploy", "2"),
                line("deploy", "3"),
                "a torn line",
                line("rollback", "2")));
        assertThat(log.stack()).containsExactly("1", "2");
        assertThat(log.previous(Optional.of("2"), List.of("1", "2", "3"))).contains("1");
        assertThat(log.previous(Optional.of("2"), List.of("2", "3"))).isEmpty();
        assertThat(log.byAge(List.of("3", "1", "x", "2"))).containsExactly("x", "1", "3", "2");
        ReleaseLog undone = ReleaseLog.parse(List.of(line("deploy", "1"), line("rollback", "")));
        assertThat(undone.stack()).isEmpty();
    }
}
