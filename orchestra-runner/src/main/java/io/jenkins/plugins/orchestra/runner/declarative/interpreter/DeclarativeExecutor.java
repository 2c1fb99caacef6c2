package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import io.jenkins.plugins.orchestra.runner.script.StageState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a Declarative pipeline as read, with Jenkins' order: when, input, environment, options, body, post. */
final class DeclarativeExecutor {
    private final PipelineRuntime rt;
    private final Object script;
    /** The first failure of the run; later stages are skipped "due to earlier failure(s)". */
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private boolean skipAfterUnstable;

    DeclarativeExecutor(PipelineRuntime rt, Object script) {
        this.rt = rt;
        this.script = script;
    }

    void run(PipelineRecorder pipeline) throws Exception {
        skipAfterUnstable = pipeline.options.skipStagesAfterUnstable;
        ExecutionContext withEnv = rt.context();
        EnvironmentRecorder.Scope scope = null;
        try {
            try {
                scope = EnvironmentRecorder.evaluate(rt, pipeline.environment);
                withEnv = withEnv.withEnv(scope.values());
                rt.within(
                        withEnv,
                        () -> withOptions(pipeline.options, () -> {
                            runStages(pipeline.stages, pipeline.options.parallelsAlwaysFailFast);
                            return null;
                        }));
            } catch (RuntimeException e) {
                fail(e);
            }
            rt.within(withEnv, () -> {
                runPost(
                        "Declarative: Post Actions",
                        pipeline.post,
                        rt.currentBuild().current(),
                        null);
                return null;
            });
        } finally {
            if (scope != null) {
                scope.close();
            }
        }
        RuntimeException first = failure.get();
        if (first != null) {
            throw first;
        }
    }

    private void runStages(List<StageDef> stages, boolean failFast) throws Exception {
        for (StageDef stage : stages) {
            runStage(stage, failFast);
        }
    }

    private void runStage(StageDef stage, boolean alwaysFailFast) throws Exception {
        ExecutionContext outer = rt.context();
        rt.stageStarted(outer, stage.name());
        Instant started = rt.clock().instant();
        StageState state = new StageState();
        String error = null;
        AtomicReference<RuntimeException> own = new AtomicReference<>();
        try {
            String skip = skipReason(stage);
            if (skip != null) {
                rt.log("Stage \"" + stage.name() + "\" skipped due to " + skip);
                state.worsen(BuildResult.NOT_BUILT);
                error = "skipped due to " + skip;
                return;
            }
            ExecutionContext inStage = outer.inStage(stage.name(), state);
            rt.within(inStage, () -> {
                if (stage.input() != null) {
                    rt.call("input", new Object[] {new LinkedHashMap<>(stage.input().arguments)});
                }
                try (EnvironmentRecorder.Scope scope = EnvironmentRecorder.evaluate(rt, stage.environment())) {
                    ExecutionContext env = rt.context().withEnv(scope.values());
                    RuntimeException bodyFailure = null;
                    try {
                        rt.within(
                                env,
                                () -> withOptions(stage.options(), () -> {
                                    runBody(stage, alwaysFailFast);
                                    return null;
                                }));
                    } catch (FlowInterruptedException e) {
                        state.worsen(e.result());
                        bodyFailure = e;
                    } catch (RuntimeException e) {
                        state.worsen(BuildResult.FAILURE);
                        bodyFailure = e;
                    }
                    if (bodyFailure != null) {
                        own.set(bodyFailure);
                        fail(bodyFailure);
                    }
                    rt.within(env, () -> {
                        runPost("Declarative: Post Actions", stage.post(), state.result(), state);
                        return null;
                    });
                }
                return null;
            });
            // this stage's own failure: the run's first one may be another parallel branch's
            error = own.get() == null ? null : own.get().getMessage();
        } finally {
            rt.recordStage(new StageRecord(
                    stage.name(),
                    outer.branch(),
                    state.result(),
                    started,
                    rt.clock().instant(),
                    error));
            rt.console().pipeline(outer, "}");
            rt.console().pipeline(outer, "// stage");
        }
    }

    /** Why a stage does not run, or {@code null} if it does. */
    private String skipReason(StageDef stage) throws Exception {
        if (failure.get() != null) {
            return "earlier failure(s)";
        }
        if (skipAfterUnstable && rt.currentBuild().current() == BuildResult.UNSTABLE) {
            return "earlier stage(s) marking the build as unstable";
        }
        if (stage.when() != null && !stage.when().condition().test(rt)) {
            return "when conditional";
        }
        return null;
    }

    private void runBody(StageDef stage, boolean alwaysFailFast) throws Exception {
        if (stage.steps() != null) {
            Closure<?> steps = (Closure<?>) stage.steps().clone();
            steps.setDelegate(script);
            steps.setResolveStrategy(Closure.DELEGATE_FIRST);
            steps.call();
        } else if (stage.stages() != null) {
            runStages(stage.stages(), alwaysFailFast);
        } else if (stage.parallel() != null) {
            Map<String, Object> branches = new LinkedHashMap<>();
            for (StageDef branch : stage.parallel()) {
                branches.put(branch.name(), closure(() -> {
                    runStage(branch, alwaysFailFast);
                    return null;
                }));
            }
            branches.put("failFast", stage.failFast() || alwaysFailFast);
            rt.call("parallel", new Object[] {branches});
        } else if (stage.matrix() != null) {
            runMatrix(stage, alwaysFailFast);
        }
    }

    private void runMatrix(StageDef stage, boolean alwaysFailFast) throws Exception {
        MatrixRecorder matrix = stage.matrix();
        List<StageDef> cellStages =
                new StageRecorder.StagesRecorder().<StageRecorder.StagesRecorder>read(matrix.stages).stages;
        Map<String, Object> branches = new LinkedHashMap<>();
        for (Map<String, String> cell : matrix.cells()) {
            branches.put(
                    io.jenkins.plugins.orchestra.runner.declarative.MatrixCells.stageName(cell),
                    closure(() -> rt.within(rt.context().withEnv(cell), () -> {
                        runStages(cellStages, alwaysFailFast);
                        return null;
                    })));
        }
        branches.put("failFast", stage.failFast() || alwaysFailFast);
        rt.call("parallel", new Object[] {branches});
    }

    private Object withOptions(OptionsRecorder options, Callable<Object> body) throws Exception {
        Callable<Object> run = body;
        if (options.retry > 1) {
            Callable<Object> inner = run;
            run = () -> rt.call("retry", new Object[] {options.retry, closure(inner)});
        }
        if (options.timeoutNanos != null) {
            Callable<Object> inner = run;
            run = () -> rt.call(
                    "timeout",
                    new Object[] {Map.of("time", options.timeoutNanos, "unit", "NANOSECONDS"), closure(inner)});
        }
        return run.call();
    }

    private void runPost(String label, Map<String, Closure<?>> post, BuildResult result, StageState state) {
        if (post.isEmpty()) {
            return;
        }
        for (String condition : PostRecorder.ORDER) {
            Closure<?> block = post.get(condition);
            if (block == null || !PostConditions.applies(condition, result)) {
                continue;
            }
            try {
                Closure<?> c = (Closure<?>) block.clone();
                c.setDelegate(script);
                c.setResolveStrategy(Closure.DELEGATE_FIRST);
                c.call();
            } catch (RuntimeException e) {
                rt.log("Error when executing " + condition + " post condition: " + e.getMessage());
                if (state != null) {
                    state.worsen(BuildResult.FAILURE);
                }
                fail(e);
            }
        }
    }

    private void fail(RuntimeException e) {
        if (e instanceof FlowInterruptedException fie) {
            rt.currentBuild().worsen(fie.result());
        } else {
            rt.currentBuild().worsen(BuildResult.FAILURE);
        }
        failure.compareAndSet(null, e);
    }

    private Closure<Object> closure(Callable<Object> body) {
        return new Closure<>(this) {
            @Override
            public Object call() {
                try {
                    return body.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Object call(Object... args) {
                return call();
            }
        };
    }
}
