package io.jenkins.plugins.orchestra.runner.script;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import io.jenkins.plugins.orchestra.runner.library.SharedLibraries;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a running Jenkinsfile sees: its steps, its environment, its log, {@code currentBuild}, and the context of the
 * code running on each thread. One per run.
 */
public final class PipelineRuntime {
    /** The name Jenkins gives the compiled Jenkinsfile; messages and line numbers refer to it. */
    public static final String SCRIPT_NAME = "WorkflowScript";

    private static final Set<String> BUILT_IN_GLOBALS = Set.of("currentBuild", "env", "params", "scm");

    private final Map<String, Step> steps = new TreeMap<>();
    private final Map<String, String> buildEnv = new ConcurrentHashMap<>();
    private final ThreadLocal<ExecutionContext> context;
    private final Console console;
    private final CurrentBuild currentBuild;
    private final Path workspace;
    private final InstantSource clock;
    private final EnvGlobal env = new EnvGlobal(this);
    private final List<StageRecord> stages = Collections.synchronizedList(new ArrayList<>());
    private final List<StageListener> stageListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile StepInterceptor interceptor = StepInterceptor.NONE;
    private final StepsGlobal stepsGlobal = new StepsGlobal();
    private final Map<String, Object> libraryVariables = new TreeMap<>();
    private volatile Binding scriptBinding = new Binding();
    private volatile SharedLibraries libraries = new SharedLibraries(List.of());

    private volatile Path temporaryDirectory;

    public PipelineRuntime(
            Path workspace, Map<String, String> environment, Console console, CurrentBuild build, InstantSource clock) {
        this.workspace = workspace;
        this.console = console;
        this.currentBuild = build;
        this.clock = clock;
        environment.forEach((k, v) -> {
            if (k != null && v != null) {
                buildEnv.put(k, v);
            }
        });
        ExecutionContext root = ExecutionContext.root(workspace);
        this.context = ThreadLocal.withInitial(() -> root);
    }

    public void register(String name, Step step) {
        steps.put(name, step);
    }

    public boolean hasStep(String name) {
        return steps.containsKey(name);
    }

    /** Routes every step call from now on through {@code interceptor}. */
    public void intercept(StepInterceptor interceptor) {
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
    }

    /** Calls step {@code name}, as the Jenkinsfile did. */
    public Object call(String name, Object[] args) {
        int line = scriptLine();
        Step step = steps.get(name);
        if (step == null) {
            Set<String> globals = new TreeSet<>(BUILT_IN_GLOBALS);
            globals.addAll(libraries.variableNames());
            throw new StepException("No such DSL method '" + name + "' found among steps " + steps.keySet()
                    + " or globals " + globals + (line > 0 ? " @ line " + line : ""));
        }
        StepCall call = StepCall.of(name, args, line);
        return run(() -> interceptor.intercept(call, context(), () -> run(() -> step.run(call, this))));
    }

    /** Runs {@code body}, turning what it throws into what a Jenkinsfile sees from a step. */
    private static Object run(StepInterceptor.Invocation body) {
        try {
            return body.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowInterruptedException(BuildResult.ABORTED, "interrupted");
        } catch (Exception e) {
            throw new StepException(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The Jenkinsfile line that is calling, found on this thread's stack. */
    public static int scriptLine() {
        return StackWalker.getInstance()
                .walk(frames -> frames.filter(f -> SCRIPT_NAME.equals(f.getFileName()) && f.getLineNumber() > 0)
                        .findFirst()
                        .map(StackWalker.StackFrame::getLineNumber)
                        .orElse(0));
    }

    public ExecutionContext context() {
        return context.get();
    }

    /** Runs {@code body} on this thread in {@code inner}, then restores the context it had. */
    public <T> T within(ExecutionContext inner, Callable<T> body) throws Exception {
        ExecutionContext outer = context.get();
        context.set(inner);
        try {
            return body.call();
        } finally {
            context.set(outer);
        }
    }

    /** Runs a Jenkinsfile block in {@code inner}. */
    public Object run(ExecutionContext inner, Closure<?> body) throws Exception {
        return within(inner, body::call);
    }

    public Console console() {
        return console;
    }

    public void log(String text) {
        console.println(context(), text);
    }

    public CurrentBuild currentBuild() {
        return currentBuild;
    }

    public Path workspace() {
        return workspace;
    }

    /** Keeps the files that steps write for a moment (scripts, their raw output, credential files) under {@code dir}. */
    public void useTemporaryDirectory(Path dir) {
        this.temporaryDirectory = dir;
    }

    /**
     * Where steps write files that may hold secrets: the run's own {@code tmp} directory (owner-only, deleted when the
     * run ends and when it is resumed), or the JVM's temporary directory for a runtime without a run.
     */
    public Path temporaryDirectory() throws java.io.IOException {
        Path dir = temporaryDirectory;
        if (dir == null) {
            return Path.of(System.getProperty("java.io.tmpdir"));
        }
        if (!java.nio.file.Files.isDirectory(dir)) {
            java.nio.file.Files.createDirectories(
                    dir,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    public InstantSource clock() {
        return clock;
    }

    public EnvGlobal envGlobal() {
        return env;
    }

    /** A variable as the calling code sees it: {@code withEnv} first, then the build's. */
    public String env(String name) {
        String local = context().env().get(name);
        return local != null ? local : buildEnv.get(name);
    }

    void setBuildEnv(String name, String value) {
        if (value == null) {
            buildEnv.remove(name);
        } else {
            buildEnv.put(name, value);
        }
    }

    /** Every variable the calling code sees, for a process it starts. */
    public Map<String, String> environment() {
        Map<String, String> all = new LinkedHashMap<>(new TreeMap<>(buildEnv));
        all.putAll(context().env());
        all.put("PWD", context().cwd().toString());
        return all;
    }

    /** A stage begins: the log says so and listeners hear of it. */
    public void stageStarted(ExecutionContext context, String name) {
        console.pipeline(context, "stage");
        console.pipeline(context, "{ (" + name + ")");
        for (StageListener l : stageListeners) {
            l.started(context, name);
        }
    }

    /** A stage ended; its error is masked here, since the summary, JUnit XML and notifications all read it. */
    public void recordStage(StageRecord stage) {
        StageRecord record = stage.error() == null
                ? stage
                : new StageRecord(
                        stage.name(),
                        stage.branch(),
                        stage.result(),
                        stage.started(),
                        stage.ended(),
                        console.mask(stage.error()));
        stages.add(record);
        for (StageListener l : stageListeners) {
            l.ended(record);
        }
    }

    public void addStageListener(StageListener listener) {
        stageListeners.add(listener);
    }

    public List<StageRecord> stages() {
        synchronized (stages) {
            return List.copyOf(stages);
        }
    }

    public Optional<Step> step(String name) {
        return Optional.ofNullable(steps.get(name));
    }

    /** The Jenkinsfile running: its variables hold {@code params} and {@code scm}; its libraries. */
    void useScript(Binding binding, SharedLibraries libraries) {
        this.scriptBinding = binding;
        this.libraries = libraries;
    }

    /** The shared libraries of the Jenkinsfile running, for the {@code library} and {@code libraryResource} steps. */
    public SharedLibraries libraries() {
        return libraries;
    }

    /**
     * A global variable, as a library's code sees it: {@code env}, {@code params}, {@code currentBuild}, {@code
     * scm}, {@code steps} or a library variable.
     */
    Optional<Object> global(String name) {
        return switch (name) {
            case "env" -> Optional.of(env);
            case "currentBuild" -> Optional.of(currentBuild);
            case "params", "scm" ->
                Optional.ofNullable(scriptBinding.getVariables().get(name));
            case "steps" -> Optional.of(stepsGlobal);
            default -> libraryVariable(name);
        };
    }

    /**
     * Library variable {@code name}: one instance of its {@code vars/name.groovy} for the whole run, made at its first
     * use, so that what a variable keeps is seen everywhere.
     */
    Optional<Object> libraryVariable(String name) {
        Optional<Class<?>> type = libraries.variable(name);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        synchronized (libraryVariables) {
            Object instance = libraryVariables.get(name);
            if (instance == null) {
                instance = instantiate(type.get());
                libraryVariables.put(name, instance);
            }
            return Optional.of(instance);
        }
    }

    private Object instantiate(Class<?> type) {
        try {
            Object instance = type.getDeclaredConstructor().newInstance();
            if (instance instanceof PipelineScript script) {
                script.attach(this);
            }
            return instance;
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make library variable " + type.getName(), e);
        }
    }

    /** {@code steps.sh 'make'}: a step by its name, also where a library variable of that name hides it. */
    private final class StepsGlobal extends GroovyObjectSupport {
        @Override
        public Object invokeMethod(String name, Object args) {
            return call(name, args instanceof Object[] array ? array : new Object[] {args});
        }

        @Override
        public String toString() {
            return "steps";
        }
    }
}
