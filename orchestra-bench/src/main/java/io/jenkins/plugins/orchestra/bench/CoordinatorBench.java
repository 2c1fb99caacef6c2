package io.jenkins.plugins.orchestra.bench;

import static io.jenkins.plugins.orchestra.bench.Table.f;

import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The coordinator's benchmarks in one run, printed as Markdown tables: makespan against the longest path and against
 * waves of {@code parallel}, cost per transition, retained heap per stage, and scaling from 1,000 to 100,000 stages.
 *
 * <pre>
 * java -cp 'orchestra-bench/target/orchestra-bench-0.1.0-SNAPSHOT.jar:orchestra-bench/target/lib/*' \
 *     io.jenkins.plugins.orchestra.bench.CoordinatorBench [--quick] [--jmh]
 * </pre>
 *
 * {@code --quick} runs tiny sizes in a few seconds (the unit test does); {@code --jmh} also times whole runs under JMH.
 */
public final class CoordinatorBench {
    static final long SEED = WholeRunBenchmark.SEED;
    static final double MAKESPAN_GOAL = 1.02;
    static final double SPEED_UP_GOAL = 1.25;
    static final double TRANSITION_GOAL_NANOS = 20_000;
    static final double BYTES_PER_STAGE_GOAL = 2048;

    /** Sizes and times of a run of the benchmarks. */
    public record Config(
            String mode,
            int plans,
            int planStages,
            int realTimePlans,
            double realTimeScale,
            int transitionStages,
            Duration warmup,
            Duration measure,
            int minRuns,
            int memoryStages,
            int memoryRepetitions,
            List<Integer> scaling,
            List<Integer> retrying,
            boolean jmh) {

        /** The sizes the goals are stated for; about a minute and a half, a minute more with JMH. */
        public static Config full(boolean jmh) {
            return new Config(
                    "full",
                    50,
                    200,
                    10,
                    0.001,
                    10_000,
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(5),
                    10,
                    10_000,
                    5,
                    List.of(1_000, 10_000, 100_000),
                    List.of(500, 1_000, 2_000),
                    jmh);
        }

        /** Tiny sizes, a few seconds: checks that every benchmark works, says nothing about speed. */
        public static Config quick() {
            return new Config(
                    "quick",
                    4,
                    40,
                    1,
                    0.00001,
                    300,
                    Duration.ofMillis(50),
                    Duration.ofMillis(100),
                    3,
                    1_000,
                    1,
                    List.of(100, 300, 1_000),
                    List.of(50, 100),
                    false);
        }
    }

    /** What a run of the benchmarks measured. */
    public record Report(
            List<MakespanBench.Row> makespan,
            MakespanBench.RealTimeRow realTime,
            TransitionBench.Row transitions,
            MemoryBench.Result memory,
            List<TransitionBench.Row> scaling,
            List<TransitionBench.Row> retrying,
            List<JmhRow> jmh) {}

    /** A JMH score of whole runs, and what it makes per transition. */
    public record JmhRow(int stages, long transitions, double millisPerRun, double error) {
        public double nanosPerTransition() {
            return millisPerRun * 1e6 / transitions;
        }
    }

    private CoordinatorBench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean jmh = false;
        for (String arg : args) {
            switch (arg) {
                case "--quick" -> quick = true;
                case "--jmh" -> jmh = true;
                default -> {
                    System.err.println("usage: CoordinatorBench [--quick] [--jmh]");
                    System.exit(2);
                }
            }
        }
        run(quick ? Config.quick() : Config.full(jmh), System.out);
    }

    /** Runs every benchmark of {@code config}, printing each table as soon as it is measured. */
    public static Report run(Config config, PrintStream out) throws InterruptedException, RunnerException {
        out.println("# Orchestra coordinator benchmarks (" + config.mode() + ")");
        out.println();
        out.println(environment());
        out.println();

        List<MakespanBench.Row> makespan = new ArrayList<>();
        for (StageDurations.Model model : StageDurations.Model.values()) {
            makespan.add(MakespanBench.run(model, config.plans(), config.planStages(), SEED));
        }
        MakespanBench.RealTimeRow realTime = MakespanBench.runOnRealTime(
                StageDurations.Model.LOG_NORMAL,
                config.realTimePlans(),
                config.planStages(),
                SEED,
                config.realTimeScale());
        printMakespan(out, config, makespan, realTime);

        TransitionBench.Row transitions = TransitionBench.run(
                config.transitionStages(), SEED, config.warmup(), config.measure(), config.minRuns());
        printTransitions(out, transitions);

        MemoryBench.Result memory = MemoryBench.run(config.memoryStages(), SEED, config.memoryRepetitions());
        printMemory(out, memory);

        List<TransitionBench.Row> scaling = new ArrayList<>();
        for (int stages : config.scaling()) {
            scaling.add(TransitionBench.run(stages, SEED, config.warmup(), config.measure(), config.minRuns()));
        }
        printScaling(out, scaling);

        List<TransitionBench.Row> retrying = new ArrayList<>();
        double[] fingerprints = new double[config.retrying().size()];
        for (int k = 0; k < fingerprints.length; k++) {
            int stages = config.retrying().get(k);
            retrying.add(TransitionBench.runRetryingEveryStage(stages, SEED, config.warmup(), config.measure(), 3));
            fingerprints[k] = TransitionBench.fingerprintMillis(stages, SEED);
        }
        printRetrying(out, retrying, fingerprints);

        List<JmhRow> jmh = config.jmh() ? runJmh(config.scaling()) : List.of();
        if (!jmh.isEmpty()) {
            printJmh(out, jmh);
        }
        return new Report(makespan, realTime, transitions, memory, scaling, retrying, jmh);
    }

    private static String environment() {
        Runtime rt = Runtime.getRuntime();
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return f(
                "Java %s (%s), %d processors, max heap %d MiB, GC: %s; core: %s",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                rt.availableProcessors(),
                rt.maxMemory() >> 20,
                gcs,
                coreBuild());
    }

    /**
     * Which build of orchestra-core runs: worktrees share the local Maven repository, so target/lib may hold another
     * branch's core.
     */
    private static String coreBuild() {
        try {
            Path where = Path.of(Coordinator.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(where)) {
                return where.toString();
            }
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(where));
            return f(
                    "%s (%,d bytes, sha256 %s)",
                    where.getFileName(), Files.size(where), HexFormat.of().formatHex(sha, 0, 6));
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    private static void printMakespan(
            PrintStream out, Config config, List<MakespanBench.Row> rows, MakespanBench.RealTimeRow realTime) {
        out.println(f(
                "## 1. Makespan ÷ longest path: %d random plans of %d stages, simulated time, unlimited slots",
                config.plans(), config.planStages()));
        out.println();
        Table table = new Table(
                "durations",
                "edges/stage",
                "levels",
                "longest path",
                "ours median",
                "ours p90",
                "ours max",
                "waves median",
                "waves p90",
                "speed-up median",
                "speed-up min");
        for (MakespanBench.Row r : rows) {
            table.row(
                    r.model().label(),
                    f("%.2f", r.edgesPerStage()),
                    f("%.1f", r.levels()),
                    f("%.1f min", r.longestPathMinutes()),
                    f("%.3f", r.ours().median()),
                    f("%.3f", r.ours().p90()),
                    f("%.3f", r.ours().max()),
                    f("%.3f", r.waves().median()),
                    f("%.3f", r.waves().p90()),
                    f("%.2f×", r.speedUp().median()),
                    f("%.2f×", r.speedUp().min()));
        }
        out.print(table);
        out.println();
        for (MakespanBench.Row r : rows) {
            out.println(f(
                    "- %s: ours p90 %.3f, goal ≤ %.2f: %s; speed-up median %.2f×, goal ≥ %.2f×: %s",
                    r.model().label(),
                    r.ours().p90(),
                    MAKESPAN_GOAL,
                    verdict(r.ours().p90() <= MAKESPAN_GOAL),
                    r.speedUp().median(),
                    SPEED_UP_GOAL,
                    verdict(r.speedUp().median() >= SPEED_UP_GOAL)));
        }
        out.println();
        out.println(f(
                "Ours on real time (a pool thread ends each stage after its duration × %s; wall clock from start()"
                        + " to Finish ÷ the longest path × the same):",
                realTime.scale()));
        out.println();
        out.print(new Table("durations", "plans", "ours median", "ours p90", "ours max")
                .row(
                        realTime.model().label(),
                        realTime.plans(),
                        f("%.4f", realTime.ours().median()),
                        f("%.4f", realTime.ours().p90()),
                        f("%.4f", realTime.ours().max())));
        out.println();
    }

    private static void printTransitions(PrintStream out, TransitionBench.Row r) {
        out.println(f(
                "## 2. Coordinator cost per transition: %,d stages, %,d edges, one thread, stages succeed at once",
                r.stages(), r.edges()));
        out.println();
        out.print(new Table(
                        "stages",
                        "transitions",
                        "runs",
                        "run median",
                        "run min",
                        "run p90",
                        "ns/transition (median)",
                        "ns/transition (min)")
                .row(
                        f("%,d", r.stages()),
                        f("%,d", r.transitions()),
                        r.runMillis().count(),
                        f("%.2f ms", r.runMillis().median()),
                        f("%.2f ms", r.runMillis().min()),
                        f("%.2f ms", r.runMillis().p90()),
                        f("%,.0f", r.nanosPerTransition()),
                        f("%,.0f", r.runMillis().min() * 1e6 / r.transitions())));
        out.println();
        out.println(f(
                "- goal ≤ %,.0f ns per transition: %s",
                TRANSITION_GOAL_NANOS, verdict(r.nanosPerTransition() <= TRANSITION_GOAL_NANOS)));
        out.println();
    }

    private static void printMemory(PrintStream out, MemoryBench.Result m) {
        out.println(f(
                "## 3. Retained heap: %,d stages, %,d edges; used heap after full GCs, median of the repetitions",
                m.stages(), m.edges()));
        out.println();
        Table table = new Table("held", "bytes", "bytes/stage");
        row(table, m, "the plan alone", m.plan());
        row(table, m, "plan + coordinator, constructed", m.constructed());
        row(table, m, "plan + coordinator, just started", m.started());
        row(table, m, "plan + coordinator, run ended", m.finished());
        row(table, m, "the RunResult, if the host keeps it", m.result());
        row(table, m, "measurement noise (nothing allocated)", m.noise());
        out.print(table);
        out.println();
        long worst = Math.max(m.started(), m.finished());
        out.println(f(
                "- goal ≤ %,.0f bytes per stage including the plan (worst of started and ended: %,.0f): %s",
                BYTES_PER_STAGE_GOAL, m.perStage(worst), verdict(m.perStage(worst) <= BYTES_PER_STAGE_GOAL)));
        out.println();
    }

    private static void row(Table table, MemoryBench.Result m, String what, long bytes) {
        table.row(what, f("%,d", bytes), f("%,.0f", m.perStage(bytes)));
    }

    private static void printScaling(PrintStream out, List<TransitionBench.Row> rows) {
        out.println("## 4. Scaling: whole runs as in 2, random plans of growing size");
        out.println();
        Table table = new Table(
                "stages",
                "edges",
                "transitions",
                "runs",
                "run median",
                "ns per (stage + edge)",
                "ns/transition",
                "plan validation (not in run)");
        for (TransitionBench.Row r : rows) {
            table.row(
                    f("%,d", r.stages()),
                    f("%,d", r.edges()),
                    f("%,d", r.transitions()),
                    r.runMillis().count(),
                    f("%.2f ms", r.runMillis().median()),
                    f("%,.0f", r.nanosPerElement()),
                    f("%,.0f", r.nanosPerTransition()),
                    f("%.2f ms", r.validateMillis()));
        }
        out.print(table);
        out.println();
        TransitionBench.Row smallest = rows.get(0);
        TransitionBench.Row largest = rows.get(rows.size() - 1);
        out.println(f(
                "- ns per (stage + edge) at %,d stages ÷ at %,d stages: %.2f (1.00 is linear)",
                largest.stages(), smallest.stages(), largest.nanosPerElement() / smallest.nanosPerElement()));
        out.println();
    }

    private static void printRetrying(PrintStream out, List<TransitionBench.Row> rows, double[] fingerprints) {
        out.println("## 5. Retries: as in 2, but every stage may retry once, at once, and its first attempt fails");
        out.println();
        Table table = new Table(
                "stages",
                "edges",
                "transitions",
                "runs",
                "run median",
                "ns/transition",
                "ns per (stage + edge)",
                "one plan.fingerprint()");
        for (int k = 0; k < rows.size(); k++) {
            TransitionBench.Row r = rows.get(k);
            table.row(
                    f("%,d", r.stages()),
                    f("%,d", r.edges()),
                    f("%,d", r.transitions()),
                    r.runMillis().count(),
                    f("%.2f ms", r.runMillis().median()),
                    f("%,.0f", r.nanosPerTransition()),
                    f("%,.0f", r.nanosPerElement()),
                    f("%.3f ms", fingerprints[k]));
        }
        out.print(table);
        out.println();
        TransitionBench.Row smallest = rows.get(0);
        TransitionBench.Row largest = rows.get(rows.size() - 1);
        out.println(f(
                "- ns/transition at %,d stages ÷ at %,d stages: %.2f (1.00 is linear; the stage ratio is %.1f)",
                largest.stages(),
                smallest.stages(),
                largest.nanosPerTransition() / smallest.nanosPerTransition(),
                (double) largest.stages() / smallest.stages()));
        out.println();
    }

    private static List<JmhRow> runJmh(List<Integer> sizes) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(WholeRunBenchmark.class.getName() + ".wholeRun")
                .param("stages", sizes.stream().map(String::valueOf).toArray(String[]::new))
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<JmhRow> rows = new ArrayList<>();
        for (RunResult r : results) {
            int stages = Integer.parseInt(r.getParams().getParam("stages"));
            long transitions = DirectHost.run(RandomDag.generate(RandomDag.Shape.of(stages), WholeRunBenchmark.SEED))
                    .transitions();
            rows.add(new JmhRow(
                    stages,
                    transitions,
                    r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreError()));
        }
        return rows;
    }

    private static void printJmh(PrintStream out, List<JmhRow> rows) {
        out.println("## JMH: WholeRunBenchmark.wholeRun, average time, 1 fork, 3 × 2 s warm-up, 5 × 2 s measured");
        out.println();
        Table table = new Table("stages", "transitions", "ms per run (± 99.9% error)", "ns/transition");
        for (JmhRow r : rows) {
            table.row(
                    f("%,d", r.stages()),
                    f("%,d", r.transitions()),
                    f("%.3f ± %.3f", r.millisPerRun(), r.error()),
                    f("%,.0f", r.nanosPerTransition()));
        }
        out.print(table);
        out.println();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }
}
