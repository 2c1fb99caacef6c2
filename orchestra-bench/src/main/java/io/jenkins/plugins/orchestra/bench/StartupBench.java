package io.jenkins.plugins.orchestra.bench;

import static io.jenkins.plugins.orchestra.bench.Table.f;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runner's startup: Jenkinsfile to first stage started, for a 50-line Declarative Jenkinsfile, printed as Markdown
 * tables.
 *
 * <ul>
 *   <li><b>Cold:</b> fresh JVMs running {@code orchestra run}, timed on the wall clock from just before the process
 *       starts to the first {@code [Pipeline] { (} line on its standard output, read as it comes; with the default
 *       JVM, with a class-data archive (AppCDS) and JVM options, through the {@code ./orchestra} wrapper, and bare
 *       Groovy 2.4.21 printing one line as the baseline. The variants take turns, so that the load of a shared
 *       machine falls on all of them alike. Also the phases of a cold run and the classes it loads, by source.
 *   <li><b>Warm:</b> {@code orchestra run} again and again in this JVM through the runner's API, as the dashboard will.
 * </ul>
 *
 * <pre>
 * java -cp 'orchestra-bench/target/orchestra-bench-0.1.0-SNAPSHOT.jar:orchestra-bench/target/lib/*' \
 *     io.jenkins.plugins.orchestra.bench.StartupBench [--quick] [--launches N]
 * </pre>
 *
 * Run it from the repository (it finds the root upwards), after {@code mvn install}: the fresh JVMs run the runner as
 * {@code ./orchestra} does, from {@code orchestra-runner/target}. {@code --quick} launches each variant once and runs
 * a few warm runs: it checks that everything works and says nothing about speed.
 */
public final class StartupBench {
    static final String JENKINSFILE = "startup-50-lines.jenkinsfile";
    static final double COLD_GOAL_MILLIS = 800;
    static final double WARM_GOAL_MILLIS = 60;
    static final String MAIN = "io.jenkins.plugins.orchestra.runner.Main";

    /**
     * @param launches timed launches of each cold variant
     * @param untimedLaunch first launch each variant once untimed, to fill the page cache (and let the wrapper build
     *     the runner and record its archive)
     * @param warmUps runs in this JVM before the timed ones
     * @param warmRuns timed runs in this JVM
     * @param jvmOptions also time a dynamic archive, no class-data sharing at all, and JVM options on top of the static
     *     archive
     * @param wrapper also time {@code ./orchestra run}, which may build the runner and records its archive first
     */
    public record Config(
            String mode,
            int launches,
            boolean untimedLaunch,
            int warmUps,
            int warmRuns,
            boolean jvmOptions,
            boolean wrapper) {
        public static Config full(int launches) {
            return new Config("full", launches, true, 30, 200, true, true);
        }

        /** One launch of the main variants and a few warm runs: checks that everything works, in seconds. */
        public static Config quick() {
            return new Config("quick", 1, false, 2, 3, false, false);
        }
    }

    /** One way of starting a fresh JVM. */
    record Variant(String name, List<String> command, boolean phases) {}

    /** Launches of a variant: milliseconds to the first stage line, and to the process's end. */
    public record ColdRow(String variant, String command, Stats firstStage, Stats exit) {}

    /**
     * A phase of a cold run (see {@link StartupPhases}) in milliseconds: with the default JVM, as {@code ./orchestra}
     * starts it, and the same when the Jenkinsfile is compiled without being validated first.
     */
    public record PhaseRow(String phase, Stats plain, Stats shipped, Stats unvalidated) {}

    /** Classes a cold run loads, by where they come from. */
    public record ClassLoadRow(String variant, int total, int archived, int jdkModules, int jars, int defined) {}

    public record Report(
            List<ColdRow> cold,
            List<PhaseRow> phases,
            List<ClassLoadRow> classes,
            WarmRuns.Result warm,
            List<Archive> archives) {}

    static final String GROOVY = "bare Groovy 2.4.21, `println`";
    static final String DEFAULT = "runner, default JVM";
    static final String NO_SHARING = "runner, `-Xshare:off`";
    static final String DYNAMIC = "runner, dynamic archive";
    static final String STATIC = "runner, static archive";
    static final String C1 = "runner, static archive + `-XX:TieredStopAtLevel=1`";
    static final String SERIAL = "runner, static archive + `-XX:+UseSerialGC`";
    static final String C1_SERIAL = "runner, static archive + both";
    static final String WRAPPER = "`./orchestra run`";
    static final String PHASES = "phases";
    static final String PHASES_SHIPPED = "phases, as ./orchestra starts the JVM";
    static final String PHASES_UNVALIDATED = "phases, as ./orchestra starts the JVM, compiled without validating";

    /** The options {@code ./orchestra} starts the runner with, besides its archive. */
    static final List<String> WRAPPER_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        Config config = Config.full(15);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> config = Config.quick();
                case "--launches" -> config = Config.full(Integer.parseInt(args[++i]));
                default -> {
                    System.err.println("usage: StartupBench [--quick | --launches N]");
                    System.exit(2);
                }
            }
        }
        run(config, StartupLayout.find(Path.of("")), System.out);
    }

    /** Runs the benchmark, printing each table as soon as it is measured. */
    public static Report run(Config config, StartupLayout layout, PrintStream out)
            throws IOException, InterruptedException {
        out.println("# Orchestra runner startup (" + config.mode() + ")");
        out.println();
        out.println(environment(layout));
        out.println();
        Path work = Files.createTempDirectory("orchestra-startup-bench");
        try {
            return run(config, layout, work, out);
        } finally {
            deleteTree(work);
        }
    }

    private static Report run(Config config, StartupLayout layout, Path work, PrintStream out)
            throws IOException, InterruptedException {
        Path workspace = Files.createDirectories(work.resolve("workspace"));
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        try (InputStream in = StartupBench.class.getResourceAsStream(JENKINSFILE)) {
            Files.copy(in, jenkinsfile);
        }
        Path hello = work.resolve("hello.groovy");
        Files.writeString(hello, "println '" + ColdLaunch.STAGE_MARK + "bare Groovy)'\n", StandardCharsets.UTF_8);
        List<Archive> archives = new ArrayList<>();
        if (config.jvmOptions()) {
            archives.add(Archive.record(Archive.Kind.DYNAMIC, layout, work));
        }
        archives.add(Archive.record(Archive.Kind.STATIC, layout, work));
        List<Variant> variants = variants(config, layout, archives, jenkinsfile, hello);

        Map<Variant, List<ColdLaunch.Result>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v, new ArrayList<>()));
        for (int round = config.untimedLaunch() ? 0 : 1; round <= config.launches(); round++) {
            for (int k = 0; k < variants.size(); k++) {
                Variant v = variants.get((k + round) % variants.size());
                ColdLaunch.Result r = ColdLaunch.run(v.command(), workspace, work.resolve("launch.err"), v.phases());
                deleteRuns(workspace);
                if (round > 0) {
                    results.get(v).add(r);
                }
            }
        }
        if (config.wrapper() && !Files.isRegularFile(layout.wrapperArchive())) {
            out.println("Note: ./orchestra ran without a class-data archive: none at " + layout.wrapperArchive());
            out.println();
        }

        List<ColdRow> cold = new ArrayList<>();
        for (Variant v : variants) {
            if (!v.phases()) {
                List<ColdLaunch.Result> rs = results.get(v);
                cold.add(new ColdRow(
                        v.name(),
                        describe(v.command(), layout, work),
                        stats(rs, ColdLaunch.Result::firstStageMillis),
                        stats(rs, ColdLaunch.Result::exitMillis)));
            }
        }
        printCold(out, config, cold, archives, layout, work);

        int last = variants.size() - 1;
        List<PhaseRow> phases = phaseRows(
                results.get(variants.get(last - 2)),
                results.get(variants.get(last - 1)),
                results.get(variants.get(last)));
        printPhases(out, phases);

        String jf = jenkinsfile.toString();
        List<ClassLoadRow> classes = new ArrayList<>();
        classes.add(classLoads(GROOVY, variants.get(0).command(), workspace, work));
        classes.add(classLoads(DEFAULT, java(layout, List.of(), "run", jf), workspace, work));
        for (Archive a : archives) {
            classes.add(classLoads(
                    a.kind() == Archive.Kind.STATIC ? STATIC : DYNAMIC,
                    java(layout, a.options(), "run", jf),
                    workspace,
                    work));
        }
        printClasses(out, classes);

        WarmRuns.Result warm = WarmRuns.run(jenkinsfile, config.warmUps(), config.warmRuns());
        printWarm(out, config, warm);
        return new Report(cold, phases, classes, warm, archives);
    }

    /** The cold variants, bare Groovy first and the default JVM second, then the three kinds of phase launches last. */
    private static List<Variant> variants(
            Config config, StartupLayout layout, List<Archive> archives, Path jenkinsfile, Path hello) {
        List<String> useArchive = archives.get(archives.size() - 1).options();
        String jf = jenkinsfile.toString();
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(
                GROOVY,
                List.of(
                        layout.java().toString(),
                        "-cp",
                        layout.groovyJar().toString(),
                        "groovy.ui.GroovyMain",
                        hello.toString()),
                false));
        variants.add(new Variant(DEFAULT, java(layout, List.of(), "run", jf), false));
        if (config.jvmOptions()) {
            variants.add(new Variant(NO_SHARING, java(layout, List.of("-Xshare:off"), "run", jf), false));
            variants.add(new Variant(DYNAMIC, java(layout, archives.get(0).options(), "run", jf), false));
        }
        variants.add(new Variant(STATIC, java(layout, useArchive, "run", jf), false));
        if (config.jvmOptions()) {
            variants.add(new Variant(C1, java(layout, plus(useArchive, "-XX:TieredStopAtLevel=1"), "run", jf), false));
            variants.add(new Variant(SERIAL, java(layout, plus(useArchive, "-XX:+UseSerialGC"), "run", jf), false));
            variants.add(new Variant(
                    C1_SERIAL,
                    java(layout, plus(plus(useArchive, "-XX:TieredStopAtLevel=1"), "-XX:+UseSerialGC"), "run", jf),
                    false));
        }
        if (config.wrapper()) {
            variants.add(new Variant(WRAPPER, List.of("bash", layout.wrapper().toString(), "run", jf), false));
        }
        List<String> shipped = new ArrayList<>(useArchive);
        shipped.addAll(WRAPPER_OPTIONS);
        variants.add(new Variant(PHASES, phases(layout, List.of(), jenkinsfile, false), true));
        variants.add(new Variant(PHASES_SHIPPED, phases(layout, shipped, jenkinsfile, false), true));
        variants.add(new Variant(PHASES_UNVALIDATED, phases(layout, shipped, jenkinsfile, true), true));
        return variants;
    }

    private static List<String> java(StartupLayout layout, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(layout.runnerClassPath());
        command.add(MAIN);
        command.addAll(List.of(args));
        return command;
    }

    /** The runner's class path first, as the archive was recorded with; the bench's classes after it. */
    private static List<String> phases(
            StartupLayout layout, List<String> jvmOptions, Path jenkinsfile, boolean withoutValidation) {
        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(layout.runnerClassPath() + java.io.File.pathSeparator + layout.benchClasses());
        command.add(StartupPhases.class.getName());
        command.add(jenkinsfile.toString());
        if (withoutValidation) {
            command.add("--no-validate");
        }
        return command;
    }

    private static List<String> plus(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return all;
    }

    private static Stats stats(
            List<ColdLaunch.Result> results, java.util.function.ToDoubleFunction<ColdLaunch.Result> f) {
        return Stats.of(results.stream().mapToDouble(f).toArray());
    }

    /** Durations of each phase: from the JVM's start to main, then from each phase's end to the next one's. */
    private static List<PhaseRow> phaseRows(
            List<ColdLaunch.Result> plain, List<ColdLaunch.Result> shipped, List<ColdLaunch.Result> unvalidated) {
        List<PhaseRow> rows = new ArrayList<>();
        List<String> names = StartupPhases.PHASES;
        for (int p = 0; p < names.size(); p++) {
            String name = p == 0 ? "JVM start → main" : names.get(p);
            rows.add(new PhaseRow(name, phase(plain, p), phase(shipped, p), phase(unvalidated, p)));
        }
        int first = names.indexOf(StartupPhases.FIRST_STAGE);
        rows.add(
                first + 1,
                new PhaseRow(
                        "total: JVM start → first stage",
                        stats(plain, ColdLaunch.Result::firstStageMillis),
                        stats(shipped, ColdLaunch.Result::firstStageMillis),
                        stats(unvalidated, ColdLaunch.Result::firstStageMillis)));
        return rows;
    }

    private static Stats phase(List<ColdLaunch.Result> results, int p) {
        double[] millis = new double[results.size()];
        for (int i = 0; i < millis.length; i++) {
            double[] ends = phaseEnds(results.get(i));
            millis[i] = ends[p] - (p == 0 ? 0 : ends[p - 1]);
        }
        return Stats.of(millis);
    }

    /** When each phase of a launch ended: its marks, with the first stage line in its place among them. */
    private static double[] phaseEnds(ColdLaunch.Result r) {
        List<String> names = StartupPhases.PHASES;
        List<String> printed = new ArrayList<>(names);
        printed.remove(StartupPhases.FIRST_STAGE);
        if (!r.phases().stream().map(ColdLaunch.Mark::name).toList().equals(printed)
                || Double.isNaN(r.firstStageMillis())) {
            throw new IllegalStateException(
                    "phases printed " + r.phases() + ", first stage at " + r.firstStageMillis());
        }
        double[] ends = new double[names.size()];
        int m = 0;
        for (int p = 0; p < ends.length; p++) {
            ends[p] = names.get(p).equals(StartupPhases.FIRST_STAGE)
                    ? r.firstStageMillis()
                    : r.phases().get(m++).millis();
        }
        return ends;
    }

    /** One more launch with {@code -Xlog:class+load} to a file, whose lines say where each class came from. */
    private static ClassLoadRow classLoads(String variant, List<String> command, Path workspace, Path work)
            throws IOException, InterruptedException {
        Path log = work.resolve("class-load.log");
        Files.deleteIfExists(log);
        List<String> logged = new ArrayList<>(command);
        logged.add(1, "-Xlog:class+load=info:file=" + log);
        ColdLaunch.run(logged, workspace, work.resolve("launch.err"), false);
        deleteRuns(workspace);
        int total = 0;
        int archived = 0;
        int jdkModules = 0;
        int jars = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int source = line.indexOf(" source: ");
            if (source < 0) {
                continue;
            }
            total++;
            String from = line.substring(source + " source: ".length());
            if (from.startsWith("shared objects file")) {
                archived++;
            } else if (from.startsWith("jrt:/")) {
                jdkModules++;
            } else if (from.startsWith("file:") && from.endsWith(".jar")) {
                jars++;
            }
        }
        return new ClassLoadRow(variant, total, archived, jdkModules, jars, total - archived - jdkModules - jars);
    }

    private static void printCold(
            PrintStream out,
            Config config,
            List<ColdRow> rows,
            List<Archive> archives,
            StartupLayout layout,
            Path work) {
        out.println(f(
                "## Cold: fresh JVM, `orchestra run` of the 50-line Jenkinsfile to its first stage line; %d launches"
                        + " each, taking turns",
                config.launches()));
        out.println();
        Table table = new Table(
                "variant", "first stage median", "min", "p90", "÷ bare Groovy", "÷ default JVM", "exit median");
        ColdRow groovy = rows.get(0);
        ColdRow plain = rows.get(1);
        for (ColdRow r : rows) {
            table.row(
                    r.variant(),
                    f("%.0f ms", r.firstStage().median()),
                    f("%.0f ms", r.firstStage().min()),
                    f("%.0f ms", r.firstStage().p90()),
                    f("%.2f", r.firstStage().median() / groovy.firstStage().median()),
                    f("%.2f", r.firstStage().median() / plain.firstStage().median()),
                    f("%.0f ms", r.exit().median()));
        }
        out.print(table);
        out.println();
        for (Archive a : archives) {
            out.println(f(
                    "The %s archive: %,d bytes, recorded in %.1f s by %s.",
                    a.kind().name().toLowerCase(java.util.Locale.ROOT),
                    a.bytes(),
                    a.millis() / 1000,
                    String.join(
                            ", then ",
                            a.commands().stream()
                                    .map(c -> "`" + describe(c, layout, work) + "`")
                                    .toList())));
        }
        out.println();
        for (ColdRow r : rows) {
            out.println("- " + r.variant() + ": `" + r.command() + "`");
        }
        out.println();
        // what ships when it was timed, else the fastest runner variant
        ColdRow judged = rows.stream()
                .filter(r -> r.variant().equals(WRAPPER))
                .findFirst()
                .orElseGet(() -> rows.stream()
                        .filter(r -> !r.variant().equals(GROOVY))
                        .min(Comparator.comparingDouble(r -> r.firstStage().median()))
                        .orElseThrow());
        out.println(f(
                "Goal: first stage ≤ %.0f ms, cold. %s: median %.0f ms, p90 %.0f ms: %s.",
                COLD_GOAL_MILLIS,
                judged.variant(),
                judged.firstStage().median(),
                judged.firstStage().p90(),
                judged.firstStage().median() <= COLD_GOAL_MILLIS ? "met" : "MISSED"));
        out.println();
    }

    private static void printPhases(PrintStream out, List<PhaseRow> rows) {
        out.println("## Where a cold run's time goes: the same work phase by phase (StartupPhases), medians");
        out.println();
        Table table = new Table(
                "phase",
                "default JVM",
                "p90",
                "as ./orchestra starts it",
                "p90",
                "same, compiled without validating",
                "p90");
        for (PhaseRow r : rows) {
            table.row(
                    r.phase(),
                    f("%.0f ms", r.plain().median()),
                    f("%.0f ms", r.plain().p90()),
                    f("%.0f ms", r.shipped().median()),
                    f("%.0f ms", r.shipped().p90()),
                    f("%.0f ms", r.unvalidated().median()),
                    f("%.0f ms", r.unvalidated().p90()));
        }
        out.print(table);
        out.println();
        out.println("As ./orchestra starts it: " + String.join(" ", WRAPPER_OPTIONS) + " and the static archive.");
        out.println("The phases' medians need not add up to the total's median. Jackson comes after the run: the runner"
                + " starts it when it writes summary.json.");
        out.println();
    }

    private static void printClasses(PrintStream out, List<ClassLoadRow> rows) {
        out.println("## Classes a cold run loads, by source (`-Xlog:class+load`, one launch each)");
        out.println();
        Table table =
                new Table("variant", "classes", "from a CDS archive", "JDK modules", "jars", "defined at run time");
        for (ClassLoadRow r : rows) {
            table.row(
                    r.variant(),
                    f("%,d", r.total()),
                    f("%,d", r.archived()),
                    f("%,d", r.jdkModules()),
                    f("%,d", r.jars()),
                    f("%,d", r.defined()));
        }
        out.print(table);
        out.println();
    }

    private static void printWarm(PrintStream out, Config config, WarmRuns.Result r) {
        out.println(f(
                "## Warm: `orchestra run` in one JVM through `Main.run`, %d runs after %d warm-up runs",
                config.warmRuns(), r.warmUps()));
        out.println();
        Table table = new Table("what", "median", "min", "p90", "max");
        table.row(
                "first stage",
                ms(r.firstStage().median()),
                ms(r.firstStage().min()),
                ms(r.firstStage().p90()),
                ms(r.firstStage().max()));
        table.row(
                "whole run",
                ms(r.whole().median()),
                ms(r.whole().min()),
                ms(r.whole().p90()),
                ms(r.whole().max()));
        table.row(
                "of which validate",
                ms(r.validate().median()),
                ms(r.validate().min()),
                ms(r.validate().p90()),
                ms(r.validate().max()));
        table.row(
                "of which compile",
                ms(r.compile().median()),
                ms(r.compile().min()),
                ms(r.compile().p90()),
                ms(r.compile().max()));
        out.print(table);
        out.println();
        out.println(f(
                "First runs in this JVM, to the first stage: %s. Validate and compile were timed alone, in a loop of"
                        + " their own after the runs.",
                String.join(", ", r.firstRuns().stream().map(StartupBench::ms).toList())));
        out.println();
        out.println(f(
                "Goal: first stage ≤ %.0f ms, warm: median %.1f ms, p90 %.1f ms: %s.",
                WARM_GOAL_MILLIS,
                r.firstStage().median(),
                r.firstStage().p90(),
                r.firstStage().p90() <= WARM_GOAL_MILLIS
                        ? "met"
                        : r.firstStage().median() <= WARM_GOAL_MILLIS ? "met at the median, not at p90" : "MISSED"));
        out.println();
    }

    private static String ms(double millis) {
        return f("%.1f ms", millis);
    }

    /** The command, shorter: paths under the repository and the work directory by their short names. */
    private static String describe(List<String> command, StartupLayout layout, Path work) {
        return String.join(" ", command)
                .replace(layout.java().toString(), "java")
                .replace(layout.root() + "/", "")
                .replace(work + "/", "")
                .replace(MAIN, "…Main");
    }

    private static String environment(StartupLayout layout) {
        return f(
                "Java %s (%s), %d processors, load average %s; runner: %s; repository: %s",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                fingerprint(layout.runnerJar()),
                layout.root());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String fingerprint(Path jar) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar));
            return f(
                    "%s (%,d bytes, sha256 %s)",
                    jar.getFileName(), Files.size(jar), HexFormat.of().formatHex(sha, 0, 6));
        } catch (IOException | NoSuchAlgorithmException e) {
            return jar + " (" + e + ")";
        }
    }

    /** Deletes the run directories a run left in {@code workspace}, so that every run starts alike. */
    static void deleteRuns(Path workspace) throws IOException {
        deleteTree(workspace.resolve(".orchestra"));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
