package io.jenkins.plugins.orchestra.coordinator.executor;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs plans written in Java on a pool of threads. Each run gets a driver thread that owns its {@link Coordinator};
 * stages run on the pool as soon as the coordinator starts them.
 */
public final class PlanExecutor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PlanExecutor.class.getName());

    private final ExecutorService pool;
    private final InstantSource clock;

    /** An executor on the system clock with a pool that grows as stages need threads. */
    public PlanExecutor() {
        this(Executors.newCachedThreadPool(daemons("orchestra-stage")), InstantSource.system());
    }

    public PlanExecutor(ExecutorService pool, InstantSource clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Starts a run of {@code plan}; the returned handle waits for it, approves, rejects and aborts. */
    public RunHandle start(Plan plan, StageActions actions, List<CoordinatorListener> listeners) {
        actions.check(plan);
        return launch(new Coordinator(plan, clock, listeners), actions, true);
    }

    /** Resumes a run of {@code plan} from the events it recorded before it stopped. */
    public RunHandle resume(
            Plan plan, StageActions actions, List<CoordinatorEvent> history, List<CoordinatorListener> listeners) {
        actions.check(plan);
        return launch(Coordinator.resume(plan, clock, history, listeners), actions, false);
    }

    private RunHandle launch(Coordinator coordinator, StageActions actions, boolean start) {
        RunHandle handle = new RunHandle(coordinator, actions, pool, clock);
        Thread driver = daemons("orchestra-driver-" + coordinator.plan().name()).newThread(() -> handle.drive(start));
        driver.start();
        return handle;
    }

    /** How a stage's exception becomes a failure the coordinator understands. */
    static Failure failureOf(Throwable t) {
        if (t instanceof StageFailure f) {
            return f.failure();
        }
        if (t instanceof IOException) {
            return Failure.infrastructure(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        if (!(t instanceof OrchestraException) && !(t instanceof InterruptedException)) {
            LOG.log(System.Logger.Level.WARNING, "a stage action threw an unexpected exception", t);
        }
        return Failure.of(t);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
