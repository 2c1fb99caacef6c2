package io.jenkins.plugins.orchestra.runner.steps;

import groovy.lang.Closure;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import io.jenkins.plugins.orchestra.runner.script.StageState;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** stage, node, timeout, retry, waitUntil, catchError, warnError, withEnv. */
public final class FlowSteps {
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orchestra-timeouts");
        t.setDaemon(true);
        return t;
    });

    private FlowSteps() {}

    public static void register(PipelineRuntime runtime) {
        runtime.register("stage", FlowSteps::stage);
        runtime.register("node", (call, rt) -> {
            rt.console().pipeline(rt.context(), "node");
            Object label = call.arg("label").orElse(null);
            rt.log("Running on the local machine" + (label == null ? "" : " (label '" + label + "' noted)") + " in "
                    + rt.workspace());
            rt.console().pipeline(rt.context(), "{");
            try {
                return rt.run(rt.context(), call.requiredBody());
            } finally {
                rt.console().pipeline(rt.context(), "}");
                rt.console().pipeline(rt.context(), "// node");
            }
        });
        runtime.register("withEnv", (call, rt) -> {
            Object overrides = call.arg("overrides").orElse(List.of());
            Map<String, String> vars = new LinkedHashMap<>();
            for (Object pair : overrides instanceof List<?> l ? l : List.of(overrides)) {
                String text = String.valueOf(pair);
                int eq = text.indexOf('=');
                if (eq < 1) {
                    throw new StepException(
                            "withEnv entries must look like NAME=value, was '" + text + "'" + call.at());
                }
                vars.put(text.substring(0, eq), text.substring(eq + 1));
            }
            rt.console().pipeline(rt.context(), "withEnv");
            return rt.run(rt.context().withEnv(vars), call.requiredBody());
        });
        runtime.register("timeout", FlowSteps::timeout);
        runtime.register("retry", FlowSteps::retry);
        runtime.register("waitUntil", FlowSteps::waitUntil);
        runtime.register(
                "catchError",
                (call, rt) -> catchError(
                        call,
                        rt,
                        BuildResult.FAILURE,
                        BuildResult.SUCCESS,
                        call.namedArg("message").orElse(null)));
        runtime.register(
                "warnError",
                (call, rt) -> catchError(
                        call, rt, BuildResult.UNSTABLE, BuildResult.UNSTABLE, call.requiredString("message")));
    }

    private static Object stage(StepCall call, PipelineRuntime rt) throws Exception {
        String name = call.requiredString("name");
        Closure<?> body = call.requiredBody();
        ExecutionContext outer = rt.context();
        StageState state = new StageState();
        rt.stageStarted(outer, name);
        Instant started = rt.clock().instant();
        String error = null;
        try {
            return rt.run(outer.inStage(name, state), body);
        } catch (FlowInterruptedException e) {
            state.worsen(e.result());
            error = e.getMessage();
            throw e;
        } catch (RuntimeException | Error e) {
            state.worsen(BuildResult.FAILURE);
            error = e.getMessage();
            throw e;
        } finally {
            rt.recordStage(new StageRecord(
                    name, outer.branch(), state.result(), started, rt.clock().instant(), error));
            rt.console().pipeline(outer, "}");
            rt.console().pipeline(outer, "// stage");
        }
    }

    private static Object timeout(StepCall call, PipelineRuntime rt) throws Exception {
        long time = BasicSteps.number(call, "time");
        TimeUnit unit = BasicSteps.unit(call, TimeUnit.MINUTES);
        Duration limit = Duration.ofNanos(unit.toNanos(time));
        rt.console().pipeline(rt.context(), "timeout");
        rt.log("Timeout set to expire in " + Durations.format(limit));
        Thread caller = Thread.currentThread();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = TIMERS.schedule(
                () -> {
                    expired.set(true);
                    caller.interrupt();
                },
                limit.toNanos(),
                TimeUnit.NANOSECONDS);
        try {
            return rt.run(rt.context(), call.requiredBody());
        } catch (RuntimeException e) {
            if (expired.get()) {
                rt.log("Cancelling nested steps due to timeout");
                throw FlowInterruptedException.timeout();
            }
            throw e;
        } finally {
            alarm.cancel(false);
            if (expired.get()) {
                Thread.interrupted(); // the alarm's interrupt is spent
            }
        }
    }

    private static Object retry(StepCall call, PipelineRuntime rt) throws Exception {
        long count = BasicSteps.number(call, "count");
        if (count < 1) {
            throw new StepException("retry's count must be at least 1, was " + count + call.at());
        }
        rt.console().pipeline(rt.context(), "retry");
        for (long attempt = 1; ; attempt++) {
            try {
                return rt.run(rt.context(), call.requiredBody());
            } catch (FlowInterruptedException e) {
                throw e;
            } catch (RuntimeException e) {
                rt.log("ERROR: " + e.getMessage());
                if (attempt >= count) {
                    throw e;
                }
                rt.log("Retrying");
            }
        }
    }

    private static Object waitUntil(StepCall call, PipelineRuntime rt) throws Exception {
        long period = call.namedArg("initialRecurrencePeriod")
                .map(v -> ((Number) v).longValue())
                .orElse(250L);
        boolean quiet = call.bool("quiet", false);
        rt.console().pipeline(rt.context(), "waitUntil");
        while (true) {
            Object done = rt.run(rt.context(), call.requiredBody());
            if (done instanceof Boolean b && b) {
                return null;
            }
            if (!quiet) {
                rt.log("Will try again after " + Durations.format(Duration.ofMillis(period)));
            }
            Thread.sleep(period);
            period = Math.min(15_000, (long) (period * 1.2));
        }
    }

    private static Object catchError(
            StepCall call, PipelineRuntime rt, BuildResult buildDefault, BuildResult stageDefault, Object message)
            throws Exception {
        BuildResult build = call.namedArg("buildResult")
                .map(v -> parseResult("buildResult", v))
                .orElse(buildDefault);
        BuildResult stage = call.namedArg("stageResult")
                .map(v -> parseResult("stageResult", v))
                .orElse(stageDefault);
        boolean catchInterruptions = call.bool("catchInterruptions", true);
        rt.console().pipeline(rt.context(), call.name());
        try {
            return rt.run(rt.context(), call.requiredBody());
        } catch (FlowInterruptedException e) {
            if (!catchInterruptions) {
                throw e;
            }
            report(rt, message, e.getMessage());
            rt.currentBuild().worsen(e.result());
            rt.context().worsenStage(e.result());
            return null;
        } catch (RuntimeException e) {
            report(rt, message, e.getMessage());
            rt.currentBuild().worsen(build);
            rt.context().worsenStage(stage);
            return null;
        }
    }

    private static void report(PipelineRuntime rt, Object message, String error) {
        if (message != null) {
            rt.log("ERROR: " + message);
        }
        rt.log("ERROR: " + error);
    }

    private static BuildResult parseResult(String field, Object value) {
        try {
            return BuildResult.valueOf(value.toString().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StepException(field + " is invalid: " + value
                    + ". Valid options are SUCCESS, UNSTABLE, FAILURE, NOT_BUILT and ABORTED.");
        }
    }
}
