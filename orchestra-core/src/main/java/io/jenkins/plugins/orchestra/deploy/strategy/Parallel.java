package io.jenkins.plugins.orchestra.deploy.strategy;

import io.jenkins.plugins.orchestra.process.Cancellation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one task per host on a deploy's thread pool and waits for all of them. An interruption of the waiting thread,
 * or the step's cancellation, interrupts the tasks that run, keeps the others from starting, waits until every task
 * has ended, and throws {@link InterruptedException}: nothing runs on after the call returns.
 */
public final class Parallel {
    /** One host's work. */
    @FunctionalInterface
    public interface Task<T> {
        void run(T item) throws InterruptedException;
    }

    private final ExecutorService pool;
    private final Cancellation cancellation;

    public Parallel(ExecutorService pool, Cancellation cancellation) {
        this.pool = pool;
        this.cancellation = cancellation;
    }

    /** Runs {@code task} for every item; stopped by an interruption or the cancellation, as the class says. */
    public <T> void each(List<T> items, Task<T> task) throws InterruptedException {
        run(items, task, true);
    }

    /**
     * Runs {@code task} for every item and waits for all, whatever happens meanwhile: for what must be done even when
     * the deploy is stopped (rolling back, releasing locks). An interruption of the caller is kept for it to see.
     */
    public <T> void eachToTheEnd(List<T> items, Task<T> task) {
        try {
            run(items, task, false);
        } catch (InterruptedException e) {
            throw new IllegalStateException("not stoppable", e);
        }
    }

    private <T> void run(List<T> items, Task<T> task, boolean stoppable) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(items.size());
        Set<Thread> running = ConcurrentHashMap.newKeySet();
        AtomicBoolean abort = new AtomicBoolean();
        AtomicReference<Throwable> bug = new AtomicReference<>();
        for (T item : items) {
            pool.execute(() -> {
                Thread self = Thread.currentThread();
                running.add(self);
                try {
                    if (!abort.get()) {
                        task.run(item);
                    }
                } catch (InterruptedException e) {
                    // the task has recorded what it could; the caller is being stopped
                } catch (RuntimeException | Error e) {
                    bug.compareAndSet(null, e);
                } finally {
                    running.remove(self);
                    Thread.interrupted();
                    done.countDown();
                }
            });
        }
        if (!stoppable) {
            awaitUninterruptibly(done);
            rethrow(bug.get());
            return;
        }
        try {
            while (!done.await(100, TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    throw new InterruptedException(cancellation.reason().orElse("cancelled"));
                }
            }
        } catch (InterruptedException e) {
            abort.set(true);
            running.forEach(Thread::interrupt);
            awaitUninterruptibly(done);
            throw e;
        }
        rethrow(bug.get());
    }

    private static void rethrow(Throwable b) {
        if (b instanceof RuntimeException r) {
            throw r;
        }
        if (b instanceof Error err) {
            throw err;
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
