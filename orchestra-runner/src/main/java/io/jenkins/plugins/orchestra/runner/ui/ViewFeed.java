package io.jenkins.plugins.orchestra.runner.ui;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.runner.orchestrate.OrchestrateSteps;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.StageListener;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepInterceptor;
import io.jenkins.plugins.orchestra.view.RunEvent;
import io.jenkins.plugins.orchestra.view.RunViewFold;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells a run's {@link RunViewFold} what happens: stages start and end ({@link StageListener}), {@code parallel} and
 * {@code orchestrate} blocks begin and end and automation steps report ({@link StepInterceptor}), inputs wait and are
 * answered, and each {@code orchestrate} block's coordinator decides ({@link OrchestrateSteps.Observer}).
 *
 * <p>Which block a stage runs in: each thread keeps the blocks it is in, innermost last; a {@code parallel} branch's
 * thread starts with a copy of its parent's, as it is made while the {@code parallel} step runs.
 */
public final class ViewFeed implements StageListener, StepInterceptor, OrchestrateSteps.Observer {
    /** The steps whose results the dashboard shows as automation details. */
    static final Set<String> AUTOMATION = Set.of("deploy", "provision", "notify");

    private enum Kind {
        STAGE,
        PARALLEL,
        ORCHESTRATE
    }

    /** A block this thread is in; {@code branchPrefix} is the branch a {@code parallel} was called in. */
    private record Block(String key, Kind kind, String branchPrefix) {}

    private final RunViewFold fold;
    private final InstantSource clock;
    private final AtomicInteger keys = new AtomicInteger();
    private final InheritableThreadLocal<Deque<Block>> blocks = new InheritableThreadLocal<>() {
        @Override
        protected Deque<Block> initialValue() {
            return new ArrayDeque<>();
        }

        @Override
        protected Deque<Block> childValue(Deque<Block> parent) {
            return new ArrayDeque<>(parent);
        }
    };
    private final ThreadLocal<String> lastComment = new ThreadLocal<>();

    public ViewFeed(RunViewFold fold, InstantSource clock) {
        this.fold = fold;
        this.clock = clock;
    }

    public RunViewFold fold() {
        return fold;
    }

    // stages ------------------------------------------------------------------------------------------------------

    @Override
    public void started(ExecutionContext context, String stage) {
        Deque<Block> stack = blocks.get();
        Block parent = stack.peekLast();
        String key = "k" + keys.incrementAndGet();
        fold.accept(new RunEvent.StageStarted(
                clock.instant(), key, parent == null ? null : parent.key(), branchIn(parent, context), stage));
        stack.addLast(new Block(key, Kind.STAGE, null));
    }

    @Override
    public void ended(StageRecord record) {
        Deque<Block> stack = blocks.get();
        Block stage = null;
        for (Iterator<Block> it = stack.descendingIterator(); it.hasNext(); ) {
            Block b = it.next();
            if (b.kind() == Kind.STAGE) {
                stage = b;
                break;
            }
        }
        if (stage == null) {
            return;
        }
        while (stack.peekLast() != stage) {
            stack.removeLast();
        }
        stack.removeLast();
        fold.accept(new RunEvent.StageEnded(
                record.ended(), stage.key(), RunEvent.Result.valueOf(result(record.result())), record.error()));
    }

    private static String result(BuildResult r) {
        return r.name();
    }

    /** The branch of {@code parent} that {@code context} runs in, when {@code parent} is a {@code parallel}. */
    private static String branchIn(Block parent, ExecutionContext context) {
        if (parent == null || parent.kind() != Kind.PARALLEL || context.branch() == null) {
            return null;
        }
        String prefix = parent.branchPrefix();
        String branch = context.branch();
        return prefix == null
                ? branch
                : branch.startsWith(prefix + "/") ? branch.substring(prefix.length() + 1) : branch;
    }

    // steps -------------------------------------------------------------------------------------------------------

    /** This interceptor around {@code inner} (the step journal). */
    public StepInterceptor around(StepInterceptor inner) {
        return (call, context, step) -> intercept(call, context, () -> inner.intercept(call, context, step));
    }

    @Override
    public Object intercept(StepCall call, ExecutionContext context, Invocation step) throws Exception {
        switch (call.name()) {
            case "parallel":
                return parallel(call, context, step);
            case "orchestrate":
                return within(new Block("k" + keys.incrementAndGet(), Kind.ORCHESTRATE, context.branch()), step);
            case "orchestraReport":
                outputs(call);
                return step.run();
            default:
                if (AUTOMATION.contains(call.name())) {
                    return automation(call, step);
                }
                return step.run();
        }
    }

    private Object parallel(StepCall call, ExecutionContext context, Invocation step) throws Exception {
        Block parent = blocks.get().peekLast();
        String key = "k" + keys.incrementAndGet();
        List<String> branches = new ArrayList<>();
        for (String name : call.named().keySet()) {
            if (!name.equals("failFast")) {
                branches.add(name);
            }
        }
        fold.accept(new RunEvent.ParallelStarted(
                clock.instant(), key, parent == null ? null : parent.key(), branchIn(parent, context), branches));
        try {
            return within(new Block(key, Kind.PARALLEL, context.branch()), step);
        } finally {
            fold.accept(new RunEvent.ParallelEnded(clock.instant(), key));
        }
    }

    private Object within(Block block, Invocation step) throws Exception {
        Deque<Block> stack = blocks.get();
        stack.addLast(block);
        try {
            return step.run();
        } finally {
            stack.remove(block);
        }
    }

    /** {@code orchestraReport(run: id, stage: name, report: [outcome: 'success', outputs: […]])}, as the glue calls it. */
    private void outputs(StepCall call) {
        if (!(call.named().get("report") instanceof Map<?, ?> report)) {
            return;
        }
        if ("success".equals(String.valueOf(report.get("outcome"))) && report.get("outputs") instanceof Map<?, ?> m) {
            Block block = innermost(Kind.ORCHESTRATE);
            if (block != null && !m.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, ?> outputs = (Map<String, ?>) m;
                fold.accept(new RunEvent.StageOutputs(
                        clock.instant(),
                        block.key(),
                        String.valueOf(call.named().get("stage")),
                        outputs));
            }
        }
    }

    private Object automation(StepCall call, Invocation step) throws Exception {
        Block stage = innermost(Kind.STAGE);
        String stageKey = stage == null ? null : stage.key();
        try {
            Object result = step.run();
            fold.accept(
                    new RunEvent.AutomationRecorded(clock.instant(), stageKey, call.name(), call.line(), result, null));
            return result;
        } catch (Exception | Error e) {
            fold.accept(new RunEvent.AutomationRecorded(
                    clock.instant(), stageKey, call.name(), call.line(), null, String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private Block innermost(Kind kind) {
        for (Iterator<Block> it = blocks.get().descendingIterator(); it.hasNext(); ) {
            Block b = it.next();
            if (b.kind() == kind) {
                return b;
            }
        }
        return null;
    }

    // orchestrate -------------------------------------------------------------------------------------------------

    @Override
    public CoordinatorListener planned(Plan plan) {
        Deque<Block> stack = blocks.get();
        Block block = innermost(Kind.ORCHESTRATE);
        if (block == null) {
            return null;
        }
        Block parent = null;
        for (Iterator<Block> it = stack.descendingIterator(); it.hasNext(); ) {
            if (it.next() == block) {
                parent = it.hasNext() ? it.next() : null;
                break;
            }
        }
        String branch = null;
        if (parent != null && parent.kind() == Kind.PARALLEL && block.branchPrefix() != null) {
            String prefix = parent.branchPrefix();
            branch =
                    prefix == null ? block.branchPrefix() : block.branchPrefix().substring(prefix.length() + 1);
        }
        fold.accept(new RunEvent.OrchestratePlanned(
                clock.instant(), block.key(), parent == null ? null : parent.key(), branch, plan));
        String key = block.key();
        return event -> fold.accept(new RunEvent.Coordinated(key, event));
    }

    // inputs ------------------------------------------------------------------------------------------------------

    /** {@code provider}, telling the fold what each input asks and how it was answered. */
    public InputProvider inputs(InputProvider provider) {
        return new InputProvider() {
            @Override
            public Answer ask(String message, String ok, List<String> submitters, Map<String, Object> parameters)
                    throws InterruptedException {
                return ask("input", message, ok, submitters, parameters);
            }

            @Override
            public Answer ask(
                    String id, String message, String ok, List<String> submitters, Map<String, Object> parameters)
                    throws InterruptedException {
                Block stage = innermost(Kind.STAGE);
                fold.accept(new RunEvent.InputRequested(
                        clock.instant(), stage == null ? null : stage.key(), id, message, submitters));
                lastComment.remove();
                Answer answer;
                try {
                    answer = provider.ask(id, message, ok, submitters, parameters);
                } catch (RuntimeException e) {
                    fold.accept(new RunEvent.InputAnswered(
                            clock.instant(), id, false, "-", String.valueOf(e.getMessage())));
                    throw e;
                }
                String comment = lastComment.get();
                lastComment.remove();
                fold.accept(new RunEvent.InputAnswered(
                        clock.instant(), id, answer.proceed(), answer.submitter(), comment == null ? "" : comment));
                return answer;
            }
        };
    }

    /** Hears the comment of a mailbox answer, on the asking thread. */
    public void commented(String comment) {
        lastComment.set(comment);
    }
}
