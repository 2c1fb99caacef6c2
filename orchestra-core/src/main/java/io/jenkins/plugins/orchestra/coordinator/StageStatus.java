package io.jenkins.plugins.orchestra.coordinator;

/** Where a stage is in its life. A stage ends in exactly one of the terminal states. */
public enum StageStatus {
    /** Waiting for its needs to end. */
    PENDING(false),
    /** Its needs have ended; the host is evaluating its {@code when} condition. */
    EVALUATING(false),
    /** Waiting for approvers. */
    WAITING_FOR_APPROVAL(false),
    /** Ready, waiting for a free slot under {@code maxParallel}. */
    QUEUED(false),
    /** Ready, waiting for another stage to release its lock. */
    WAITING_FOR_LOCK(false),
    RUNNING(false),
    /** An attempt failed; waiting to be tried again. */
    RETRY_WAIT(false),
    SUCCEEDED(true),
    FAILED(true),
    ABORTED(true),
    SKIPPED(true);

    private final boolean terminal;

    StageStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
