package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.orchestra.deploy.strategy.Batches;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded property test of the rolling strategy over real directories: for random host counts, batch sizes, failure
 * budgets and hosts failing at random points (a before hook, an after hook, the health check), a batch after the one
 * that exhausted the budget is never touched, and every host ends on a complete release. A failing seed reproduces its
 * case: its number is in the message.
 */
@Timeout(300)
class RollingPropertyTest {
    private static final int SEEDS = 16;
    private static final String[] POINTS = {"before", "after", "health"};

    @TempDir
    Path tmp;

    @Test
    void neverTouchesABatchAfterTheFailedOneAndLeavesEveryHostOnACompleteRelease() throws Exception {
        Fixtures.tarGz(tmp, "v1.tar.gz", "1");
        Fixtures.tarGz(tmp, "v2.tar.gz", "2");
        for (int seed = 0; seed < SEEDS; seed++) {
            check(seed);
        }
        // the seeds cover the cases that matter
        assertThat(stoppedWithUntouchedBatches).isPositive();
        assertThat(toleratedFailures).isPositive();
        assertThat(cleanRuns).isPositive();
    }

    private int stoppedWithUntouchedBatches;
    private int toleratedFailures;
    private int cleanRuns;

    private void check(int seed) throws Exception {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(6);
        Object batch = random.nextBoolean() ? (Object) (1 + random.nextInt(n)) : (10 + random.nextInt(91)) + "%";
        int maxFailures = random.nextInt(2);
        boolean rollbackOnFailure = random.nextInt(4) != 0;
        Path root = Files.createDirectories(tmp.resolve("seed-" + seed));
        Path fail = Files.createDirectories(root.resolve("fail"));
        Map<String, String> failing = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            if (random.nextInt(10) < 3) {
                String point = POINTS[random.nextInt(POINTS.length)];
                failing.put("h" + i, point);
            }
        }
        String why = "seed " + seed + ": " + n + " hosts, batch " + batch + ", maxFailures " + maxFailures
                + ", rollbackOnFailure " + rollbackOnFailure + ", failing " + failing;

        RecordingStepHost host = new RecordingStepHost(tmp).target("web", Fixtures.localTarget(root.resolve("srv"), n));
        Deployer deployer = new Deployer(TargetKinds.defaults());
        deployer.deploy(
                DeploySpec.parse(Map.of("target", "web", "artifact", "v1.tar.gz", "version", "1")),
                host,
                DeployApproval.refuseAll("nobody"));
        for (Map.Entry<String, String> f : failing.entrySet()) {
            Files.createFile(fail.resolve(f.getKey() + "." + f.getValue()));
        }
        String probe = "test ! -e " + fail + "/$DEPLOY_HOST.";
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", "web");
        args.put("artifact", "v2.tar.gz");
        args.put("version", "2");
        args.put("strategy", "rolling");
        args.put("batch", batch);
        args.put("maxFailures", maxFailures);
        args.put("rollbackOnFailure", rollbackOnFailure);
        args.put("hooks", Map.of("before", probe + "before", "after", probe + "after"));
        args.put("healthCheck", Map.of("command", probe + "health", "timeout", "300ms", "interval", "100ms"));
        DeploySpec spec = DeploySpec.parse(args);
        DeployResult result;
        try {
            result = deployer.deploy(spec, host, DeployApproval.refuseAll("nobody"));
        } catch (DeployException e) {
            result = e.result().orElseThrow(() -> new AssertionError(why + ": no result in " + e.getMessage()));
        }

        List<String> hosts = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            hosts.add("h" + i);
        }
        List<List<String>> batches = Batches.plan(spec.rollout(), hosts);
        int failures = 0;
        int stopBatch = -1;
        for (int b = 0; b < batches.size() && stopBatch < 0; b++) {
            for (String h : batches.get(b)) {
                if (failing.containsKey(h)) {
                    failures++;
                }
            }
            if (failures > maxFailures) {
                stopBatch = b;
            }
        }
        boolean stopped = stopBatch >= 0;
        assertThat(result.succeeded()).as(why).isEqualTo(!stopped);

        Set<String> untouched = new HashSet<>();
        for (int b = stopBatch + 1; stopped && b < batches.size(); b++) {
            untouched.addAll(batches.get(b));
        }
        if (!untouched.isEmpty()) {
            stoppedWithUntouchedBatches++;
        } else if (!stopped && !failing.isEmpty()) {
            toleratedFailures++;
        } else if (failing.isEmpty()) {
            cleanRuns++;
        }
        for (String h : hosts) {
            Path base = root.resolve("srv").resolve(h);
            String as = why + ", host " + h;
            String live = completeRelease(base, as);
            HostResult r = result.host(h).orElseThrow();
            if (untouched.contains(h)) {
                assertThat(r.outcome()).as(as).isEqualTo(HostOutcome.NOT_STARTED);
                assertThat(base.resolve("releases/2")).as(as).doesNotExist();
                assertThat(Files.readAllLines(base.resolve(".orchestra/releases.log")))
                        .as(as)
                        .hasSize(1);
                assertThat(live).as(as).isEqualTo("1");
            } else if (stopped && rollbackOnFailure) {
                assertThat(live).as(as).isEqualTo("1");
            } else if (failing.containsKey(h) && r.outcome() != HostOutcome.NOT_STARTED) {
                boolean switched = !failing.get(h).equals("before");
                assertThat(live).as(as).isEqualTo(switched && !rollbackOnFailure ? "2" : "1");
            } else if (!stopped) {
                assertThat(live).as(as).isEqualTo(failing.containsKey(h) ? live : "2");
            }
            assertThat(r.live().orElse(""))
                    .as(as + ": the result says what is live")
                    .isEqualTo(live);
            assertThat(base.resolve(".orchestra/lock")).as(as).doesNotExist();
        }
    }

    /** The release {@code current} serves, checked to be whole: its files, its mode, no half-made release left. */
    private static String completeRelease(Path base, String as) throws Exception {
        Path current = base.resolve("current");
        String target = Files.readSymbolicLink(current).toString();
        assertThat(target).as(as).matches("releases/[12]");
        String version = target.substring("releases/".length());
        assertThat(current.resolve("index.html")).as(as).hasContent("version " + version);
        assertThat(current.resolve("bin/run.sh")).as(as).isExecutable();
        try (Stream<Path> releases = Files.list(base.resolve("releases"))) {
            assertThat(releases.map(p -> p.getFileName().toString())).as(as).allMatch(name -> name.matches("[12]"));
        }
        return version;
    }
}
