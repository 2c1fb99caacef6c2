package io.jenkins.plugins.orchestra.runner.orchestrate;

import com.cloudbees.groovy.cps.Continuable;
import com.cloudbees.groovy.cps.Continuation;
import com.cloudbees.groovy.cps.CpsTransformer;
import com.cloudbees.groovy.cps.NonCPS;
import com.cloudbees.groovy.cps.ObjectInputStreamWithLoader;
import com.cloudbees.groovy.cps.Outcome;
import com.cloudbees.groovy.cps.impl.CpsCallableInvocation;
import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.Script;
import io.jenkins.plugins.orchestra.coordinator.Command;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.InvalidPlanException;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.PlanParser;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.StageDeclaration;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import io.jenkins.plugins.orchestra.coordinator.simulation.SimulatedClock;
import io.jenkins.plugins.orchestra.runner.orchestrate.CpsWorkflowScript.StepCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * A miniature of workflow-cps for {@link CpsGlueTest}: it compiles the shared glue and a Jenkinsfile with groovy-cps'
 * {@link CpsTransformer}, runs them as CPS threads ({@link Continuable}s) under a cooperative scheduler, and carries
 * out their steps with fakes; the {@code orchestra*} host steps are backed by a real {@link Coordinator} on a {@link
 * SimulatedClock}.
 *
 * <p>As in workflow-cps ({@code CpsBodyExecution}, {@code ParallelStep}), the body of a block step ({@code stage},
 * {@code timeout}, each branch of {@code parallel}) runs in a new CPS thread while the thread that called the step
 * waits for it. A thread runs until it waits for something (a command of the coordinator, an answer to {@code
 * input}, the bodies it started); then the next ready thread runs. When no thread is ready, the slow world moves: an
 * approver answers, or the clock jumps to the coordinator's next timer.
 *
 * <p>Every step call suspends its thread, and at every suspension the whole program (all threads, the way Jenkins
 * saves its {@code CpsThreadGroup}) is written with {@link ObjectOutputStream}, read back, and the run goes on from
 * the copy. A local or field that cannot be serialized and is live across a step fails the run, and a program that
 * only works because it kept a live object in memory behaves differently after the copy.
 */
final class CpsHarness {
    static final String GLUE = "/io/jenkins/plugins/orchestra/glue/Orchestrate.groovy";

    private final GroovyClassLoader loader;
    private final UnaryOperator<String> approver;
    private final SimulatedClock clock = new SimulatedClock();

    /** What happened, in order: steps, stage boundaries, echoes with the stage they ran in. */
    final List<String> events = new ArrayList<>();

    /** The stage declarations the glue handed to {@code orchestraPlan}. */
    final List<StageDeclaration> declared = new ArrayList<>();

    /**
     * CPS calls that came back from somewhere else than where they went: the sign of a {@code @NonCPS} method (or
     * other code the interpreter does not run) calling a step or a CPS method. workflow-cps logs these as "expected
     * to call … but wound up catching …".
     */
    final List<String> mismatches = new ArrayList<>();

    /** How many times the whole program was written out and read back. */
    int checkpoints;

    private Program program;
    private Coordinator coordinator;
    private final Map<String, ArrayDeque<Map<String, Object>>> inbox = new LinkedHashMap<>();
    private RunResult result;

    /**
     * @param approver who answers an {@code input}, given its {@code submitter}; {@code null} rejects it
     */
    CpsHarness(UnaryOperator<String> approver) throws IOException {
        this.approver = approver;
        CompilerConfiguration config = new CompilerConfiguration();
        // what workflow-cps' CpsGroovyShellFactory does too: @NonCPS resolves without an import
        config.addCompilationCustomizers(
                new ImportCustomizer().addImports(NonCPS.class.getName()), new CpsTransformer());
        config.setScriptBaseClass(CpsWorkflowScript.class.getName());
        loader = new GroovyClassLoader(CpsHarness.class.getClassLoader(), config);
        loader.parseClass(new GroovyCodeSource(CpsHarness.class.getResource(GLUE)));
    }

    Optional<RunResult> result() {
        return Optional.ofNullable(result);
    }

    Instant now() {
        return clock.instant();
    }

    /** Runs {@code jenkinsfile} to its end; its outcome is what the script returned or threw. */
    Outcome run(String jenkinsfile) throws ReflectiveOperationException {
        Class<?> type = loader.parseClass(new GroovyCodeSource(jenkinsfile, "WorkflowScript", "/groovy/shell"));
        Script script = (Script) type.getDeclaredConstructor().newInstance();
        program = new Program();
        CpsThread main = program.add("main", null, List.of(), new Continuable(script));
        ready(main, new Outcome(null, null), true);
        CpsCallableInvocation.registerMismatchHandler((expectedReceiver, expected, actualReceiver, actual) ->
                mismatches.add("expected to call " + expected + " but wound up catching " + actual));
        try {
            loop();
        } finally {
            CpsCallableInvocation.registerMismatchHandler(null);
        }
        return program.ended;
    }

    /** The threads still alive: none once the program has ended well. */
    int liveThreads() {
        return program.threads.size();
    }

    private void loop() {
        while (program.ended == null) {
            Integer next = program.ready.pollFirst();
            if (next == null) {
                idle();
                continue;
            }
            CpsThread thread = program.threads.get(next);
            Outcome in = thread.resume;
            thread.resume = null;
            Outcome out = thread.continuable.run0(in, Continuable.categories);
            if (thread.continuable.isResumable()) {
                StepCall call = (StepCall) out.getNormal();
                try {
                    step(thread, call);
                } catch (RuntimeException e) {
                    ready(thread, new Outcome(null, e), true);
                }
            } else {
                ended(thread, out);
            }
            deliver();
            checkpoint(thread, out);
        }
    }

    // ---- the steps ----------------------------------------------------------------------------------------------

    private void step(CpsThread thread, StepCall call) {
        List<Object> args = call.arguments();
        switch (call.step()) {
            case "echo" -> {
                events.add("echo [" + thread.stage() + "] " + args.get(0));
                ready(thread, new Outcome(null, null), true);
            }
            case "error" -> ready(thread, new Outcome(null, new StepFailure(String.valueOf(args.get(0)))), true);
            case "stage" -> {
                List<String> stages = new ArrayList<>(thread.stages);
                stages.add((String) args.get(0));
                String path = String.join("/", stages);
                events.add("stage> " + path);
                block(thread, "stage", path, Map.of(path, (Closure<?>) args.get(1)), stages);
            }
            case "timeout" -> {
                Map<?, ?> options = (Map<?, ?>) args.get(0);
                events.add("timeout [" + thread.stage() + "] " + options.get("time") + " " + options.get("unit"));
                block(thread, "timeout", "", Map.of("", (Closure<?>) args.get(1)), thread.stages);
            }
            case "parallel" -> {
                Map<String, Closure<?>> branches = new LinkedHashMap<>();
                ((Map<?, ?>) args.get(0)).forEach((k, v) -> branches.put(String.valueOf(k), (Closure<?>) v));
                events.add("parallel " + branches.keySet());
                block(thread, "parallel", "", branches, thread.stages);
            }
            case "input" -> {
                Map<?, ?> options = (Map<?, ?>) args.get(0);
                events.add("input [" + thread.stage() + "] " + options.get("message") + " submitter="
                        + options.get("submitter") + " parameter=" + options.get("submitterParameter"));
                thread.waiting = new AwaitInput(String.valueOf(options.get("submitter")));
            }
            case "orchestraPlan" -> {
                Map<?, ?> named = (Map<?, ?>) args.get(0);
                ready(
                        thread,
                        new Outcome(plan((Map<?, ?>) named.get("options"), (List<?>) named.get("stages")), null),
                        true);
            }
            case "orchestraAwait" -> {
                String stage = (String) ((Map<?, ?>) args.get(0)).get("stage");
                thread.waiting = new AwaitCommand(stage);
                events.add("await " + stage);
            }
            case "orchestraReport" -> {
                Map<?, ?> named = (Map<?, ?>) args.get(0);
                Map<?, ?> report = (Map<?, ?>) named.get("report");
                events.add("report " + named.get("stage") + " " + report.get("outcome") + " [" + thread.stage() + "]");
                report((String) named.get("stage"), report);
                ready(thread, new Outcome(null, null), true);
            }
            case "orchestraSkipped" -> {
                Map<?, ?> named = (Map<?, ?>) args.get(0);
                events.add("skipped " + named.get("stage") + " [" + thread.stage() + "]: " + named.get("reason"));
                ready(thread, new Outcome(null, null), true);
            }
            case "orchestraFinish" -> ready(thread, finish(), true);
            default -> throw new IllegalArgumentException("no fake for step " + call.step());
        }
    }

    /**
     * Starts each body in a new CPS thread, as workflow-cps' {@code CpsBodyExecution} does: calling a CPS closure
     * throws the invocation that a fresh {@link Continuable} then runs; the caller waits for all of them.
     */
    private void block(
            CpsThread caller, String step, String label, Map<String, Closure<?>> bodies, List<String> stages) {
        AwaitBodies await = new AwaitBodies(step, label);
        List<CpsThread> started = new ArrayList<>();
        for (Map.Entry<String, Closure<?>> body : bodies.entrySet()) {
            Continuable continuable;
            try {
                body.getValue().call();
                throw new AssertionError("the body of " + step + " is not a CPS closure");
            } catch (CpsCallableInvocation invocation) {
                continuable = new Continuable(invocation.invoke(null, null, Continuation.HALT));
            }
            String name = body.getKey().isEmpty() ? step : body.getKey();
            CpsThread child = program.add(caller.name + "/" + name, caller.id, stages, continuable);
            await.children.put(child.id, body.getKey());
            started.add(child);
        }
        caller.waiting = await;
        // the bodies start before anything else runs, in order, as Jenkins schedules them
        for (int i = started.size() - 1; i >= 0; i--) {
            ready(started.get(i), new Outcome(null, null), true);
        }
    }

    private void ended(CpsThread thread, Outcome out) {
        program.threads.remove(thread.id);
        if (thread.parent == null) {
            program.ended = out;
            return;
        }
        CpsThread caller = program.threads.get(thread.parent);
        AwaitBodies await = (AwaitBodies) caller.waiting;
        String key = await.children.remove(thread.id);
        if (out.isFailure()) {
            if (await.failure == null) {
                await.failure = out.getAbnormal();
            }
        } else {
            await.results.put(key, out.getNormal());
        }
        if (!await.children.isEmpty()) {
            return;
        }
        caller.waiting = null;
        if (await.step.equals("stage")) {
            events.add("stage< " + await.label + (await.failure == null ? "" : " failed"));
        }
        if (await.failure != null) {
            ready(caller, new Outcome(null, await.failure), true);
        } else if (await.step.equals("parallel")) {
            ready(caller, new Outcome(new LinkedHashMap<>(await.results), null), true);
        } else {
            ready(caller, new Outcome(await.results.values().iterator().next(), null), true);
        }
    }

    /** Nothing can run: an approver answers, or time passes until the coordinator's next timer. */
    private void idle() {
        for (CpsThread thread : program.threads.values()) {
            if (thread.waiting instanceof AwaitInput input) {
                String who = approver.apply(input.submitter);
                events.add("input answered by " + who);
                thread.waiting = null;
                ready(
                        thread,
                        who == null ? new Outcome(null, new StepFailure("rejected")) : new Outcome(who, null),
                        false);
                return;
            }
        }
        Optional<Instant> wakeup = coordinator == null ? Optional.empty() : coordinator.nextWakeup();
        if (wakeup.isPresent()) {
            if (wakeup.get().isAfter(clock.instant())) {
                events.add("clock +" + Duration.between(clock.instant(), wakeup.get()));
                clock.set(wakeup.get());
            }
            drive();
            deliver();
            return;
        }
        throw new AssertionError("deadlock: no thread can run, nothing is due; threads " + program.threads.values());
    }

    private void ready(CpsThread thread, Outcome resume, boolean first) {
        thread.resume = resume;
        if (first) {
            program.ready.addFirst(thread.id);
        } else {
            program.ready.addLast(thread.id);
        }
    }

    /** Threads waiting in {@code orchestraAwait} whose stage has a command now go on, after those ready. */
    private void deliver() {
        for (CpsThread thread : program.threads.values()) {
            if (thread.waiting instanceof AwaitCommand await) {
                ArrayDeque<Map<String, Object>> commands = inbox.get(await.stage);
                if (commands != null && !commands.isEmpty()) {
                    thread.waiting = null;
                    ready(thread, new Outcome(commands.poll(), null), false);
                }
            }
        }
    }

    /** Jenkins would persist the program here: write it, read it back, and go on from the copy. */
    private void checkpoint(CpsThread thread, Outcome out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            try (ObjectOutputStream stream = new ObjectOutputStream(bytes)) {
                stream.writeObject(program);
            }
            try (ObjectInputStream stream =
                    new ObjectInputStreamWithLoader(new ByteArrayInputStream(bytes.toByteArray()), loader)) {
                program = (Program) stream.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(
                    "the program cannot be saved after thread '" + thread.name + "' "
                            + (out.getNormal() instanceof StepCall call ? "called " + call.step() : "ended")
                            + " (in stage '" + thread.stage() + "'): " + e,
                    e);
        }
        checkpoints++;
    }

    // ---- the host steps, on a real coordinator --------------------------------------------------------------------

    private String plan(Map<?, ?> options, List<?> described) {
        if (coordinator != null) {
            throw new IllegalStateException("the harness hosts one orchestrate block");
        }
        for (Object o : described) {
            Map<?, ?> d = (Map<?, ?>) o;
            @SuppressWarnings("unchecked")
            Map<String, Object> args = (Map<String, Object>) d.get("args");
            declared.add(new StageDeclaration((String) d.get("name"), args, ((Number) d.get("line")).intValue()));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> planOptions = (Map<String, ?>) options;
        Plan plan;
        try {
            plan = PlanParser.parse("orchestrate-1", planOptions, declared);
        } catch (InvalidPlanException e) {
            throw new StepFailure(e.getMessage());
        }
        plan.stages().forEach(s -> inbox.put(s.name(), new ArrayDeque<>()));
        coordinator = new Coordinator(plan, clock, this::onEvent);
        coordinator.start();
        drive();
        return "1";
    }

    private void onEvent(CoordinatorEvent event) {
        if (event instanceof CoordinatorEvent.StageSkipped s) {
            inbox.get(s.stage()).add(command("skip", "reason", s.reason()));
        }
    }

    private void report(String stage, Map<?, ?> report) {
        String outcome = String.valueOf(report.get("outcome"));
        switch (outcome) {
            case "success" -> {
                Map<String, String> outputs = new LinkedHashMap<>();
                ((Map<?, ?>) report.get("outputs"))
                        .forEach((k, v) -> outputs.put(String.valueOf(k), String.valueOf(v)));
                coordinator.stageSucceeded(stage, outputs);
            }
            case "failure" -> coordinator.stageFailed(stage, LocalOrchestration.failureOf(report.get("error")));
            case "condition" ->
                coordinator.conditionEvaluated(
                        stage, Boolean.TRUE.equals(report.get("passed")), String.valueOf(report.get("detail")));
            case "approved" -> {
                coordinator.approve(stage, String.valueOf(report.get("approver")), "");
                if (coordinator.status(stage) == StageStatus.WAITING_FOR_APPROVAL) {
                    askApproval(stage);
                }
            }
            case "rejected" -> coordinator.reject(stage, "input", String.valueOf(report.get("error")));
            case "rolledBack" -> coordinator.rollbackFinished(stage, Optional.empty());
            case "rollbackFailed" ->
                coordinator.rollbackFinished(stage, Optional.of(LocalOrchestration.failureOf(report.get("error"))));
            default -> throw new IllegalArgumentException("unknown report '" + outcome + "'");
        }
        drive();
    }

    private void drive() {
        for (Command command : coordinator.next()) {
            if (command instanceof Command.StartStage start) {
                Map<String, Object> c = command("start", "attempt", start.attempt());
                c.put("inputs", copy(start.inputs()));
                start.deadline()
                        .ifPresent(d -> c.put(
                                "timeoutMillis",
                                Duration.between(clock.instant(), d).toMillis()));
                inbox.get(start.stage()).add(c);
            } else if (command instanceof Command.EvaluateCondition evaluate) {
                Map<String, Object> c = command("evaluate", "inputs", copy(evaluate.inputs()));
                inbox.get(evaluate.stage()).add(c);
            } else if (command instanceof Command.RequestApproval request) {
                askApproval(request.stage());
            } else if (command instanceof Command.RunRollback rollback) {
                inbox.get(rollback.stage())
                        .add(command("rollback", "outputs", new LinkedHashMap<>(rollback.outputs())));
            } else if (command instanceof Command.Finish finish) {
                result = finish.result();
                inbox.values().forEach(q -> q.add(command("done")));
            } else {
                // aborts (failFast, timeouts, an aborted run) interrupt a running body: not modelled here
                throw new AssertionError("the harness does not model " + command);
            }
        }
    }

    private void askApproval(String stage) {
        var approval = coordinator.plan().stage(stage).approval().orElseThrow();
        Map<String, Object> c = command("approve", "message", approval.message());
        c.put("submitter", String.join(",", approval.approvers()));
        inbox.get(stage).add(c);
    }

    private Outcome finish() {
        if (result == null) {
            return new Outcome(null, new IllegalStateException("orchestrate ended before its coordinator did"));
        }
        if (result.status() != RunStatus.SUCCESS) {
            List<String> failed = result.stages().stream()
                    .filter(s -> s.status() == StageStatus.FAILED)
                    .map(s -> "'" + s.name() + "' (" + s.failure().orElseThrow() + ")")
                    .toList();
            return new Outcome(null, new StepFailure("orchestrate " + result.status() + ": " + failed));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        result.stages().forEach(s -> outputs.put(s.name(), new LinkedHashMap<>(s.outputs())));
        return new Outcome(outputs, null);
    }

    /** A command as the glue reads it: plain, serializable maps, as a Jenkins host should hand over too. */
    private static Map<String, Object> command(String what, Object... more) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", what);
        for (int i = 0; i < more.length; i += 2) {
            c.put((String) more[i], more[i + 1]);
        }
        return c;
    }

    private static Map<String, Object> copy(Map<String, Map<String, String>> inputs) {
        Map<String, Object> out = new LinkedHashMap<>();
        inputs.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        return out;
    }

    // ---- the program: what is saved at every suspension -------------------------------------------------------

    /** All CPS threads of the run and which are ready, as Jenkins' {@code CpsThreadGroup}. */
    static final class Program implements Serializable {
        private static final long serialVersionUID = 1L;

        final Map<Integer, CpsThread> threads = new LinkedHashMap<>();
        final ArrayDeque<Integer> ready = new ArrayDeque<>();
        int nextId;
        Outcome ended;

        CpsThread add(String name, Integer parent, List<String> stages, Continuable continuable) {
            CpsThread thread = new CpsThread(nextId++, name, parent, new ArrayList<>(stages), continuable);
            threads.put(thread.id, thread);
            return thread;
        }
    }

    static final class CpsThread implements Serializable {
        private static final long serialVersionUID = 1L;

        final int id;
        final String name;
        /** The thread waiting in the block step whose body this thread runs. */
        final Integer parent;
        /** The {@code stage} steps this thread runs inside, outermost first. */
        final List<String> stages;

        Continuable continuable;
        /** What its suspended step returns (or throws) when it runs next. */
        Outcome resume;
        /** What it waits for: a command, an answer, the bodies it started; {@code null} when ready. */
        Serializable waiting;

        CpsThread(int id, String name, Integer parent, List<String> stages, Continuable continuable) {
            this.id = id;
            this.name = name;
            this.parent = parent;
            this.stages = stages;
            this.continuable = continuable;
        }

        String stage() {
            return stages.isEmpty() ? "-" : stages.get(stages.size() - 1);
        }

        @Override
        public String toString() {
            return name + (waiting == null ? "" : " waiting for " + waiting);
        }
    }

    record AwaitCommand(String stage) implements Serializable {}

    record AwaitInput(String submitter) implements Serializable {}

    static final class AwaitBodies implements Serializable {
        private static final long serialVersionUID = 1L;

        final String step;
        final String label;
        final Map<Integer, String> children = new LinkedHashMap<>();
        final Map<String, Object> results = new LinkedHashMap<>();
        Throwable failure;

        AwaitBodies(String step, String label) {
            this.step = step;
            this.label = label;
        }

        @Override
        public String toString() {
            return step + " " + label + " " + children.values();
        }
    }

    /** What a failing fake step throws, as Jenkins' {@code error} step throws an {@code AbortException}. */
    static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailure(String message) {
            super(message);
        }
    }
}
