package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.io.File;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** echo, error, unstable, sleep, isUnix, pwd, checkout. */
public final class BasicSteps {
    private BasicSteps() {}

    public static void register(PipelineRuntime runtime) {
        runtime.register("echo", (call, rt) -> {
            rt.console().pipeline(rt.context(), "echo");
            rt.log(String.valueOf(call.arg("message").orElse("")));
            return null;
        });
        runtime.register("error", (call, rt) -> {
            rt.console().pipeline(rt.context(), "error");
            throw new StepException(String.valueOf(call.arg("message").orElse("")));
        });
        runtime.register("unstable", (call, rt) -> {
            rt.console().pipeline(rt.context(), "unstable");
            rt.log("WARNING: " + call.requiredString("message"));
            rt.currentBuild().worsen(BuildResult.UNSTABLE);
            rt.context().worsenStage(BuildResult.UNSTABLE);
            return null;
        });
        runtime.register("sleep", (call, rt) -> {
            rt.console().pipeline(rt.context(), "sleep");
            long time = number(call, "time");
            TimeUnit unit = unit(call, TimeUnit.SECONDS);
            rt.log("Sleeping for " + time + " " + unit.name().toLowerCase(Locale.ROOT));
            unit.sleep(time);
            return null;
        });
        runtime.register("script", (call, rt) -> rt.run(rt.context(), call.requiredBody()));
        runtime.register("isUnix", (call, rt) -> File.separatorChar == '/');
        runtime.register("pwd", (call, rt) -> {
            if (call.bool("tmp", false)) {
                return rt.context()
                        .cwd()
                        .resolveSibling(rt.context().cwd().getFileName() + "@tmp")
                        .toString();
            }
            return rt.context().cwd().toString();
        });
        runtime.register("checkout", (call, rt) -> {
            rt.console().pipeline(rt.context(), "checkout");
            rt.log("The local runner builds the working tree as it is: " + rt.workspace());
            return java.util.Map.of();
        });
    }

    /** A whole number argument, by name or as the only positional one. */
    static long number(StepCall call, String key) {
        Object v = call.arg(key)
                .orElseThrow(() ->
                        new StepException("Step '" + call.name() + "' needs its '" + key + "' argument" + call.at()));
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new StepException(call.name() + "'s " + key + " must be a whole number, was '" + v + "'" + call.at());
        }
    }

    static TimeUnit unit(StepCall call, TimeUnit otherwise) {
        Object v = call.namedArg("unit").orElse(null);
        if (v == null) {
            return otherwise;
        }
        try {
            return TimeUnit.valueOf(v.toString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StepException(call.name() + "'s unit must be one of NANOSECONDS, MICROSECONDS, MILLISECONDS,"
                    + " SECONDS, MINUTES, HOURS, DAYS, was '" + v + "'" + call.at());
        }
    }
}
