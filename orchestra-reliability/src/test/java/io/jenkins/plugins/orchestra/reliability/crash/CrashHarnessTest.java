package io.jenkins.plugins.orchestra.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.orchestra.reliability.fixtures.Fleet;
import io.jenkins.plugins.orchestra.reliability.fixtures.Receiver;
import io.jenkins.plugins.orchestra.reliability.fixtures.RunnerJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the runner with SIGKILL at many points of a delivery pipeline ({@link Delivery}: provision, a diamond with a
 * retry, a rolling deploy over SSH that rolls back once, a webhook), then runs {@code orchestra resume}, and checks at
 * each point that the run completes, no stage that had succeeded runs again, every host's {@code current} is on a
 * complete release (at the kill and at the end), no message is sent twice, and the journals are readable.
 *
 * <p>{@code -Dcrash.points=N} sets how many kills (the module's default for {@code mvn verify} is small; the figures in
 * docs/reliability.md are of 50); a point the run ends before is reported and not counted, up to 2N points tried.
 * {@code -Dcrash.seed=S} chooses the points. Every point is printed with the seed.
 */
@Timeout(7200)
class CrashHarnessTest {
    private static final int HOSTS = 3;
    private static final long ARTIFACT_BYTES = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    static Path dir;

    private static Fleet fleet;

    @BeforeAll
    static void fleetOfThreeHosts() throws Exception {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH (apt-get install ansible)");
        fleet = Fleet.start(dir.resolve("fleet"), HOSTS, 61);
    }

    @AfterAll
    static void stopFleet() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void everyKillEndsInACompleteRunWithNothingDoneTwiceAndNoBrokenRelease() throws Exception {
        int n = Integer.getInteger("crash.points", 10);
        long seed = Long.getLong("crash.seed", 20261206L);
        SplittableRandom random = new SplittableRandom(seed);

        PointResult reference = run(0, null);
        assertThat(reference.problems()).as("the uninterrupted run").isEmpty();
        long runMillis = reference.millis();
        int journalLines = journalLines(dir.resolve("points/p0/.orchestra/runs/1"));

        // a write seen from outside may hold several lines: aim at the first half of a run's journal lines
        int writes = Math.max(2, journalLines / 2);
        List<PointResult> results = new ArrayList<>();
        long killed = 0;
        long horizon = runMillis;
        // N counts kills: a point the run ended before is reported, not counted, and the next time points are drawn
        // from the shorter run it showed (the first run may have been slowed by a busy machine)
        for (int i = 0; killed < n && i < 2 * n; i++) {
            KillPoint point = point(i, random, horizon, writes);
            PointResult r = run(i + 1, point);
            System.out.printf(
                    "crash point %d (%d of %d killed so far, seed %d) %s: %s%n", i + 1, killed, n, seed, point, r);
            results.add(r);
            if (r.killed()) {
                killed++;
            } else if (point.kind() == KillPoint.Kind.AT_TIME) {
                horizon = Math.max(1_000, Math.min(horizon, r.millis()));
            }
        }

        Map<String, Object> report = report(seed, runMillis, results);
        Path reports = Path.of(System.getProperty("reliability.reports", "target/reliability"));
        Files.createDirectories(reports);
        JSON.writeValue(reports.resolve("crash.json").toFile(), report);
        System.out.println("crash harness: " + report.get("summary"));
        assertThat(results)
                .allSatisfy(
                        r -> assertThat(r.problems()).as(r.point().toString()).isEmpty());
    }

    /**
     * The {@code i}-th point: first one of each targeted kind (two of the journal), then a rotation that keeps aiming at
     * uploads, switches, rollbacks and journal writes between random times over a whole run.
     */
    private static KillPoint point(int i, SplittableRandom random, long runMillis, int writes) {
        return switch (i < 5 ? i : 5 + (i - 5) % 8) {
            case 0, 5 -> new KillPoint(KillPoint.Kind.IN_UPLOAD, 0, 0);
            case 1, 10 -> new KillPoint(KillPoint.Kind.BEFORE_SWITCH, 0, 0);
            case 2 -> new KillPoint(KillPoint.Kind.IN_ROLLBACK, random.nextLong(0, 400), 0);
            case 8 -> new KillPoint(KillPoint.Kind.IN_ROLLBACK, random.nextLong(0, 600), 0);
            case 3 -> new KillPoint(KillPoint.Kind.JOURNAL_WRITE, 0, random.nextInt(1, writes / 2 + 1));
            case 4 -> new KillPoint(KillPoint.Kind.JOURNAL_WRITE, 0, random.nextInt(writes / 2, writes + 1));
            case 12 -> new KillPoint(KillPoint.Kind.JOURNAL_WRITE, 0, random.nextInt(1, writes + 1));
            default -> new KillPoint(KillPoint.Kind.AT_TIME, random.nextLong(300, runMillis), 0);
        };
    }

    /** Runs the pipeline in a fresh workspace; kills it at {@code point} (or not, if null) and resumes it. */
    private PointResult run(int index, KillPoint point) throws Exception {
        Path ws = dir.resolve("points").resolve("p" + index);
        List<String> problems = new ArrayList<>();
        try (Receiver receiver = Receiver.start()) {
            Map<String, String> manifest = Delivery.workspace(ws, fleet, receiver, ARTIFACT_BYTES);
            long start = System.nanoTime();
            boolean killed = false;
            String observed = "";
            try (RunnerJvm runner = RunnerJvm.start(
                    ws, Map.of(), "run", "Jenkinsfile", "--credentials", "credentials.json", "--no-ui", "--plain")) {
                if (point == null) {
                    int exit = runner.waitFor(Duration.ofMinutes(5));
                    if (exit != 0) {
                        problems.add("the run ended with " + exit + ":\n" + runner.output());
                    }
                } else if (runner.await(point.condition(ws, HOSTS, start), Duration.ofMinutes(5)) && runner.isAlive()) {
                    runner.kill();
                    killed = true;
                } else {
                    observed = "the run ended before the point was reached";
                    runner.waitFor(Duration.ofMinutes(1));
                }
            }
            long killedAt = (System.nanoTime() - start) / 1_000_000;
            Path runDir = ws.resolve(".orchestra/runs/1");
            boolean begun = Files.isRegularFile(runDir.resolve("run.json"));
            List<String> torn = new ArrayList<>();
            problems.addAll(Invariants.unreadableJournals(runDir, torn));
            List<String> brokenAtKill = Invariants.brokenReleases(ws, HOSTS, manifest);
            problems.addAll(brokenAtKill.stream().map(b -> "at the kill: " + b).toList());

            // what the journals say had succeeded when the runner died, and how often each stage's last step had run
            Set<String> succeededAtKill = Invariants.succeededStages(runDir);
            Map<String, Integer> atKill = Invariants.completions(ws);
            int resumeExit = 0;
            String resumeOutput = "";
            if (killed && begun) {
                try (RunnerJvm resume = RunnerJvm.start(ws, Map.of(), "resume", "1", "--workspace", ".")) {
                    resumeExit = resume.waitFor(Duration.ofMinutes(5));
                    resumeOutput = resume.output();
                }
            } else if (killed) {
                // killed before its first step: nothing may have happened, and the run is started again
                observed = "killed before the run's first step; started again";
                if (Files.exists(ws.resolve("completed.log"))
                        || Files.exists(Delivery.base(ws, 0).resolve("provisioned"))) {
                    problems.add("a run killed before its first step had done something");
                }
                try (RunnerJvm again = RunnerJvm.start(
                        ws,
                        Map.of(),
                        "run",
                        "Jenkinsfile",
                        "--credentials",
                        "credentials.json",
                        "--no-ui",
                        "--plain")) {
                    resumeExit = again.waitFor(Duration.ofMinutes(5));
                    resumeOutput = again.output();
                }
                runDir = latestRun(ws);
            }
            Path summary = runDir.resolve("summary.json");
            boolean completed = resumeExit == 0
                    && Files.isRegularFile(summary)
                    && Files.readString(summary).contains("\"result\" : \"SUCCESS\"");
            if (!completed) {
                problems.add("the run did not complete (resume exit " + resumeExit + "):\n" + resumeOutput);
            }
            Map<String, Integer> completions = Invariants.completions(ws);
            boolean resumed = killed && begun;
            // a stage that had succeeded must not run again; a stage that had not may run its last step again when
            // that step had acted but its completion was not yet journaled (a step runs at least once)
            List<String> twice = completions.entrySet().stream()
                    .filter(e -> resumed
                            ? succeededAtKill.contains(e.getKey()) && e.getValue() > atKill.get(e.getKey())
                            : e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList();
            List<String> rerunLastSteps = completions.entrySet().stream()
                    .filter(e -> resumed && !succeededAtKill.contains(e.getKey()) && e.getValue() > 1)
                    .map(Map.Entry::getKey)
                    .toList();
            if (!rerunLastSteps.isEmpty()) {
                observed = (observed.isEmpty() ? "" : observed + "; ")
                        + "last step run again, its completion not journaled at the kill: " + rerunLastSteps;
            }
            List<String> never = completions.entrySet().stream()
                    .filter(e -> e.getValue() == 0)
                    .map(Map.Entry::getKey)
                    .toList();
            if (!twice.isEmpty()) {
                problems.add("stages that completed twice: " + twice);
            }
            if (!never.isEmpty() && completed) {
                problems.add("stages that never completed: " + never);
            }
            List<String> brokenAtEnd = Invariants.brokenReleases(ws, HOSTS, manifest);
            problems.addAll(brokenAtEnd.stream().map(b -> "at the end: " + b).toList());
            for (int i = 0; i < HOSTS && completed; i++) {
                if (!KillPoint.currentIs(Delivery.base(ws, i), Delivery.VERSION)) {
                    problems.add("h" + i + " is not on " + Delivery.VERSION + " at the end");
                }
            }
            int duplicates = Invariants.duplicateMessages(receiver);
            if (duplicates > 0) {
                problems.add(duplicates + " message(s) received twice");
            }
            if (receiver.deliveries().size() != 1 && completed) {
                problems.add("expected one message, received " + receiver.deliveries());
            }
            return new PointResult(
                    point,
                    killed,
                    killedAt,
                    observed,
                    completed,
                    twice.size(),
                    rerunLastSteps.size(),
                    brokenAtKill.size() + brokenAtEnd.size(),
                    duplicates,
                    torn,
                    problems);
        }
    }

    private static Path latestRun(Path ws) {
        return KillPoint.list(ws.resolve(".orchestra/runs")).stream()
                .filter(p -> p.getFileName().toString().matches("\\d+"))
                .max(java.util.Comparator.comparingInt(
                        p -> Integer.parseInt(p.getFileName().toString())))
                .orElseThrow();
    }

    private static int journalLines(Path runDir) throws java.io.IOException {
        int lines = 0;
        for (Path p : KillPoint.list(runDir)) {
            if (p.getFileName().toString().endsWith(".jsonl")) {
                lines += Files.readAllLines(p).size();
            }
        }
        return lines;
    }

    private static Map<String, Object> report(long seed, long runMillis, List<PointResult> results) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pointsTried", results.size());
        summary.put("killed", results.stream().filter(PointResult::killed).count());
        summary.put("completed", results.stream().filter(PointResult::completed).count());
        summary.put(
                "doubleAppliedStages",
                results.stream().mapToInt(PointResult::twice).sum());
        summary.put(
                "unjournaledLastStepsRunAgain",
                results.stream().mapToInt(PointResult::rerunLastSteps).sum());
        summary.put(
                "brokenReleases", results.stream().mapToInt(PointResult::broken).sum());
        summary.put(
                "duplicateMessages",
                results.stream().mapToInt(PointResult::duplicates).sum());
        summary.put(
                "unreadableJournals",
                results.stream()
                        .filter(r -> r.problems().stream().anyMatch(p -> p.contains("not JSON")))
                        .count());
        summary.put(
                "tornJournalTails",
                results.stream().mapToInt(r -> r.torn().size()).sum());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("seed", seed);
        report.put("uninterruptedRunMillis", runMillis);
        report.put(
                "kinds",
                results.stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                r -> r.point().kind().name(),
                                LinkedHashMap::new,
                                java.util.stream.Collectors.counting())));
        report.put("summary", summary);
        report.put(
                "points",
                results.stream()
                        .map(r -> Map.of(
                                "point", String.valueOf(r.point()),
                                "killed", r.killed(),
                                "killedAtMillis", r.millis(),
                                "observed", r.observed(),
                                "completed", r.completed(),
                                "problems", r.problems()))
                        .toList());
        return report;
    }

    record PointResult(
            KillPoint point,
            boolean killed,
            long millis,
            String observed,
            boolean completed,
            int twice,
            int rerunLastSteps,
            int broken,
            int duplicates,
            List<String> torn,
            List<String> problems) {
        @Override
        public String toString() {
            return (killed ? "killed at " + millis + " ms" : observed.isEmpty() ? "not killed" : observed)
                    + (completed ? ", completed" : ", NOT completed")
                    + (problems.isEmpty() ? "" : ", " + problems);
        }
    }
}
