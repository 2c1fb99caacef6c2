package io.jenkins.plugins.orchestra.runner.orchestrate;

import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.PlanParser;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.RunSummary;
import io.jenkins.plugins.orchestra.coordinator.StageDeclaration;
import io.jenkins.plugins.orchestra.coordinator.StageResult;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import io.jenkins.plugins.orchestra.coordinator.journal.JournalWriter;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import io.jenkins.plugins.orchestra.runner.script.NonCPS;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.runtime.InvokerHelper;

/** The {@code orchestrate} step of the runner and the host steps the shared glue calls. */
public final class OrchestrateSteps {
    private static final String GLUE = "/io/jenkins/plugins/orchestra/glue/Orchestrate.groovy";
    private static volatile Class<?> glue;

    /** Hears each block's plan and its coordinator's events: the dashboard does. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = plan -> null;

        /**
         * A block planned its stages; called on the block's thread before its coordinator starts.
         *
         * @return a listener for the block's coordinator, or {@code null}
         */
        CoordinatorListener planned(Plan plan);
    }

    private final PipelineRuntime runtime;
    private final Path runDirectory;
    private final Observer observer;
    private final Map<String, LocalOrchestration> runs = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orchestra-orchestrate-timers");
        t.setDaemon(true);
        return t;
    });

    private OrchestrateSteps(PipelineRuntime runtime, Path runDirectory, Observer observer) {
        this.runtime = runtime;
        this.runDirectory = runDirectory;
        this.observer = observer;
    }

    public static void register(PipelineRuntime runtime, Path runDirectory) {
        register(runtime, runDirectory, Observer.NONE);
    }

    /** Registers the steps, again if they were: {@code observer} hears every block from now on. */
    public static void register(PipelineRuntime runtime, Path runDirectory, Observer observer) {
        OrchestrateSteps steps = new OrchestrateSteps(runtime, runDirectory, observer);
        runtime.register("orchestrate", steps::orchestrate);
        runtime.register("orchestraPlan", steps::plan);
        runtime.register("orchestraAwait", (call, rt) -> steps.run(call).await(string(call, "stage")));
        runtime.register("orchestraReport", (call, rt) -> {
            steps.run(call)
                    .report(string(call, "stage"), (Map<?, ?>) call.named().get("report"));
            return null;
        });
        runtime.register("orchestraSkipped", (call, rt) -> {
            rt.context().worsenStage(BuildResult.NOT_BUILT);
            rt.log("Stage \"" + string(call, "stage") + "\" skipped: " + string(call, "reason"));
            return null;
        });
        runtime.register("orchestraFinish", steps::finish);
    }

    private Object orchestrate(StepCall call, PipelineRuntime rt) throws Exception {
        Closure<?> body = call.requiredBody();
        Object orchestrate = glue(rt).getConstructor(Object.class).newInstance(body.getThisObject());
        return InvokerHelper.invokeMethod(orchestrate, "call", new Object[] {call.named(), body});
    }

    private Object plan(StepCall call, PipelineRuntime rt) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) call.named().get("options");
        List<StageDeclaration> declarations = new ArrayList<>();
        for (Object o : (List<?>) call.named().get("stages")) {
            Map<?, ?> d = (Map<?, ?>) o;
            @SuppressWarnings("unchecked")
            Map<String, Object> args = (Map<String, Object>) d.get("args");
            declarations.add(StageDeclaration.of(d.get("name"), args, ((Number) d.get("line")).intValue()));
        }
        String id = Integer.toString(ids.incrementAndGet());
        Plan plan = PlanParser.parse("orchestrate-" + id, options, declarations);
        JournalWriter journal = JournalWriter.create(freeJournal(id), plan);
        ExecutionContext context = rt.context();
        List<CoordinatorListener> listeners = new ArrayList<>(List.of(journal, new ProgressLog(rt, context)));
        CoordinatorListener observing = observer.planned(plan);
        if (observing != null) {
            listeners.add(observing);
        }
        LocalOrchestration run = new LocalOrchestration(plan, rt.clock(), timers, listeners);
        runs.put(id, run);
        rt.log("[orchestrate] " + plan.stages().size() + " stages"
                + (plan.maxParallel() == Plan.UNLIMITED ? "" : ", at most " + plan.maxParallel() + " at once")
                + (plan.failFast() ? ", failFast" : ""));
        run.start();
        return id;
    }

    private Object finish(StepCall call, PipelineRuntime rt) {
        LocalOrchestration run = run(call);
        RunResult result = run.result()
                .orElseThrow(() -> new IllegalStateException("orchestrate ended before its coordinator did"));
        runs.remove(string(call, "run"));
        rt.log(RunSummary.format(result).stripTrailing());
        if (result.status() == RunStatus.ABORTED) {
            throw new FlowInterruptedException(BuildResult.ABORTED, "orchestrate was aborted");
        }
        if (result.status() == RunStatus.FAILURE) {
            String failed = result.stages().stream()
                    .filter(s -> s.status() == StageStatus.FAILED)
                    .map(s -> "'" + s.name() + "' ("
                            + s.failure().map(Object::toString).orElse("failed") + ")")
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("a rollback failed");
            throw new StepException("orchestrate failed: " + failed);
        }
        for (StageResult s : result.stages()) {
            if (s.note().filter(n -> n.startsWith("failed, ignored")).isPresent()) {
                rt.currentBuild().worsen(BuildResult.UNSTABLE);
            }
        }
        Map<String, Object> outputs = new java.util.LinkedHashMap<>();
        result.stages().forEach(s -> outputs.put(s.name(), s.outputs()));
        return outputs;
    }

    /** {@code orchestrate-1.jsonl}, or, in a resumed run, {@code orchestrate-1.2.jsonl} beside the first one. */
    private Path freeJournal(String id) {
        Path file = runDirectory.resolve("orchestrate-" + id + ".jsonl");
        for (int n = 2; java.nio.file.Files.exists(file); n++) {
            file = runDirectory.resolve("orchestrate-" + id + "." + n + ".jsonl");
        }
        return file;
    }

    private LocalOrchestration run(StepCall call) {
        String id = string(call, "run");
        LocalOrchestration run = runs.get(id);
        if (run == null) {
            throw new IllegalStateException("no orchestrate block " + id + " is running");
        }
        return run;
    }

    /** The glue calls the host steps with named arguments only, as Jenkins' DSL requires. */
    private static String string(StepCall call, String name) {
        return String.valueOf(call.named().get(name));
    }

    private static Class<?> glue(PipelineRuntime rt) throws IOException {
        Class<?> loaded = glue;
        if (loaded == null) {
            synchronized (OrchestrateSteps.class) {
                if (glue == null) {
                    URL source = OrchestrateSteps.class.getResource(GLUE);
                    CompilerConfiguration config = new CompilerConfiguration();
                    config.addCompilationCustomizers(new ImportCustomizer().addImports(NonCPS.class.getName()));
                    GroovyClassLoader loader = new GroovyClassLoader(OrchestrateSteps.class.getClassLoader(), config);
                    glue = loader.parseClass(new GroovyCodeSource(source));
                }
                loaded = glue;
            }
        }
        return loaded;
    }

    /** Says in the log what the coordinator decides that no stage says itself: waits, retries, rollbacks. */
    private static final class ProgressLog implements CoordinatorListener {
        private final PipelineRuntime rt;
        private final ExecutionContext context;

        ProgressLog(PipelineRuntime rt, ExecutionContext context) {
            this.rt = rt;
            this.context = context;
        }

        @Override
        public void onEvent(CoordinatorEvent e) {
            String line = null;
            if (e instanceof CoordinatorEvent.StageRetrying r) {
                line = "'" + r.stage() + "' attempt " + r.attempt() + " failed (" + r.failure() + "); retrying in "
                        + Durations.format(Duration.between(r.at(), r.retryAt()));
            } else if (e instanceof CoordinatorEvent.WaitingForLock w) {
                line = "'" + w.stage() + "' waits for lock '" + w.lock() + "' held by '" + w.holder() + "'";
            } else if (e instanceof CoordinatorEvent.WaitingForApproval w) {
                line = "'" + w.stage() + "' waits for approval"
                        + (w.approvers().isEmpty() ? "" : " by " + String.join(", ", w.approvers()));
            } else if (e instanceof CoordinatorEvent.RunHalted h) {
                line = "halted: " + h.reason();
            } else if (e instanceof CoordinatorEvent.RollbackStarted r) {
                line = "rolling back '" + r.stage() + "'";
            }
            if (line != null) {
                rt.console().println(context, "[orchestrate] " + line);
            }
        }
    }
}
