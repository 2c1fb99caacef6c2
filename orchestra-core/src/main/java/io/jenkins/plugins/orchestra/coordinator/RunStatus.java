package io.jenkins.plugins.orchestra.coordinator;

/** The outcome of a whole run. */
public enum RunStatus {
    RUNNING,
    /** Every stage that ran succeeded (ignored failures included). */
    SUCCESS,
    /** A stage failed, or a rollback did. */
    FAILURE,
    /** The run or one of its stages was aborted. */
    ABORTED
}
