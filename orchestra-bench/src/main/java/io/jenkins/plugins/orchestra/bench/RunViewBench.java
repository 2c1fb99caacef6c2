package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.coordinator.simulation.Simulation;
import io.jenkins.plugins.orchestra.view.RunEvent;
import io.jenkins.plugins.orchestra.view.RunView;
import io.jenkins.plugins.orchestra.view.RunViewFold;
import io.jenkins.plugins.orchestra.view.RunViewJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the dashboard's server pays for a RunView: a random plan of N stages (as {@link CoordinatorBench} makes them)
 * run through the coordinator in simulated time, its events recorded, then, timed, on one thread: folding all the
 * events into a {@link RunViewFold}; a first snapshot and its JSON; the JSON of the changes since one more event (what
 * an SSE push costs); and {@link RunViewFold#toJson()} after one more event, as the server answers a page's GET while
 * the run goes on (it keeps the JSON of stages that have ended). Goal: the RunView of 10,000 stages in ≤ 50 ms. {@code --fixture FILE} also writes the JSON of a finished 1,000-stage run,
 * which {@code orchestra-dashboard/bench/first-render.mjs} renders.
 */
public final class RunViewBench {
    private RunViewBench() {}

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int warmups = quick ? 2 : 20;
        int runs = quick ? 3 : 30;
        System.out.printf(
                Locale.ROOT,
                "RunViewBench: %s, %d warm-up and %d timed repetitions per size, one thread%n",
                Runtime.version(),
                warmups,
                runs);
        Table table = new Table(
                "stages",
                "edges",
                "events",
                "fold all events",
                "RunView JSON (server), median",
                "p90",
                "max",
                "snapshot + JSON, first",
                "JSON bytes",
                "delta JSON");
        for (int n : quick ? new int[] {200} : new int[] {1_000, 10_000}) {
            Plan plan = RandomDag.generate(RandomDag.Shape.of(n), 42);
            List<CoordinatorEvent> events = events(plan);
            double[] fold = new double[runs];
            double[] view = new double[runs];
            double[] first = new double[runs];
            double[] delta = new double[runs];
            int bytes = 0;
            for (int i = -warmups; i < runs; i++) {
                long t0 = System.nanoTime();
                RunViewFold f = folded(plan, events);
                long t1 = System.nanoTime();
                long before = f.version();
                f.accept(new RunEvent.RunEnded(events.get(events.size() - 1).at(), RunEvent.Result.SUCCESS));
                long t2 = System.nanoTime();
                RunView snapshot = f.snapshot();
                byte[] whole = RunViewJson.toBytes(snapshot);
                long t3 = System.nanoTime();
                byte[] changes = RunViewJson.toBytes(f.changesSince(before));
                long t4 = System.nanoTime();
                f.toJson(); // keeps each ended stage's JSON, as a server does from its first request on
                f.accept(new RunEvent.RunEnded(events.get(events.size() - 1).at(), RunEvent.Result.SUCCESS));
                long t5 = System.nanoTime();
                byte[] json = f.toJson();
                long t6 = System.nanoTime();
                if (i >= 0) {
                    fold[i] = (t1 - t0) / 1e6;
                    first[i] = (t3 - t2) / 1e6;
                    delta[i] = (t4 - t3) / 1e6;
                    view[i] = (t6 - t5) / 1e6;
                    bytes = json.length;
                }
            }
            Stats v = Stats.of(view);
            table.row(
                    String.format(Locale.ROOT, "%,d", n),
                    String.format(Locale.ROOT, "%,d", RandomDag.edges(plan)),
                    String.format(Locale.ROOT, "%,d", events.size()),
                    ms(Stats.of(fold).median()),
                    ms(v.median()),
                    ms(v.p90()),
                    ms(v.max()),
                    ms(Stats.of(first).median()),
                    String.format(Locale.ROOT, "%,d", bytes),
                    ms(Stats.of(delta).median()));
        }
        System.out.println(table);
        int fixture = List.of(args).indexOf("--fixture");
        if (fixture >= 0) {
            Path file = Path.of(args[fixture + 1]);
            Plan plan = RandomDag.generate(RandomDag.Shape.of(1_000), 7);
            List<CoordinatorEvent> events = events(plan);
            RunViewFold f = folded(plan, events);
            f.accept(new RunEvent.RunEnded(events.get(events.size() - 1).at(), RunEvent.Result.SUCCESS));
            Files.write(file, RunViewJson.toBytes(f.snapshot()));
            System.out.println("wrote the RunView of a finished 1,000-stage run to " + file);
        }
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.1f ms", v);
    }

    /** The coordinator's events of a whole run of {@code plan}, stages lasting 5 s – 5 min. */
    static List<CoordinatorEvent> events(Plan plan) {
        List<CoordinatorEvent> events = new ArrayList<>();
        Simulation.run(
                plan,
                StageDurations.behaviour(StageDurations.draw(plan, StageDurations.Model.LOG_NORMAL, 1)),
                new SimulatedClock(Instant.parse("2026-11-24T10:00:00Z")),
                events::add);
        return events;
    }

    static RunViewFold folded(Plan plan, List<CoordinatorEvent> events) {
        RunViewFold f = new RunViewFold(
                UnaryOperator.identity(), () -> events.get(events.size() - 1).at());
        Instant start = events.get(0).at();
        f.accept(new RunEvent.RunStarted(start, 1, "Jenkinsfile", "bench", Map.of()));
        f.accept(new RunEvent.OrchestratePlanned(start, "o", null, null, plan));
        for (CoordinatorEvent e : events) {
            f.accept(new RunEvent.Coordinated("o", e));
        }
        return f;
    }
}
