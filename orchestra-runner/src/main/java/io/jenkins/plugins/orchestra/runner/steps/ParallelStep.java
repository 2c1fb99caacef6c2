package io.jenkins.plugins.orchestra.runner.steps;

import groovy.lang.Closure;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code parallel a: {…}, b: {…}, failFast: true}: every branch on its own thread, really at the same time. The step
 * ends when all branches have; it fails with the first branch that failed; with {@code failFast} the first failure
 * aborts the other branches.
 */
public final class ParallelStep {
    private ParallelStep() {}

    public static void register(PipelineRuntime runtime) {
        runtime.register("parallel", ParallelStep::parallel);
    }

    private static Object parallel(StepCall call, PipelineRuntime rt) throws InterruptedException {
        Map<String, Closure<?>> branches = new LinkedHashMap<>();
        boolean failFast = false;
        for (Map.Entry<String, Object> e : call.named().entrySet()) {
            if (e.getKey().equals("failFast")) {
                failFast = Boolean.TRUE.equals(e.getValue());
            } else if (e.getValue() instanceof Closure<?> c) {
                branches.put(e.getKey(), c);
            } else {
                throw new StepException("parallel branch '" + e.getKey() + "' must be a block { … }, was "
                        + (e.getValue() == null
                                ? "null"
                                : e.getValue().getClass().getSimpleName()) + call.at());
            }
        }
        ExecutionContext parent = rt.context();
        rt.console().pipeline(parent, "parallel");
        Map<String, Object> results = new ConcurrentHashMap<>();
        List<RuntimeException> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        boolean abortOthers = failFast;
        for (Map.Entry<String, Closure<?>> branch : branches.entrySet()) {
            String name = branch.getKey();
            rt.console().pipeline(parent, "{ (Branch: " + name + ")");
            Thread t = new Thread(
                    () -> {
                        try {
                            Object value = rt.within(parent.inBranch(name), branch.getValue()::call);
                            if (value != null) {
                                results.put(name, value);
                            }
                        } catch (RuntimeException e) {
                            failures.add(e);
                            rt.console().println(parent.inBranch(name), "Failed in branch " + name);
                            if (abortOthers) {
                                threads.forEach(other -> {
                                    if (other != Thread.currentThread()) {
                                        other.interrupt();
                                    }
                                });
                            }
                        } catch (Exception e) {
                            failures.add(new StepException(e.getClass().getSimpleName() + ": " + e.getMessage()));
                        }
                    },
                    "orchestra-branch-" + name);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            for (Thread t : threads) {
                t.join(10_000);
            }
            throw new FlowInterruptedException(BuildResult.ABORTED, "parallel was interrupted");
        } finally {
            rt.console().pipeline(parent, "// parallel");
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return results;
    }
}
