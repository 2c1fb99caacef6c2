package io.jenkins.plugins.orchestra.view;

import java.util.List;
import java.util.Map;

/**
 * A run as every dashboard shows it: its stages with their state and times, the edges between them, the critical path
 * and the approvals. A snapshot of a {@link RunViewFold}; written as JSON by {@link RunViewJson}. Times are epoch
 * milliseconds, {@code null} when not known yet. No field holds a secret: the fold masks every text that enters it.
 *
 * @param number the run's number
 * @param status {@code RUNNING}, or how it ended: {@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE}, {@code
 *     ABORTED}, {@code NOT_BUILT}
 * @param now when the snapshot was taken, so that a page can age running stages consistently
 * @param version grows with every change; {@link RunViewFold#changesSince(long)} takes it
 * @param stages every stage, parents before their children
 * @param edges between stages without children: what ran after what
 * @param automation what deploy, provision and notify steps outside every stage reported, such as the notifications of
 *     a pipeline's {@code post} section
 */
public record RunView(
        int number,
        String title,
        String trigger,
        String status,
        Long startedAt,
        Long endedAt,
        long durationMillis,
        long now,
        long version,
        Map<String, String> params,
        List<Stage> stages,
        List<Edge> edges,
        CriticalPath criticalPath,
        List<Approval> approvals,
        List<Automation> automation) {

    /** The JSON contract's version; it changes when a field changes meaning or goes away. */
    public static final int SCHEMA = 1;

    /**
     * One stage, or a {@code parallel} branch shown as a group of the stages it ran.
     *
     * @param kind {@code stage}, or {@code branch} for a group of a branch's stages
     * @param parent the stage (or branch) this one ran in, or {@code null}
     * @param status {@link Status}
     * @param orchestrated whether it is a stage of an {@code orchestrate} block, whose edges are its {@code needs}
     * @param attempts attempts started (retries count)
     * @param readyAt when it could have started: its needs ended (orchestrated stages only)
     * @param waitedMillis time spent waiting for a slot, a lock, approvers or a retry
     * @param note why it was skipped, why it failed, or the warning of an ignored failure
     * @param waiting what it waits for now, or {@code null}
     * @param spans its time line: waits and attempts
     * @param outputs what it published (orchestrated stages)
     * @param automation what its deploy, provision and notify steps reported
     * @param rollback {@code NONE}, {@code RUNNING}, {@code ROLLED_BACK} or {@code ROLLBACK_FAILED}
     */
    public record Stage(
            String id,
            String name,
            String kind,
            String parent,
            String status,
            boolean orchestrated,
            int attempts,
            Long readyAt,
            Long startedAt,
            Long endedAt,
            Long durationMillis,
            long waitedMillis,
            String note,
            Waiting waiting,
            List<Span> spans,
            Map<String, Object> outputs,
            List<Automation> automation,
            String rollback) {}

    /** The states a stage shows. */
    public enum Status {
        PENDING,
        QUEUED,
        WAITING_FOR_LOCK,
        WAITING_FOR_APPROVAL,
        RUNNING,
        RETRY_WAIT,
        SUCCEEDED,
        UNSTABLE,
        FAILED,
        ABORTED,
        SKIPPED;

        public boolean isTerminal() {
            return ordinal() >= SUCCEEDED.ordinal();
        }
    }

    /**
     * What a stage waits for.
     *
     * @param kind {@code queue} (a free slot), {@code lock}, {@code approval} or {@code retry}
     * @param approvers who may approve; empty for anyone
     * @param approvedBy who approved so far
     * @param input the id an answer names ({@code POST …/inputs/{id}})
     * @param until when a retry starts
     */
    public record Waiting(
            String kind,
            String lock,
            String holder,
            List<String> approvers,
            int quorum,
            List<String> approvedBy,
            String message,
            String input,
            Long until) {}

    /**
     * A stretch of a stage's time line.
     *
     * @param kind {@code waiting} or {@code running}
     * @param reason for a wait: {@code queue}, {@code lock}, {@code approval} or {@code retry}
     * @param to {@code null} while it lasts
     */
    public record Span(String kind, String reason, int attempt, long from, Long to) {}

    /**
     * What an automation step reported.
     *
     * @param result what it returned, as JSON values; {@code null} if it failed
     */
    public record Automation(String step, int line, long at, Object result, String error) {}

    /** @param kind {@code sequence} (ran after), {@code needs}, or {@code finally} (a finally stage after the rest) */
    public record Edge(String from, String to, String kind) {}

    /**
     * The chain of stages that made the run as long as it was.
     *
     * @param stages stage ids in run order
     * @param bottleneck the stage on the path that ran longest
     */
    public record CriticalPath(List<String> stages, List<Segment> segments, long totalMillis, String bottleneck) {
        public static final CriticalPath EMPTY = new CriticalPath(List.of(), List.of(), 0, null);
    }

    /** One stage on the critical path: how long it waited after it could have started, and how long it ran. */
    public record Segment(String stage, long waitedMillis, long ranMillis) {}

    /**
     * An {@code input} or an {@code orchestrate} approval, pending or decided, with who decided what when.
     *
     * @param id what an answer names
     * @param stage the stage it gates, or {@code null}
     * @param status {@code PENDING}, {@code APPROVED}, {@code REJECTED}, {@code TIMED_OUT} or {@code CANCELLED}
     */
    public record Approval(
            String id,
            String stage,
            String message,
            List<String> approvers,
            int quorum,
            String status,
            long requestedAt,
            List<Decision> decisions) {}

    /** One answer to an approval: the audit trail. */
    public record Decision(String by, boolean approved, String comment, long at) {}

    /**
     * What changed since version {@code since}: the run's own fields as in {@code run} (its stage, edge and approval
     * lists empty), the stages that changed, the edges if the graph changed ({@code null} if not), the critical path
     * and the approvals.
     */
    public record Delta(
            long since,
            RunView run,
            List<Stage> stages,
            List<Edge> edges,
            CriticalPath criticalPath,
            List<Approval> approvals) {}
}
