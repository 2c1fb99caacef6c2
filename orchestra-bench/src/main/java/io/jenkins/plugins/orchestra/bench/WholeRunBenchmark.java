package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one whole run of a random plan on {@link DirectHost}, average time. A run of {@code n} stages emits {@code 3n
 * + 2} events (queued, started, succeeded per stage; run started and finished), so ns per transition is the score
 * divided by that; {@code CoordinatorBench --jmh} prints the division.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WholeRunBenchmark {
    static final long SEED = 20_260_101L;

    @Param({"1000", "10000", "100000"})
    public int stages;

    private Plan plan;

    @Setup
    public void generate() {
        plan = RandomDag.generate(RandomDag.Shape.of(stages), SEED);
    }

    @Benchmark
    public DirectHost.Outcome wholeRun() {
        return DirectHost.run(plan);
    }
}
