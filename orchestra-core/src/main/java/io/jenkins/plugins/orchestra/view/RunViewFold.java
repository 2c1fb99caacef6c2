package io.jenkins.plugins.orchestra.view;

import io.jenkins.plugins.orchestra.coordinator.CoordinatorEvent;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * The state of one run, folded from what its host saw ({@link RunEvent}s), incrementally: a host feeds events as they
 * happen from any thread, and a server takes a {@link #snapshot()} or the {@link #changesSince(long) changes} since a
 * version it sent before. Every text that enters is masked first.
 *
 * <p>The graph: a stage that runs other stages is shown as a group of them; a {@code parallel} branch that runs more
 * than its one stage of the same name is a group too. Edges join stages without children: in a sequence each stage
 * follows the one before it (all the branches of a {@code parallel} fan out from it and fan in to the next), and in an
 * {@code orchestrate} block each stage follows its {@code needs}, and a finally stage that needs nothing follows the
 * stages that nothing else needs.
 */
public final class RunViewFold {
    private enum Kind {
        ROOT,
        STAGE,
        BRANCH,
        PARALLEL,
        ORCHESTRATE
    }

    private final UnaryOperator<String> mask;
    private final InstantSource clock;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    private long version;
    private long structureChanged;
    private long structureComputed = -1;
    private int ids;

    private int number;
    private String title = "";
    private String trigger = "";
    private String status = "RUNNING";
    private Long startedAt;
    private Long endedAt;
    private Map<String, String> params = Map.of();

    private final Node root = new Node(null, "", Kind.ROOT);
    private final Map<String, Node> byKey = new HashMap<>();
    private final Map<String, Node> byId = new HashMap<>();
    /** Every node in the order it appeared: parents before their children. */
    private final List<Node> order = new ArrayList<>();

    private final List<ApprovalState> approvals = new ArrayList<>();
    /** What automation steps outside every stage reported. */
    private final List<RunView.Automation> automation = new ArrayList<>(0);

    private final Map<String, ApprovalState> openApprovals = new HashMap<>();

    private List<RunView.Edge> edges = List.of();
    private byte[] edgesJson;
    private long edgesJsonVersion = -1;
    private Map<Node, List<Node>> predecessors = Map.of();
    private RunView.CriticalPath criticalPath = RunView.CriticalPath.EMPTY;
    private long criticalPathVersion = -1;

    /** @param mask applied to every text that enters: names, notes, messages, outputs, parameters */
    public RunViewFold(UnaryOperator<String> mask, InstantSource clock) {
        this.mask = mask;
        this.clock = clock;
    }

    /** Hears the version after each change, on the thread that fed it, outside the fold's lock. */
    public void addListener(LongConsumer listener) {
        listeners.add(listener);
    }

    public void removeListener(LongConsumer listener) {
        listeners.remove(listener);
    }

    public synchronized long version() {
        return version;
    }

    public synchronized String status() {
        return status;
    }

    /** Folds one event in. */
    public void accept(RunEvent event) {
        long now;
        synchronized (this) {
            version++;
            apply(event);
            now = version;
        }
        for (LongConsumer l : listeners) {
            l.accept(now);
        }
    }

    /** The whole run as it is now. */
    public synchronized RunView snapshot() {
        long now = clock.millis();
        prepare();
        List<RunView.Stage> stages = new ArrayList<>(order.size());
        for (Node n : order) {
            if (n.visible) {
                stages.add(n.view(now));
            }
        }
        List<RunView.Approval> approvalViews = approvalViews();
        return header(now, stages, edges, approvalViews);
    }

    /** What changed after version {@code since}; the whole graph if {@code since} is older than its last change. */
    public synchronized RunView.Delta changesSince(long since) {
        long now = clock.millis();
        prepare();
        List<RunView.Stage> stages = new ArrayList<>();
        for (Node n : order) {
            if (n.visible && n.changed > since) {
                stages.add(n.view(now));
            }
        }
        return new RunView.Delta(
                since,
                header(now, List.of(), List.of(), List.of()),
                stages,
                structureChanged > since ? edges : null,
                criticalPath,
                approvalViews());
    }

    private RunView header(
            long now, List<RunView.Stage> stages, List<RunView.Edge> edgeList, List<RunView.Approval> approvalList) {
        long duration = startedAt == null ? 0 : (endedAt != null ? endedAt : now) - startedAt;
        return new RunView(
                number,
                title,
                trigger,
                status,
                startedAt,
                endedAt,
                Math.max(0, duration),
                now,
                version,
                maskedParams(),
                stages,
                edgeList,
                criticalPath,
                approvalList,
                List.copyOf(automation));
    }

    /** Masked each time: a parameter may hold a secret that the run learns only later. */
    private Map<String, String> maskedParams() {
        Map<String, String> masked = new LinkedHashMap<>();
        params.forEach((k, v) -> masked.put(mask.apply(k), v == null ? null : mask.apply(v)));
        return java.util.Collections.unmodifiableMap(masked);
    }

    /**
     * The whole run as JSON, as {@link RunViewJson} writes a {@link #snapshot()}, but built from the JSON of each stage
     * that has ended, kept since it last changed: a big run costs little more than its running stages.
     */
    public synchronized byte[] toJson() {
        long now = clock.millis();
        prepare();
        List<byte[]> stages = new ArrayList<>(order.size());
        for (Node n : order) {
            if (!n.visible) {
                continue;
            }
            if (n.json != null && n.jsonVersion == n.changed) {
                stages.add(n.json);
                continue;
            }
            byte[] json = RunViewJson.stageBytes(n.view(now));
            if (n.settled()) {
                n.json = json;
                n.jsonVersion = n.changed;
            }
            stages.add(json);
        }
        if (edgesJson == null || edgesJsonVersion != structureComputed) {
            edgesJson = RunViewJson.edgesBytes(edges);
            edgesJsonVersion = structureComputed;
        }
        return RunViewJson.assemble(header(now, List.of(), List.of(), approvalViews()), stages, edgesJson);
    }

    private List<RunView.Approval> approvalViews() {
        List<RunView.Approval> out = new ArrayList<>(approvals.size());
        for (ApprovalState a : approvals) {
            out.add(a.view());
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // events

    private void apply(RunEvent event) {
        if (event instanceof RunEvent.StageStarted e) {
            stageStarted(e);
        } else if (event instanceof RunEvent.StageEnded e) {
            stageEnded(e);
        } else if (event instanceof RunEvent.Coordinated e) {
            coordinated(e.key(), e.event());
        } else if (event instanceof RunEvent.ParallelStarted e) {
            Node p = add(e.key(), parentOf(e.parent(), e.branch()), "parallel", Kind.PARALLEL);
            for (String b : e.branches()) {
                branch(p, b);
            }
        } else if (event instanceof RunEvent.ParallelEnded) {
            // its branches' stages said all there is to say
        } else if (event instanceof RunEvent.OrchestratePlanned e) {
            Node block = add(e.key(), parentOf(e.parent(), e.branch()), e.plan().name(), Kind.ORCHESTRATE);
            for (StageSpec spec : e.plan().stages()) {
                Node s = add(null, block, spec.name(), Kind.STAGE);
                s.spec = spec;
                s.orchestrated = true;
                block.plan.put(spec.name(), s);
                if (e.key() != null) {
                    byKey.putIfAbsent(plannedKey(e.key(), spec.name()), s);
                }
            }
        } else if (event instanceof RunEvent.StageOutputs e) {
            Node block = byKey.get(e.orchestrate());
            Node s = block == null ? null : block.plan.get(e.stage());
            if (s != null) {
                s.outputs = JsonValues.object(e.outputs(), mask);
                touch(s);
            }
        } else if (event instanceof RunEvent.AutomationRecorded e) {
            RunView.Automation a = new RunView.Automation(
                    e.step(),
                    e.line(),
                    e.at().toEpochMilli(),
                    JsonValues.of(e.result(), mask),
                    e.error() == null ? null : mask.apply(e.error()));
            Node s = e.stage() == null ? null : byKey.get(e.stage());
            if (s != null) {
                s.automation.add(a);
                touch(s);
            } else if (e.stage() == null) {
                automation.add(a);
            }
        } else if (event instanceof RunEvent.InputRequested e) {
            inputRequested(e);
        } else if (event instanceof RunEvent.InputAnswered e) {
            inputAnswered(e);
        } else if (event instanceof RunEvent.RunStarted e) {
            number = e.number();
            title = mask.apply(e.title());
            trigger = e.trigger() == null ? "" : mask.apply(e.trigger());
            params = e.params();
            startedAt = e.at().toEpochMilli();
            status = "RUNNING";
        } else if (event instanceof RunEvent.RunEnded e) {
            endedAt = e.at().toEpochMilli();
            status = e.result().name();
            for (ApprovalState a : approvals) {
                if (a.status.equals("PENDING")) {
                    a.status = "CANCELLED";
                }
            }
            openApprovals.clear();
        }
    }

    /** The node a new block runs in: {@code parent}, or its branch {@code branch} if it is a {@code parallel}. */
    private Node parentOf(String parentKey, String branch) {
        Node p = parentKey == null ? root : byKey.getOrDefault(parentKey, root);
        if (p.kind == Kind.PARALLEL && branch != null) {
            Node b = p.branches.get(branch);
            return b != null ? b : branch(p, branch);
        }
        return p;
    }

    /** The key a planned stage is also known by, for hosts that run no {@code stage} step the fold sees. */
    static String plannedKey(String block, String stage) {
        return block + "\n" + stage; // a block's key has no line break; the runner's keys are k1, k2, …
    }

    private Node add(String key, Node parent, String name, Kind kind) {
        Node n = new Node(parent, name, kind);
        n.label = mask.apply(name);
        n.id = "s" + (++ids);
        n.changed = version;
        if (key != null) {
            byKey.put(key, n);
        }
        byId.put(n.id, n);
        parent.children.add(n);
        order.add(n);
        structureChanged = version;
        return n;
    }

    private Node branch(Node parallel, String name) {
        Node b = add(null, parallel, name, Kind.BRANCH);
        parallel.branches.put(name, b);
        return b;
    }

    private void touch(Node n) {
        n.changed = version;
    }

    private void stageStarted(RunEvent.StageStarted e) {
        if (byKey.containsKey(e.key())) {
            return;
        }
        Node parent = parentOf(e.parent(), e.branch());
        // a stage that the orchestrate glue runs in its branch of the same name is that planned stage
        if (parent.kind == Kind.BRANCH
                && parent.parent.parent.kind == Kind.ORCHESTRATE
                && parent.name.equals(e.name())) {
            Node planned = parent.parent.parent.plan.get(e.name());
            if (planned != null) {
                byKey.put(e.key(), planned);
                return;
            }
        }
        Node s = add(e.key(), parent, e.name(), Kind.STAGE);
        long at = e.at().toEpochMilli();
        s.status = RunView.Status.RUNNING;
        s.attempts = 1;
        s.startedAt = at;
        s.open("running", null, 1, at);
    }

    private void stageEnded(RunEvent.StageEnded e) {
        Node s = byKey.get(e.key());
        if (s == null || s.orchestrated) {
            return; // the coordinator's events tell how a planned stage ended
        }
        long at = e.at().toEpochMilli();
        s.close(at);
        s.endedAt = at;
        s.waiting = null;
        s.status = switch (e.result()) {
            case SUCCESS -> RunView.Status.SUCCEEDED;
            case UNSTABLE -> RunView.Status.UNSTABLE;
            case FAILURE -> RunView.Status.FAILED;
            case ABORTED -> RunView.Status.ABORTED;
            case NOT_BUILT -> RunView.Status.SKIPPED;
        };
        if (e.note() != null) {
            s.note = mask.apply(e.note());
        }
        touch(s);
    }

    private void coordinated(String key, CoordinatorEvent event) {
        Node block = byKey.get(key);
        if (block == null || !(event instanceof CoordinatorEvent.StageEvent se)) {
            return;
        }
        Node s = block.plan.get(se.stage());
        if (s == null) {
            return;
        }
        long at = event.at().toEpochMilli();
        touch(s);
        if (event instanceof CoordinatorEvent.StageQueued) {
            s.ready(at);
            s.status = RunView.Status.QUEUED;
            s.waiting = new RunView.Waiting("queue", null, null, List.of(), 0, List.of(), null, null, null);
            s.reopen("waiting", "queue", at);
        } else if (event instanceof CoordinatorEvent.WaitingForLock w) {
            s.ready(at);
            s.status = RunView.Status.WAITING_FOR_LOCK;
            s.waiting = new RunView.Waiting(
                    "lock", mask.apply(w.lock()), mask.apply(w.holder()), List.of(), 0, List.of(), null, null, null);
            s.reopen("waiting", "lock", at);
        } else if (event instanceof CoordinatorEvent.WaitingForApproval w) {
            s.ready(at);
            s.status = RunView.Status.WAITING_FOR_APPROVAL;
            ApprovalState a = approval(se.stage(), s, at);
            a.coordinated = true;
            a.stage = s;
            a.approvers = masked(w.approvers());
            a.quorum = w.quorum();
            a.message = mask.apply(w.message());
            s.waiting = a.waiting();
            s.reopen("waiting", "approval", at);
        } else if (event instanceof CoordinatorEvent.ApprovalGiven g) {
            ApprovalState a = approval(se.stage(), s, at);
            a.decide(mask.apply(g.approver()), true, mask.apply(g.comment()), at);
            if (a.approvedBy().size() >= Math.max(1, a.quorum)) {
                a.status = "APPROVED";
                openApprovals.remove(a.id);
            }
            if (s.waiting != null && "approval".equals(s.waiting.kind())) {
                s.waiting = a.waiting();
            }
        } else if (event instanceof CoordinatorEvent.ApprovalRejected r) {
            ApprovalState a = approval(se.stage(), s, at);
            a.decide(mask.apply(r.approver()), false, mask.apply(r.comment()), at);
            a.status = "REJECTED";
            openApprovals.remove(a.id);
        } else if (event instanceof CoordinatorEvent.ApprovalTimedOut) {
            ApprovalState a = approval(se.stage(), s, at);
            a.status = "TIMED_OUT";
            openApprovals.remove(a.id);
        } else if (event instanceof CoordinatorEvent.StageStarted st) {
            s.ready(at);
            s.close(at);
            s.status = RunView.Status.RUNNING;
            s.attempts = st.attempt();
            if (s.startedAt == null) {
                s.startedAt = at;
            }
            s.waiting = null;
            s.open("running", null, st.attempt(), at);
        } else if (event instanceof CoordinatorEvent.StageRetrying r) {
            s.close(at);
            s.status = RunView.Status.RETRY_WAIT;
            s.note = mask.apply(r.failure().toString());
            s.waiting = new RunView.Waiting(
                    "retry",
                    null,
                    null,
                    List.of(),
                    0,
                    List.of(),
                    null,
                    null,
                    r.retryAt().toEpochMilli());
            s.open("waiting", "retry", r.attempt(), at);
        } else if (event instanceof CoordinatorEvent.StageSucceeded ok) {
            s.end(at, ok.warning().isPresent() ? RunView.Status.UNSTABLE : RunView.Status.SUCCEEDED);
            ok.warning().ifPresent(w -> s.note = mask.apply(w));
            if (s.outputs.isEmpty() && !ok.outputs().isEmpty()) {
                s.outputs = JsonValues.object(ok.outputs(), mask);
            }
        } else if (event instanceof CoordinatorEvent.StageFailed f) {
            s.end(at, RunView.Status.FAILED);
            s.note = mask.apply(f.failure().toString());
        } else if (event instanceof CoordinatorEvent.StageAborted a) {
            s.end(at, RunView.Status.ABORTED);
            s.note = mask.apply(a.reason());
        } else if (event instanceof CoordinatorEvent.StageSkipped sk) {
            s.end(at, RunView.Status.SKIPPED);
            s.note = mask.apply(sk.reason());
        } else if (event instanceof CoordinatorEvent.StageInterrupted) {
            s.close(at);
            s.status = RunView.Status.PENDING;
        } else if (event instanceof CoordinatorEvent.RollbackStarted) {
            s.rollback = "RUNNING";
        } else if (event instanceof CoordinatorEvent.RollbackFinished r) {
            s.rollback = r.failure().isPresent() ? "ROLLBACK_FAILED" : "ROLLED_BACK";
            r.failure().ifPresent(f -> s.note = mask.apply("rollback " + f));
        }
    }

    private void inputRequested(RunEvent.InputRequested e) {
        long at = e.at().toEpochMilli();
        ApprovalState a = openApprovals.get(e.id());
        if (a != null && a.coordinated) {
            return; // an orchestrate approval: the coordinator's events tell who may approve and how many must
        }
        Node s = e.stage() == null ? null : byKey.get(e.stage());
        a = approval(e.id(), s, at);
        a.approvers = masked(e.submitters());
        a.quorum = 1;
        a.message = mask.apply(e.message());
        if (s != null) {
            s.status = RunView.Status.WAITING_FOR_APPROVAL;
            s.waiting = a.waiting();
            s.reopen("waiting", "approval", at);
            touch(s);
        }
    }

    private void inputAnswered(RunEvent.InputAnswered e) {
        long at = e.at().toEpochMilli();
        ApprovalState a = openApprovals.get(e.id());
        if (a == null) {
            return;
        }
        a.decide(mask.apply(e.by()), e.approved(), e.comment() == null ? "" : mask.apply(e.comment()), at);
        if (a.coordinated) {
            return;
        }
        a.status = e.approved() ? "APPROVED" : "REJECTED";
        openApprovals.remove(a.id);
        Node s = a.stage;
        if (s != null && s.status == RunView.Status.WAITING_FOR_APPROVAL) {
            s.status = RunView.Status.RUNNING;
            s.waiting = null;
            s.reopen("running", null, at);
            touch(s);
        }
    }

    /** The open approval {@code id}, or a new one if none is open. */
    private ApprovalState approval(String id, Node stage, long at) {
        ApprovalState a = openApprovals.get(id);
        if (a == null) {
            a = new ApprovalState(id, stage, at);
            approvals.add(a);
            openApprovals.put(id, a);
        }
        return a;
    }

    private List<String> masked(List<String> texts) {
        List<String> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(mask.apply(t));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // structure: visible parents, edges, critical path

    private void prepare() {
        if (structureComputed < structureChanged) {
            structureComputed = structureChanged;
            for (Node n : order) {
                boolean visible = n.kind == Kind.STAGE || (n.kind == Kind.BRANCH && n.shownAsGroup());
                Node p = n.parent;
                while (p != null && !(p.kind == Kind.STAGE || (p.kind == Kind.BRANCH && p.shownAsGroup()))) {
                    p = p.parent;
                }
                String parentId = p == null ? null : p.id;
                if (visible != n.visible || !java.util.Objects.equals(parentId, n.visibleParent)) {
                    n.visible = visible;
                    n.visibleParent = parentId;
                    n.changed = version;
                }
            }
            List<RunView.Edge> out = new ArrayList<>();
            Map<Node, List<Node>> preds = new HashMap<>();
            ends(root, out, preds);
            edges = List.copyOf(out);
            predecessors = preds;
        }
        for (Node n : order) {
            if (n.kind == Kind.BRANCH && n.visible && n.aggregate()) {
                n.changed = version;
            }
        }
        if (criticalPathVersion != version) {
            criticalPathVersion = version;
            criticalPath = computeCriticalPath();
        }
    }

    private record Ends(List<Node> entries, List<Node> exits) {
        static final Ends NONE = new Ends(List.of(), List.of());

        boolean isEmpty() {
            return entries.isEmpty();
        }
    }

    private Ends ends(Node n, List<RunView.Edge> out, Map<Node, List<Node>> preds) {
        switch (n.kind) {
            case STAGE -> {
                Ends inner = n.children.isEmpty() ? Ends.NONE : sequence(n.children, out, preds);
                return inner.isEmpty() ? new Ends(List.of(n), List.of(n)) : inner;
            }
            case ROOT, BRANCH -> {
                return sequence(n.children, out, preds);
            }
            case PARALLEL -> {
                List<Node> entries = new ArrayList<>();
                List<Node> exits = new ArrayList<>();
                for (Node b : n.children) {
                    Ends e = ends(b, out, preds);
                    entries.addAll(e.entries());
                    exits.addAll(e.exits());
                }
                return new Ends(entries, exits);
            }
            case ORCHESTRATE -> {
                return orchestrate(n, out, preds);
            }
            default -> throw new IllegalStateException(n.kind.name());
        }
    }

    private Ends sequence(List<Node> children, List<RunView.Edge> out, Map<Node, List<Node>> preds) {
        List<Node> entries = null;
        List<Node> exits = null;
        for (Node c : children) {
            Ends e = ends(c, out, preds);
            if (e.isEmpty()) {
                continue;
            }
            if (exits == null) {
                entries = e.entries();
            } else {
                link(exits, e.entries(), "sequence", out, preds);
            }
            exits = e.exits();
        }
        return entries == null ? Ends.NONE : new Ends(entries, exits);
    }

    private Ends orchestrate(Node block, List<RunView.Edge> out, Map<Node, List<Node>> preds) {
        Map<String, Ends> ends = new HashMap<>();
        for (Map.Entry<String, Node> s : block.plan.entrySet()) {
            ends.put(s.getKey(), ends(s.getValue(), out, preds));
        }
        Set<String> needed = new HashSet<>();
        List<Node> entries = new ArrayList<>();
        for (Node s : block.plan.values()) {
            for (String need : s.spec.needs()) {
                Ends from = ends.get(need);
                if (from != null) {
                    link(from.exits(), ends.get(s.spec.name()).entries(), "needs", out, preds);
                    if (!s.spec.isFinally()) {
                        needed.add(need);
                    }
                }
            }
        }
        List<Node> mainSinks = new ArrayList<>();
        for (Node s : block.plan.values()) {
            if (!s.spec.isFinally() && !needed.contains(s.spec.name())) {
                mainSinks.addAll(ends.get(s.spec.name()).exits());
            }
        }
        List<Node> exits = new ArrayList<>(mainSinks);
        List<Node> main = new ArrayList<>();
        for (Node s : block.plan.values()) {
            if (!s.spec.isFinally()) {
                main.addAll(ends.get(s.spec.name()).exits());
            }
        }
        for (Node s : block.plan.values()) {
            Ends e = ends.get(s.spec.name());
            if (s.spec.needs().isEmpty()) {
                if (s.spec.isFinally() && !mainSinks.isEmpty()) {
                    link(mainSinks, e.entries(), "finally", out, preds);
                    // a finally stage waits for every main stage, whichever ended last, as CriticalPath has it
                    for (Node t : e.entries()) {
                        preds.get(t).addAll(main);
                    }
                } else {
                    entries.addAll(e.entries());
                }
            }
            if (s.spec.isFinally()) {
                exits.addAll(e.exits());
            }
        }
        return new Ends(entries, exits);
    }

    private static void link(
            List<Node> from, List<Node> to, String kind, List<RunView.Edge> out, Map<Node, List<Node>> preds) {
        for (Node t : to) {
            List<Node> p = preds.computeIfAbsent(t, k -> new ArrayList<>(from.size()));
            for (Node f : from) {
                out.add(new RunView.Edge(f.id, t.id, kind));
                p.add(f);
            }
        }
    }

    /**
     * From the stage that ended last, back through the predecessor that ended last before it started, as {@link
     * io.jenkins.plugins.orchestra.coordinator.CriticalPath} does over {@code needs}.
     */
    private RunView.CriticalPath computeCriticalPath() {
        Node last = null;
        for (Node n : order) {
            if (n.kind == Kind.STAGE && n.children.isEmpty() && n.ran() && (last == null || n.endedAt > last.endedAt)) {
                last = n;
            }
        }
        if (last == null || startedAt == null) {
            return RunView.CriticalPath.EMPTY;
        }
        List<Node> chain = new ArrayList<>();
        Set<Node> seen = new HashSet<>();
        for (Node at = last; at != null && seen.add(at); ) {
            chain.add(at);
            Node best = null;
            for (Node p : predecessors.getOrDefault(at, List.of())) {
                if (p.ran() && p.endedAt <= at.startedAt && (best == null || p.endedAt > best.endedAt)) {
                    best = p;
                }
            }
            at = best;
        }
        java.util.Collections.reverse(chain);
        List<String> ids = new ArrayList<>(chain.size());
        List<RunView.Segment> segments = new ArrayList<>(chain.size());
        long previousEnd = startedAt;
        String bottleneck = null;
        long longest = -1;
        for (Node n : chain) {
            long ran = n.endedAt - n.startedAt;
            ids.add(n.id);
            segments.add(new RunView.Segment(n.id, Math.max(0, n.startedAt - previousEnd), ran));
            previousEnd = n.endedAt;
            if (ran > longest) {
                longest = ran;
                bottleneck = n.id;
            }
        }
        return new RunView.CriticalPath(
                List.copyOf(ids), List.copyOf(segments), Math.max(0, last.endedAt - startedAt), bottleneck);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A stage, a branch, a {@code parallel} block, an {@code orchestrate} block, or the run itself. */
    private static final class Node {
        final Node parent;
        final String name;
        /** The name as shown: masked. */
        String label;

        final Kind kind;
        final List<Node> children = new ArrayList<>(0);
        String id;
        long changed;
        boolean visible;
        String visibleParent;

        RunView.Status status = RunView.Status.PENDING;
        boolean orchestrated;
        int attempts;
        Long readyAt;
        Long startedAt;
        Long endedAt;
        String note;
        RunView.Waiting waiting;
        final List<SpanState> spans = new ArrayList<>(1);
        Map<String, Object> outputs = Map.of();
        final List<RunView.Automation> automation = new ArrayList<>(0);
        String rollback = "NONE";

        /** Of a {@code parallel} block: its branches by name. */
        Map<String, Node> branches = Map.of();
        /** Of an {@code orchestrate} block: its planned stages by name, in plan order. */
        Map<String, Node> plan = Map.of();

        StageSpec spec;
        /** Its JSON, kept once it has settled, as of version {@code jsonVersion}. */
        byte[] json;

        long jsonVersion = -1;

        Node(Node parent, String name, Kind kind) {
            this.parent = parent;
            this.name = name;
            this.kind = kind;
            if (kind == Kind.PARALLEL) {
                branches = new LinkedHashMap<>();
            } else if (kind == Kind.ORCHESTRATE) {
                plan = new LinkedHashMap<>();
            }
        }

        /** A branch that ran more than its one stage of the same name. */
        boolean shownAsGroup() {
            if (children.isEmpty()) {
                return false;
            }
            Node only = children.get(0);
            return children.size() > 1 || only.kind != Kind.STAGE || !only.name.equals(name);
        }

        /** Ended, and waiting for nothing: nothing in its view changes with time. */
        boolean settled() {
            if (!status.isTerminal()) {
                return false;
            }
            for (SpanState s : spans) {
                if (s.to == null) {
                    return false;
                }
            }
            return endedAt != null || startedAt == null;
        }

        boolean ran() {
            return startedAt != null && endedAt != null && status != RunView.Status.SKIPPED && status.isTerminal();
        }

        void ready(long at) {
            if (readyAt == null) {
                readyAt = at;
            }
        }

        void open(String spanKind, String reason, int attempt, long at) {
            spans.add(new SpanState(spanKind, reason, attempt, at));
        }

        /** Closes the open span and opens another of the same attempt. */
        void reopen(String spanKind, String reason, long at) {
            SpanState last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null
                    && last.to == null
                    && last.kind.equals(spanKind)
                    && java.util.Objects.equals(last.reason, reason)) {
                return;
            }
            close(at);
            open(spanKind, reason, Math.max(1, attempts), at);
        }

        void close(long at) {
            if (!spans.isEmpty()) {
                SpanState last = spans.get(spans.size() - 1);
                if (last.to == null) {
                    if (at <= last.from && last.kind.equals("waiting")) {
                        spans.remove(spans.size() - 1); // a wait that did not last is no wait
                    } else {
                        last.to = at;
                    }
                }
            }
        }

        void end(long at, RunView.Status to) {
            close(at);
            status = to;
            endedAt = at;
            waiting = null;
        }

        /** A shown branch's state: from its stages; whether it changed. */
        boolean aggregate() {
            Long first = null;
            Long last = null;
            boolean allEnded = true;
            RunView.Status worst = null;
            for (Node c : children) {
                if (c.kind != Kind.STAGE && c.kind != Kind.BRANCH) {
                    continue;
                }
                if (c.startedAt != null && (first == null || c.startedAt < first)) {
                    first = c.startedAt;
                }
                if (c.endedAt != null && (last == null || c.endedAt > last)) {
                    last = c.endedAt;
                }
                if (!c.status.isTerminal()) {
                    allEnded = false;
                } else if (worst == null || rank(c.status) > rank(worst)) {
                    worst = c.status;
                }
            }
            RunView.Status now = allEnded && worst != null ? worst : RunView.Status.RUNNING;
            Long end = allEnded ? last : null;
            if (now != status
                    || !java.util.Objects.equals(first, startedAt)
                    || !java.util.Objects.equals(end, endedAt)) {
                status = now;
                startedAt = first;
                endedAt = end;
                return true;
            }
            return false;
        }

        private static int rank(RunView.Status s) {
            return switch (s) {
                case SKIPPED -> 0;
                case SUCCEEDED -> 1;
                case UNSTABLE -> 2;
                case ABORTED -> 3;
                case FAILED -> 4;
                default -> -1;
            };
        }

        RunView.Stage view(long now) {
            List<RunView.Span> spanViews = new ArrayList<>(spans.size());
            long waited = 0;
            for (SpanState s : spans) {
                spanViews.add(new RunView.Span(s.kind, s.reason, s.attempt, s.from, s.to));
                if (s.kind.equals("waiting")) {
                    waited += (s.to != null ? s.to : now) - s.from;
                }
            }
            Long duration = startedAt == null ? null : Math.max(0, (endedAt != null ? endedAt : now) - startedAt);
            return new RunView.Stage(
                    id,
                    label,
                    kind == Kind.BRANCH ? "branch" : "stage",
                    visibleParent,
                    status.name(),
                    orchestrated,
                    attempts,
                    readyAt,
                    startedAt,
                    endedAt,
                    duration,
                    Math.max(0, waited),
                    note,
                    waiting,
                    spanViews,
                    outputs,
                    List.copyOf(automation),
                    rollback);
        }
    }

    private static final class SpanState {
        final String kind;
        final String reason;
        final int attempt;
        final long from;
        Long to;

        SpanState(String kind, String reason, int attempt, long from) {
            this.kind = kind;
            this.reason = reason;
            this.attempt = attempt;
            this.from = from;
        }
    }

    private final class ApprovalState {
        final String id;
        Node stage;
        final long requestedAt;
        List<String> approvers = List.of();
        int quorum = 1;
        String message = "";
        String status = "PENDING";
        boolean coordinated;
        final List<RunView.Decision> decisions = new ArrayList<>(1);

        ApprovalState(String id, Node stage, long requestedAt) {
            this.id = id;
            this.stage = stage;
            this.requestedAt = requestedAt;
        }

        /** Records a decision once: the input's answer and the coordinator's echo of it are one decision. */
        void decide(String by, boolean approved, String comment, long at) {
            for (RunView.Decision d : decisions) {
                if (d.by().equals(by) && d.approved() == approved) {
                    return;
                }
            }
            decisions.add(new RunView.Decision(by, approved, comment, at));
            if (stage != null) {
                stage.changed = version;
            }
        }

        List<String> approvedBy() {
            List<String> out = new ArrayList<>();
            for (RunView.Decision d : decisions) {
                if (d.approved()) {
                    out.add(d.by());
                }
            }
            return out;
        }

        RunView.Waiting waiting() {
            return new RunView.Waiting(
                    "approval", null, null, approvers, quorum, List.copyOf(approvedBy()), message, id, null);
        }

        RunView.Approval view() {
            return new RunView.Approval(
                    id,
                    stage == null ? null : stage.id,
                    message,
                    approvers,
                    quorum,
                    status,
                    requestedAt,
                    List.copyOf(decisions));
        }
    }

    /** The id of the stage a host knows by {@code key}, if the fold knows it. */
    public synchronized java.util.Optional<String> stageId(String key) {
        Node n = byKey.get(key);
        return n == null || n.kind != Kind.STAGE ? java.util.Optional.empty() : java.util.Optional.of(n.id);
    }

    /** The name of stage {@code id}, if there is one. */
    public synchronized java.util.Optional<String> stageName(String id) {
        Node n = byId.get(id);
        return n == null || n.kind != Kind.STAGE ? java.util.Optional.empty() : java.util.Optional.of(n.name);
    }

    /** The key of the {@code orchestrate} block that planned stage {@code id}, if an {@code orchestrate} block did. */
    public synchronized java.util.Optional<String> plannedIn(String id) {
        Node n = byId.get(id);
        if (n == null || !n.orchestrated) {
            return java.util.Optional.empty();
        }
        for (Map.Entry<String, Node> e : byKey.entrySet()) {
            if (e.getValue() == n.parent) {
                return java.util.Optional.of(e.getKey());
            }
        }
        return java.util.Optional.empty();
    }

    /** When the run started, if it has. */
    public synchronized java.util.Optional<Instant> started() {
        return startedAt == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(startedAt));
    }

    /** The pending approval {@code id}: who may answer it (empty for anyone), or empty if none is pending. */
    public synchronized java.util.Optional<List<String>> pendingApprovers(String id) {
        ApprovalState a = openApprovals.get(id);
        return a == null || !a.status.equals("PENDING")
                ? java.util.Optional.empty()
                : java.util.Optional.of(a.approvers);
    }
}
