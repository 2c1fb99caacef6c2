package io.jenkins.plugins.orchestra.coordinator;

import io.jenkins.plugins.orchestra.coordinator.Command.AbortStage;
import io.jenkins.plugins.orchestra.coordinator.Command.CancelApproval;
import io.jenkins.plugins.orchestra.coordinator.Command.EvaluateCondition;
import io.jenkins.plugins.orchestra.coordinator.Command.Finish;
import io.jenkins.plugins.orchestra.coordinator.Command.RequestApproval;
import io.jenkins.plugins.orchestra.coordinator.Command.RunRollback;
import io.jenkins.plugins.orchestra.coordinator.Command.StartStage;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.AbortRequested;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalGiven;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalRejected;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.ApprovalTimedOut;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RollbackStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunFinished;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunHalted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunResumed;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.RunStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageAborted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageEvent;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageFailed;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageInterrupted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageQueued;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageRetrying;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSkipped;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageStarted;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.StageSucceeded;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.WaitingForApproval;
import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent.WaitingForLock;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.internal.LongHeap;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Runs a {@link Plan}: a deterministic state machine that decides when each stage starts. It never sleeps and never
 * starts a thread. A host drives it from one thread:
 *
 * <ol>
 *   <li>{@link #start()} (or {@link #resume}), then {@link #next()} to take the {@link Command}s to carry out;
 *   <li>report what happened: {@link #stageSucceeded}, {@link #stageFailed}, {@link #conditionEvaluated}, {@link
 *       #approve}, {@link #reject}, {@link #rollbackFinished}, {@link #abort};
 *   <li>call {@link #next()} again after each report, and at {@link #nextWakeup()} (retry backoffs, approval and
 *       stage timeouts are due then), until it returns {@link Command.Finish}.
 * </ol>
 *
 * <p>Every change of state is a {@link CoordinatorEvent}, delivered to the listeners; the state is a fold over those
 * events, which is how {@link #resume} rebuilds a run from its journal. Not thread-safe.
 */
public final class Coordinator {
    private static final long NONE = Long.MIN_VALUE;

    private enum Phase {
        NOT_STARTED,
        MAIN,
        ROLLBACK,
        FINALLY,
        DONE
    }

    private enum AbortCause {
        TIMEOUT,
        FAIL_FAST,
        RUN
    }

    private enum Rollback {
        NONE,
        RUNNING,
        DONE,
        FAILED
    }

    private enum TimerKind {
        RETRY,
        APPROVAL,
        DEADLINE
    }

    /** How a wait for approval ended, between its event and the stage's next state. */
    private record ApprovalEnd(boolean timedOut, Failure failure) {}

    private record Timer(long at, long stamp, int stage, TimerKind kind) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(stamp, o.stamp);
        }
    }

    private final Plan plan;
    private final PlanGraph graph;
    private final String fingerprint;
    private final InstantSource clock;
    private final List<CoordinatorListener> listeners;

    private final StageStatus[] status;
    private final int[] unmet;
    private final int[] attempt;
    private final long[] readySeq;
    private final long[] startedAt;
    private final long[] endedAt;
    private final long[] timerStamp;
    private final Failure[] failure;
    private final String[] note;
    private final Map<?, ?>[] outputs;
    private final Set<?>[] approvedBy;
    private final Rollback[] rollback;
    private final AbortCause[] abortCause;
    private final ApprovalEnd[] approvalEnd;

    /** Entries {@code readySeq << 32 | stage}; stale entries are skipped when polled. */
    private final LongHeap ready = new LongHeap();

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ArrayDeque<Integer> toEvaluate = new ArrayDeque<>();
    private final Map<String, Integer> lockHolder = new HashMap<>();
    private final Map<String, ArrayDeque<Integer>> lockWaiters = new HashMap<>();
    private List<Command> commands = new ArrayList<>();

    private Phase phase = Phase.NOT_STARTED;
    private long seq;
    private long timerSeq;
    private int running;
    private int mainLeft;
    private int finallyLeft;
    private boolean halted;
    private String haltReason;
    private boolean abortRequested;
    private String abortReason;
    private boolean abortedAfterMain;
    private boolean anyFailed;
    /** A main (not finally) stage failed: what triggers rollbacks. */
    private boolean mainFailed;

    private boolean anyAbortedByHost;
    private boolean rollbackFailed;
    private int[] rollbackOrder;
    private int rollbackNext;
    private int rollbackRunning;
    private long runStartedAt = NONE;
    private long runEndedAt = NONE;
    private RunStatus finalStatus = RunStatus.RUNNING;
    private boolean replaying;

    public Coordinator(Plan plan, InstantSource clock, List<CoordinatorListener> listeners) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listeners = List.copyOf(listeners);
        this.graph = new PlanGraph(plan);
        this.fingerprint = plan.fingerprint();
        int n = graph.size();
        status = new StageStatus[n];
        unmet = new int[n];
        attempt = new int[n];
        readySeq = new long[n];
        startedAt = new long[n];
        endedAt = new long[n];
        timerStamp = new long[n];
        failure = new Failure[n];
        note = new String[n];
        outputs = new Map<?, ?>[n];
        approvedBy = new Set<?>[n];
        rollback = new Rollback[n];
        abortCause = new AbortCause[n];
        approvalEnd = new ApprovalEnd[n];
        for (int i = 0; i < n; i++) {
            status[i] = StageStatus.PENDING;
            unmet[i] = graph.needs[i].length;
            startedAt[i] = NONE;
            endedAt[i] = NONE;
            rollback[i] = Rollback.NONE;
            if (graph.specs.get(i).isFinally()) {
                finallyLeft++;
            } else {
                mainLeft++;
            }
        }
    }

    public Coordinator(Plan plan, InstantSource clock, CoordinatorListener... listeners) {
        this(plan, clock, List.of(listeners));
    }

    /**
     * Rebuilds a run from the events it recorded and carries on: succeeded stages keep their outputs and do not run
     * again, approvals given still count, and a stage that was running when the run stopped runs its attempt again.
     * The new events go to {@code listeners}; {@link #next()} returns what to do first.
     */
    public static Coordinator resume(
            Plan plan, InstantSource clock, List<CoordinatorEvent> history, List<CoordinatorListener> listeners) {
        Coordinator c = new Coordinator(plan, clock, listeners);
        if (history.stream().noneMatch(e -> e instanceof RunStarted)) {
            c.start();
            return c;
        }
        c.replaying = true;
        for (CoordinatorEvent e : history) {
            if (e instanceof StageEvent se && !c.graph.index.containsKey(se.stage())) {
                throw new IllegalArgumentException(
                        "the history names stage '" + se.stage() + "', which is not in plan '" + plan.name() + "'");
            }
            c.apply(e);
        }
        c.replaying = false;
        c.commands.clear();
        c.recover();
        return c;
    }

    /**
     * Rebuilds a run from the events it recorded, for a host whose work outlived the stop: a Jenkins controller that
     * restarted goes on running the Pipeline steps it was running. Unlike {@link #resume}, a running stage stays
     * running (its report is still to come), a wait for approval stays asked and a running rollback stays running: no
     * command is issued again for them. Timers (retry backoffs, stage timeouts, approval deadlines) are armed again,
     * and what fell due meanwhile happens at the next {@link #next()}. A stage whose condition was being evaluated is
     * asked again with {@link Command.EvaluateCondition}; a host whose first evaluation is still under way may drop
     * the repeated one, since either answer is taken. A run that had finished stays finished, with its {@link
     * #result()}.
     */
    public static Coordinator restore(
            Plan plan, InstantSource clock, List<CoordinatorEvent> history, List<CoordinatorListener> listeners) {
        Coordinator c = new Coordinator(plan, clock, listeners);
        if (history.stream().noneMatch(e -> e instanceof RunStarted)) {
            c.start();
            return c;
        }
        c.replaying = true;
        for (CoordinatorEvent e : history) {
            if (e instanceof StageEvent se && !c.graph.index.containsKey(se.stage())) {
                throw new IllegalArgumentException(
                        "the history names stage '" + se.stage() + "', which is not in plan '" + plan.name() + "'");
            }
            c.apply(e);
        }
        c.replaying = false;
        c.commands.clear();
        if (c.phase == Phase.DONE) {
            return c;
        }
        c.emit(new RunResumed(clock.instant(), List.of()));
        c.restorePhase();
        for (int i = 0; i < c.graph.size(); i++) {
            if (c.status[i] == StageStatus.WAITING_FOR_APPROVAL && c.approvalEnd[i] != null) {
                c.endApprovalWait(i); // rejected or timed out just before the stop
            } else if (c.status[i] == StageStatus.PENDING && c.unmet[i] == 0) {
                c.toEvaluate.add(i); // ready, or its condition was being evaluated: no event says which
            }
        }
        c.advance();
        return c;
    }

    /** After a replay that ended in the rollback phase, which no event marks: where the rollbacks had got to. */
    private void restorePhase() {
        if (phase != Phase.MAIN || mainLeft > 0 || !mainFailed || abortRequested) {
            return;
        }
        int[] order = rollbackOrder(false);
        int begun = 0;
        for (int i : order) {
            if (rollback[i] != Rollback.NONE) {
                begun++;
            }
        }
        if (begun > 0) {
            phase = Phase.ROLLBACK;
            rollbackOrder = order;
            rollbackNext = begun;
        }
    }

    public Plan plan() {
        return plan;
    }

    /** Starts the run. */
    public void start() {
        if (phase != Phase.NOT_STARTED) {
            throw new IllegalStateException("the run has already started");
        }
        emit(new RunStarted(clock.instant(), plan.name(), fingerprint, graph.size()));
        for (int i = 0; i < graph.size(); i++) {
            if (unmet[i] == 0) {
                toEvaluate.add(i);
            }
        }
        advance();
    }

    /** Takes what the host should do now, after firing whatever timers are due. */
    public List<Command> next() {
        advance();
        if (commands.isEmpty()) {
            return List.of();
        }
        List<Command> out = commands;
        commands = new ArrayList<>();
        return out;
    }

    /** When {@link #next()} has something to do even if nothing is reported before: a retry, a timeout. */
    public Optional<Instant> nextWakeup() {
        while (!timers.isEmpty()) {
            Timer t = timers.peek();
            if (isLive(t)) {
                return Optional.of(toInstant(t.at));
            }
            timers.poll();
        }
        return Optional.empty();
    }

    public boolean isFinished() {
        return phase == Phase.DONE;
    }

    public StageStatus status(String stage) {
        return status[indexOf(stage)];
    }

    public int attempts(String stage) {
        return attempt[indexOf(stage)];
    }

    /** How many stages are running now. */
    public int runningCount() {
        return running;
    }

    /** The result, once the run is over. */
    public Optional<RunResult> result() {
        return phase == Phase.DONE ? Optional.of(buildResult()) : Optional.empty();
    }

    // ---- reports from the host -------------------------------------------------------------------------------

    /** The stage's running attempt ended well, publishing {@code outputs}. */
    public void stageSucceeded(String stage, Map<String, String> outputs) {
        int i = running(stage);
        Map<String, String> published = Map.copyOf(outputs);
        for (String declared : graph.specs.get(i).outputs()) {
            if (!published.containsKey(declared)) {
                stageFailed(stage, Failure.error("ended without publishing its declared output '" + declared + "'"));
                return;
            }
        }
        abortCause[i] = null;
        emit(i, new StageSucceeded(clock.instant(), stage, attempt[i], published, Optional.empty()));
        advance();
    }

    /**
     * The stage's running attempt failed. If the coordinator had asked for it to be aborted, the failure is recorded
     * as what caused that (a timeout, {@code failFast}, an aborted run) whatever the host says.
     */
    public void stageFailed(String stage, Failure cause) {
        int i = running(stage);
        StageSpec spec = graph.specs.get(i);
        Failure f = Objects.requireNonNull(cause, "cause");
        AbortCause why = abortCause[i];
        abortCause[i] = null;
        if (why == AbortCause.TIMEOUT) {
            f = Failure.timeout(
                    "timed out after " + Durations.format(spec.timeout().orElseThrow()));
        } else if (why == AbortCause.FAIL_FAST) {
            f = Failure.aborted("aborted because " + haltReason + " and the plan is failFast");
        } else if (why == AbortCause.RUN) {
            f = Failure.aborted("run aborted: " + abortReason);
        }
        boolean mayRetry = !halted && !abortRequested && spec.retry().retries(f.kind());
        if (mayRetry && attempt[i] <= spec.retry().count()) {
            long seed = fingerprint.hashCode() * 31L + spec.name().hashCode();
            Duration wait = spec.retry().backoffBefore(attempt[i], seed);
            Instant now = clock.instant();
            emit(i, new StageRetrying(now, stage, attempt[i], f, now.plus(wait)));
        } else {
            endInFailure(i, f, why != null);
        }
        advance();
    }

    /** The host evaluated the stage's {@code when} condition. */
    public void conditionEvaluated(String stage, boolean passed, String detail) {
        int i = indexOf(stage);
        if (status[i] != StageStatus.EVALUATING) {
            if (status[i].isTerminal()) {
                return; // skipped meanwhile, by a halt or an abort
            }
            throw new IllegalStateException(
                    "stage '" + stage + "' is not waiting for its condition, it is " + status[i]);
        }
        status[i] = StageStatus.PENDING;
        if (passed) {
            afterCondition(i);
        } else {
            String why = detail == null || detail.isBlank() ? "" : " (" + detail + ")";
            skip(
                    i,
                    "its condition is false: "
                            + graph.specs.get(i).when().condition().orElse("?") + why);
        }
        advance();
    }

    /** {@code approver} approves the stage; it starts once enough approvers have. */
    public void approve(String stage, String approver, String comment) {
        int i = waitingForApproval(stage, approver);
        ApprovalSpec approval = graph.specs.get(i).approval().orElseThrow();
        Set<String> given = approvals(i);
        if (given.contains(approver)) {
            throw ApprovalException.alreadyApproved(stage, approver, approval.quorum() - given.size());
        }
        emit(i, new ApprovalGiven(clock.instant(), stage, approver, comment == null ? "" : comment));
        if (approvals(i).size() >= approval.quorum()) {
            queue(i);
        }
        advance();
    }

    /** {@code approver} rejects the stage: it fails, and its failure policy applies. */
    public void reject(String stage, String approver, String comment) {
        int i = waitingForApproval(stage, approver);
        emit(i, new ApprovalRejected(clock.instant(), stage, approver, comment == null ? "" : comment));
        endInFailure(i, approvalEnd[i].failure(), false);
        advance();
    }

    /** The compensating action of the stage ended; {@code failure} is empty if it worked. */
    public void rollbackFinished(String stage, Optional<Failure> failure) {
        int i = indexOf(stage);
        if (rollback[i] != Rollback.RUNNING) {
            throw new IllegalStateException("stage '" + stage + "' is not rolling back");
        }
        emit(i, new RollbackFinished(clock.instant(), stage, failure));
        advance();
    }

    /**
     * Aborts the run: nothing new starts, running stages are asked to abort, approvals are withdrawn. Rollbacks
     * already running finish; finally stages still run unless they were running too.
     */
    public void abort(String reason) {
        if (phase == Phase.NOT_STARTED || phase == Phase.DONE || abortRequested) {
            return;
        }
        String why = reason == null || reason.isBlank() ? "aborted by the user" : reason;
        emit(new AbortRequested(clock.instant(), why));
        for (int i = 0; i < graph.size(); i++) {
            if (status[i].isTerminal() || (graph.specs.get(i).isFinally() && !abortedAfterMain)) {
                continue;
            }
            switch (status[i]) {
                case RUNNING -> commands.add(new AbortStage(graph.name(i), "run aborted: " + why));
                case RETRY_WAIT ->
                    emit(
                            i,
                            new StageAborted(
                                    clock.instant(),
                                    graph.name(i),
                                    attempt[i],
                                    "run aborted before its retry: " + why));
                case WAITING_FOR_APPROVAL -> {
                    commands.add(new CancelApproval(graph.name(i), "run aborted: " + why));
                    skip(i, "run aborted: " + why);
                }
                default -> skip(i, "run aborted: " + why);
            }
        }
        advance();
    }

    // ---- decisions ---------------------------------------------------------------------------------------------

    private void advance() {
        if (phase == Phase.NOT_STARTED || phase == Phase.DONE) {
            return;
        }
        do {
            fireDueTimers();
            while (!toEvaluate.isEmpty()) {
                evaluate(toEvaluate.poll());
            }
            dispatch();
        } while (!toEvaluate.isEmpty() || progressPhase());
    }

    private void evaluate(int i) {
        if (status[i] != StageStatus.PENDING || unmet[i] > 0) {
            return;
        }
        StageSpec spec = graph.specs.get(i);
        if (spec.isFinally() && phase != Phase.FINALLY) {
            return; // it is evaluated again when the finally phase begins
        }
        if (abortRequested && (!spec.isFinally() || abortedAfterMain)) {
            skip(i, "run aborted: " + abortReason);
            return;
        }
        if (!spec.isFinally()) {
            if (halted && spec.when().trigger() == When.Trigger.SUCCESS) {
                skip(i, "not started: " + haltReason);
                return;
            }
        }
        String unsatisfied = unsatisfiedTrigger(i);
        if (unsatisfied != null) {
            skip(i, unsatisfied);
            return;
        }
        if (spec.when().condition().isPresent()) {
            status[i] = StageStatus.EVALUATING;
            Map<String, StageStatus> needStatus = new LinkedHashMap<>();
            for (int need : graph.needs[i]) {
                needStatus.put(graph.name(need), status[need]);
            }
            commands.add(
                    new EvaluateCondition(spec.name(), spec.when().condition().get(), needStatus, inputs(i)));
            return;
        }
        afterCondition(i);
    }

    private String unsatisfiedTrigger(int i) {
        int[] needs = graph.needs[i];
        switch (graph.specs.get(i).when().trigger()) {
            case SUCCESS -> {
                for (int need : needs) {
                    if (status[need] != StageStatus.SUCCEEDED) {
                        return "needs '" + graph.name(need) + "', which "
                                + switch (status[need]) {
                                    case FAILED -> "failed";
                                    case ABORTED -> "was aborted";
                                    default -> "was skipped";
                                };
                    }
                }
                return null;
            }
            case FAILURE -> {
                for (int need : needs) {
                    if (status[need] == StageStatus.FAILED || status[need] == StageStatus.ABORTED) {
                        return null;
                    }
                }
                return "runs on failure, and none of its needs failed";
            }
            default -> {
                return null;
            }
        }
    }

    private void afterCondition(int i) {
        StageSpec spec = graph.specs.get(i);
        if (spec.approval().isPresent()) {
            ApprovalSpec approval = spec.approval().get();
            Instant now = clock.instant();
            Optional<Instant> deadline = approval.timeout().map(now::plus);
            emit(
                    i,
                    new WaitingForApproval(
                            now, spec.name(), approval.approvers(), approval.quorum(), deadline, approval.message()));
            commands.add(new RequestApproval(spec.name(), approval, List.copyOf(approvals(i)), deadline));
        } else {
            queue(i);
        }
    }

    private void queue(int i) {
        emit(i, new StageQueued(clock.instant(), graph.name(i)));
    }

    private void dispatch() {
        int limit = plan.maxParallel() == Plan.UNLIMITED ? Integer.MAX_VALUE : plan.maxParallel();
        while (!ready.isEmpty() && running < limit) {
            long entry = ready.poll();
            int i = (int) entry;
            if (status[i] != StageStatus.QUEUED || readySeq[i] != entry >>> 32) {
                continue;
            }
            StageSpec spec = graph.specs.get(i);
            if (spec.lock().isPresent()) {
                Integer holder = lockHolder.get(spec.lock().get());
                if (holder != null && holder != i) {
                    emit(
                            i,
                            new WaitingForLock(
                                    clock.instant(), spec.name(), spec.lock().get(), graph.name(holder)));
                    continue;
                }
            }
            Instant now = clock.instant();
            emit(i, new StageStarted(now, spec.name(), attempt[i] + 1, spec.lock()));
            commands.add(new StartStage(
                    spec.name(), attempt[i], inputs(i), spec.timeout().map(now::plus)));
        }
    }

    /** Ends a stage whose last attempt failed, applying its failure policy. */
    private void endInFailure(int i, Failure f, boolean abortedByCoordinator) {
        StageSpec spec = graph.specs.get(i);
        Instant now = clock.instant();
        if (f.kind() == FailureKind.ABORTED) {
            emit(i, new StageAborted(now, spec.name(), attempt[i], f.message()));
            if (!abortedByCoordinator && !spec.isFinally()) {
                anyAbortedByHost = true;
                halt(i, "'" + spec.name() + "' was aborted");
            }
        } else if (spec.failurePolicy() == FailurePolicy.IGNORE) {
            emit(
                    i,
                    new StageSucceeded(
                            now,
                            spec.name(),
                            attempt[i],
                            Map.of(),
                            Optional.of("failed, ignored because its failurePolicy is ignore: " + f.message())));
        } else {
            emit(i, new StageFailed(now, spec.name(), attempt[i], f));
            if (spec.failurePolicy() == FailurePolicy.HALT_PIPELINE && !spec.isFinally()) {
                halt(i, "'" + spec.name() + "' failed");
            }
        }
    }

    private void halt(int cause, String reason) {
        if (halted) {
            return;
        }
        emit(new RunHalted(clock.instant(), graph.name(cause), reason));
        for (int i = 0; i < graph.size(); i++) {
            StageSpec spec = graph.specs.get(i);
            if (status[i].isTerminal() || spec.isFinally()) {
                continue;
            }
            boolean handler = spec.when().trigger() != When.Trigger.SUCCESS;
            switch (status[i]) {
                case RUNNING -> {
                    if (plan.failFast()) {
                        commands.add(new AbortStage(spec.name(), "aborted because " + reason + " (failFast)"));
                    }
                }
                case RETRY_WAIT ->
                    endInFailure(
                            i,
                            new Failure(failure[i].kind(), failure[i].message() + " (not retried: " + reason + ")"),
                            true);
                case WAITING_FOR_APPROVAL -> {
                    if (!handler) {
                        commands.add(new CancelApproval(spec.name(), "not needed: " + reason));
                        skip(i, "not started: " + reason);
                    }
                }
                default -> {
                    if (!handler) {
                        skip(i, "not started: " + reason);
                    }
                }
            }
        }
    }

    private void skip(int i, String reason) {
        emit(i, new StageSkipped(clock.instant(), graph.name(i), reason));
    }

    private boolean progressPhase() {
        switch (phase) {
            case MAIN -> {
                if (mainLeft > 0) {
                    return false;
                }
                if (mainFailed && !abortRequested) {
                    rollbackOrder = rollbackCandidates();
                    if (rollbackOrder.length > 0) {
                        phase = Phase.ROLLBACK;
                        return startRollbackWave();
                    }
                }
                return enterFinally();
            }
            case ROLLBACK -> {
                if (rollbackRunning > 0) {
                    return false;
                }
                return rollbackNext < rollbackOrder.length ? startRollbackWave() : enterFinally();
            }
            case FINALLY -> {
                if (finallyLeft > 0) {
                    return false;
                }
                finish();
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** Succeeded stages with a compensating action not yet run, lowest first: dependents roll back before needs. */
    private int[] rollbackCandidates() {
        return rollbackOrder(true);
    }

    /** Succeeded main stages with a compensating action, lowest first; {@code notYetRun}: only those not run yet. */
    private int[] rollbackOrder(boolean notYetRun) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < graph.size(); i++) {
            StageSpec spec = graph.specs.get(i);
            if (spec.rollback()
                    && !spec.isFinally()
                    && status[i] == StageStatus.SUCCEEDED
                    && (!notYetRun || rollback[i] == Rollback.NONE)) {
                found.add(i);
            }
        }
        found.sort((a, b) -> graph.height[a] != graph.height[b]
                ? Integer.compare(graph.height[a], graph.height[b])
                : Integer.compare(a, b));
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Starts every rollback of the next height: none of them depends on another. */
    private boolean startRollbackWave() {
        int height = graph.height[rollbackOrder[rollbackNext]];
        while (rollbackNext < rollbackOrder.length && graph.height[rollbackOrder[rollbackNext]] == height) {
            int i = rollbackOrder[rollbackNext++];
            emit(i, new RollbackStarted(clock.instant(), graph.name(i)));
            @SuppressWarnings("unchecked")
            Map<String, String> published = (Map<String, String>) outputs[i];
            commands.add(new RunRollback(graph.name(i), published == null ? Map.of() : published));
        }
        return false;
    }

    private boolean enterFinally() {
        phase = Phase.FINALLY;
        for (int i = 0; i < graph.size(); i++) {
            if (graph.specs.get(i).isFinally() && unmet[i] == 0 && status[i] == StageStatus.PENDING) {
                toEvaluate.add(i);
            }
        }
        return true;
    }

    private void finish() {
        RunStatus s;
        if (abortRequested) {
            s = RunStatus.ABORTED;
        } else if (anyFailed || rollbackFailed) {
            s = RunStatus.FAILURE;
        } else if (anyAbortedByHost) {
            s = RunStatus.ABORTED;
        } else {
            s = RunStatus.SUCCESS;
        }
        emit(new RunFinished(clock.instant(), s));
        commands.add(new Finish(buildResult()));
    }

    private void fireDueTimers() {
        long now = micros(clock.instant());
        while (!timers.isEmpty() && timers.peek().at <= now) {
            Timer t = timers.poll();
            if (!isLive(t)) {
                continue;
            }
            int i = t.stage;
            StageSpec spec = graph.specs.get(i);
            switch (t.kind) {
                case RETRY -> queue(i);
                case DEADLINE -> {
                    abortCause[i] = AbortCause.TIMEOUT;
                    timerStamp[i] = 0;
                    commands.add(new AbortStage(
                            spec.name(),
                            "timed out after " + Durations.format(spec.timeout().orElseThrow())));
                }
                case APPROVAL -> {
                    emit(
                            i,
                            new ApprovalTimedOut(
                                    clock.instant(),
                                    spec.name(),
                                    spec.approval().orElseThrow().onTimeout()));
                    commands.add(new CancelApproval(
                            spec.name(), approvalEnd[i].failure().message()));
                    endApprovalWait(i);
                }
            }
        }
    }

    private boolean isLive(Timer t) {
        if (timerStamp[t.stage] != t.stamp) {
            return false;
        }
        return switch (t.kind) {
            case RETRY -> status[t.stage] == StageStatus.RETRY_WAIT;
            case APPROVAL -> status[t.stage] == StageStatus.WAITING_FOR_APPROVAL;
            case DEADLINE -> status[t.stage] == StageStatus.RUNNING && abortCause[t.stage] == null;
        };
    }

    private void recover() {
        if (phase == Phase.DONE) {
            commands.add(new Finish(buildResult()));
            return;
        }
        List<String> interrupted = new ArrayList<>();
        for (int i = 0; i < graph.size(); i++) {
            if (status[i] == StageStatus.RUNNING) {
                interrupted.add(graph.name(i));
            }
        }
        emit(new RunResumed(clock.instant(), interrupted));
        for (int i = 0; i < graph.size(); i++) {
            StageSpec spec = graph.specs.get(i);
            switch (status[i]) {
                case RUNNING -> {
                    int attemptNumber = attempt[i];
                    AbortCause why = abortCause[i];
                    emit(i, new StageInterrupted(clock.instant(), spec.name(), attemptNumber));
                    if (why == AbortCause.RUN) {
                        emit(
                                i,
                                new StageAborted(
                                        clock.instant(), spec.name(), attemptNumber, "run aborted: " + abortReason));
                    } else if (why == AbortCause.FAIL_FAST) {
                        emit(
                                i,
                                new StageAborted(
                                        clock.instant(),
                                        spec.name(),
                                        attemptNumber,
                                        "aborted because " + haltReason + " and the plan is failFast"));
                    } else {
                        queue(i);
                    }
                }
                case WAITING_FOR_LOCK -> {
                    status[i] = StageStatus.QUEUED;
                    ready.add(readySeq[i] << 32 | i);
                }
                case WAITING_FOR_APPROVAL -> {
                    ApprovalSpec approval = spec.approval().orElseThrow();
                    if (approvalEnd[i] != null) {
                        endApprovalWait(i); // rejected or timed out just before the run stopped
                    } else if (approvals(i).size() >= approval.quorum()) {
                        queue(i); // the quorum was reached just before the run stopped
                    } else {
                        commands.add(new RequestApproval(
                                spec.name(), approval, List.copyOf(approvals(i)), approvalDeadline(i)));
                    }
                }
                case PENDING -> {
                    if (unmet[i] == 0) {
                        toEvaluate.add(i);
                    }
                }
                default -> {}
            }
            if (rollback[i] == Rollback.RUNNING) {
                rollback[i] = Rollback.NONE; // it never reported its end: run it again
                rollbackRunning--;
            }
        }
        advance();
    }

    /** Moves a stage whose wait for approval was rejected or timed out to what follows. */
    private void endApprovalWait(int i) {
        ApprovalEnd end = approvalEnd[i];
        if (!end.timedOut()) {
            endInFailure(i, end.failure(), false);
            return;
        }
        switch (graph.specs.get(i).approval().orElseThrow().onTimeout()) {
            case APPROVE -> queue(i);
            case SKIP -> skip(i, end.failure().message());
            default -> endInFailure(i, end.failure(), false);
        }
    }

    private Optional<Instant> approvalDeadline(int i) {
        for (Timer t : timers) {
            if (t.stage == i && t.kind == TimerKind.APPROVAL && isLive(t)) {
                return Optional.of(toInstant(t.at));
            }
        }
        return Optional.empty();
    }

    // ---- the fold: every change of state happens here, live and when replaying a journal ---------------------

    private void emit(CoordinatorEvent event) {
        emit(-1, event);
    }

    /** Emits an event about stage {@code i}, sparing the lookup of its name on the hot path. */
    private void emit(int i, CoordinatorEvent event) {
        if (i >= 0 && event instanceof StageEvent se) {
            applyStage(i, se);
        } else {
            apply(event);
        }
        if (!replaying) {
            for (CoordinatorListener l : listeners) {
                l.onEvent(event);
            }
        }
    }

    private void apply(CoordinatorEvent e) {
        if (e instanceof StageEvent se) {
            applyStage(graph.index.get(se.stage()), se);
        } else if (e instanceof RunStarted r) {
            phase = Phase.MAIN;
            runStartedAt = micros(r.at());
        } else if (e instanceof RunHalted h) {
            halted = true;
            haltReason = h.reason();
            if (plan.failFast()) {
                markRunning(AbortCause.FAIL_FAST, false);
            }
        } else if (e instanceof AbortRequested a) {
            abortRequested = true;
            abortReason = a.reason();
            abortedAfterMain = mainLeft == 0;
            markRunning(AbortCause.RUN, true);
        } else if (e instanceof RunFinished f) {
            phase = Phase.DONE;
            runEndedAt = micros(f.at());
            finalStatus = f.status();
        }
        // RunResumed changes nothing
    }

    /** The running stages that the coordinator asks to abort, so that a resumed run knows it did. */
    private void markRunning(AbortCause cause, boolean finallyToo) {
        for (int i = 0; i < graph.size(); i++) {
            if (status[i] == StageStatus.RUNNING
                    && abortCause[i] == null
                    && (finallyToo || !graph.specs.get(i).isFinally())) {
                abortCause[i] = cause;
            }
        }
    }

    private void applyStage(int i, StageEvent e) {
        if (e instanceof StageQueued) {
            status[i] = StageStatus.QUEUED;
            readySeq[i] = ++seq;
            ready.add(readySeq[i] << 32 | i);
        } else if (e instanceof StageStarted s) {
            status[i] = StageStatus.RUNNING;
            abortCause[i] = null;
            attempt[i] = s.attempt();
            running++;
            if (startedAt[i] == NONE) {
                startedAt[i] = micros(s.at());
            }
            s.lock().ifPresent(lock -> lockHolder.put(lock, i));
            graph.specs.get(i).timeout().ifPresent(t -> setTimer(i, micros(s.at().plus(t)), TimerKind.DEADLINE));
        } else if (e instanceof StageSucceeded s) {
            releaseIfRunning(i);
            attempt[i] = Math.max(attempt[i], s.attempt());
            outputs[i] = s.outputs().isEmpty() ? null : s.outputs();
            note[i] = s.warning().orElse(null);
            end(i, StageStatus.SUCCEEDED, s.at());
        } else if (e instanceof StageFailed f) {
            releaseIfRunning(i);
            attempt[i] = Math.max(attempt[i], f.attempt());
            failure[i] = f.failure();
            anyFailed = true;
            mainFailed |= !graph.specs.get(i).isFinally();
            end(i, StageStatus.FAILED, f.at());
        } else if (e instanceof StageAborted a) {
            releaseIfRunning(i);
            attempt[i] = Math.max(attempt[i], a.attempt());
            failure[i] = Failure.aborted(a.reason());
            end(i, StageStatus.ABORTED, a.at());
        } else if (e instanceof StageSkipped s) {
            note[i] = s.reason();
            end(i, StageStatus.SKIPPED, s.at());
        } else if (e instanceof StageRetrying r) {
            releaseIfRunning(i);
            status[i] = StageStatus.RETRY_WAIT;
            failure[i] = r.failure();
            setTimer(i, micros(r.retryAt()), TimerKind.RETRY);
        } else if (e instanceof StageInterrupted r) {
            releaseIfRunning(i);
            attempt[i] = r.attempt() - 1;
            status[i] = StageStatus.RETRY_WAIT;
            timerStamp[i] = 0;
        } else if (e instanceof WaitingForLock w) {
            status[i] = StageStatus.WAITING_FOR_LOCK;
            lockWaiters.computeIfAbsent(w.lock(), k -> new ArrayDeque<>()).add(i);
        } else if (e instanceof WaitingForApproval w) {
            status[i] = StageStatus.WAITING_FOR_APPROVAL;
            w.deadline().ifPresent(d -> setTimer(i, micros(d), TimerKind.APPROVAL));
        } else if (e instanceof ApprovalGiven a) {
            approvals(i).add(a.approver());
        } else if (e instanceof ApprovalRejected r) {
            String why = r.comment().isBlank() ? "" : ": " + r.comment();
            approvalEnd[i] = new ApprovalEnd(false, Failure.rejected("rejected by " + r.approver() + why));
            timerStamp[i] = 0;
        } else if (e instanceof ApprovalTimedOut) {
            String waited = "approval timed out after "
                    + Durations.format(graph.specs
                            .get(i)
                            .approval()
                            .orElseThrow()
                            .timeout()
                            .orElseThrow());
            approvalEnd[i] = new ApprovalEnd(true, Failure.rejected(waited));
            timerStamp[i] = 0;
        } else if (e instanceof RollbackStarted) {
            rollback[i] = Rollback.RUNNING;
            rollbackRunning++;
        } else if (e instanceof RollbackFinished f) {
            rollback[i] = f.failure().isPresent() ? Rollback.FAILED : Rollback.DONE;
            rollbackRunning--;
            rollbackFailed |= f.failure().isPresent();
        }
    }

    private void end(int i, StageStatus terminal, Instant at) {
        if (status[i].isTerminal()) {
            throw new IllegalStateException("stage '" + graph.name(i) + "' has already ended as " + status[i]);
        }
        status[i] = terminal;
        endedAt[i] = micros(at);
        timerStamp[i] = 0;
        if (graph.specs.get(i).isFinally()) {
            finallyLeft--;
        } else {
            mainLeft--;
        }
        for (int d : graph.dependents[i]) {
            if (--unmet[d] == 0) {
                toEvaluate.add(d);
            }
        }
    }

    private void releaseIfRunning(int i) {
        if (status[i] != StageStatus.RUNNING) {
            return;
        }
        running--;
        Optional<String> lock = graph.specs.get(i).lock();
        if (lock.isEmpty() || !Integer.valueOf(i).equals(lockHolder.get(lock.get()))) {
            return;
        }
        lockHolder.remove(lock.get());
        ArrayDeque<Integer> waiters = lockWaiters.get(lock.get());
        while (waiters != null && !waiters.isEmpty()) {
            int w = waiters.poll();
            if (status[w] == StageStatus.WAITING_FOR_LOCK) {
                status[w] = StageStatus.QUEUED; // keeps its place in the queue
                ready.add(readySeq[w] << 32 | w);
                break;
            }
        }
    }

    private void setTimer(int i, long at, TimerKind kind) {
        timerStamp[i] = ++timerSeq;
        timers.add(new Timer(at, timerStamp[i], i, kind));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private int indexOf(String stage) {
        Integer i = graph.index.get(stage);
        if (i == null) {
            throw new IllegalArgumentException("no stage '" + stage + "' in plan '" + plan.name() + "'");
        }
        return i;
    }

    private int running(String stage) {
        int i = indexOf(stage);
        if (status[i] != StageStatus.RUNNING) {
            throw new IllegalStateException("stage '" + stage + "' is not running, it is " + status[i]);
        }
        return i;
    }

    private int waitingForApproval(String stage, String approver) {
        Integer i = graph.index.get(stage);
        if (i == null) {
            throw ApprovalException.unknownStage(stage);
        }
        if (status[i] != StageStatus.WAITING_FOR_APPROVAL) {
            throw ApprovalException.notWaiting(stage, status[i]);
        }
        ApprovalSpec approval = graph.specs.get(i).approval().orElseThrow();
        if (approver == null || !approval.allows(approver)) {
            throw ApprovalException.notAnApprover(stage, String.valueOf(approver), approval);
        }
        return i;
    }

    @SuppressWarnings("unchecked")
    private Set<String> approvals(int i) {
        if (approvedBy[i] == null) {
            approvedBy[i] = new LinkedHashSet<String>(2);
        }
        return (Set<String>) approvedBy[i];
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, String>> inputs(int i) {
        int[] needs = graph.needs[i];
        if (needs.length == 0) {
            return Map.of();
        }
        Map<String, Map<String, String>> in = new LinkedHashMap<>();
        for (int need : needs) {
            Map<String, String> out = (Map<String, String>) outputs[need];
            in.put(graph.name(need), out == null ? Map.of() : out);
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    private RunResult buildResult() {
        List<StageResult> results = new ArrayList<>(graph.size());
        for (int i = 0; i < graph.size(); i++) {
            Map<String, String> out = (Map<String, String>) outputs[i];
            results.add(new StageResult(
                    graph.name(i),
                    status[i],
                    attempt[i],
                    startedAt[i] == NONE ? Optional.empty() : Optional.of(toInstant(startedAt[i])),
                    endedAt[i] == NONE ? Optional.empty() : Optional.of(toInstant(endedAt[i])),
                    status[i] == StageStatus.SUCCEEDED ? Optional.empty() : Optional.ofNullable(failure[i]),
                    Optional.ofNullable(note[i]),
                    out == null ? Map.of() : out,
                    switch (rollback[i]) {
                        case DONE -> StageResult.RollbackOutcome.ROLLED_BACK;
                        case FAILED -> StageResult.RollbackOutcome.ROLLBACK_FAILED;
                        default -> StageResult.RollbackOutcome.NONE;
                    }));
        }
        Instant started = toInstant(runStartedAt);
        Instant ended = runEndedAt == NONE ? clock.instant() : toInstant(runEndedAt);
        return new RunResult(
                plan.name(), finalStatus, started, ended, results, CriticalPath.of(plan, results, started));
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    @Override
    public String toString() {
        return "Coordinator[" + plan.name() + ", " + phase.name().toLowerCase(Locale.ROOT) + ", " + running
                + " running]";
    }
}
