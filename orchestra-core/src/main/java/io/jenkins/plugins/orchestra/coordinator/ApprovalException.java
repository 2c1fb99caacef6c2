package io.jenkins.plugins.orchestra.coordinator;

import io.jenkins.plugins.orchestra.OrchestraException;

/** An approval or rejection that cannot be taken, with the reason for the person who gave it. */
public final class ApprovalException extends OrchestraException {
    private static final long serialVersionUID = 1L;

    private ApprovalException(String message) {
        super(message);
    }

    static ApprovalException notWaiting(String stage, StageStatus status) {
        return new ApprovalException("stage '" + stage + "' is not waiting for approval (it is "
                + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
    }

    static ApprovalException notAnApprover(String stage, String person, ApprovalSpec approval) {
        return new ApprovalException("'" + person + "' may not approve stage '" + stage + "'; its approvers are "
                + String.join(", ", approval.approvers()));
    }

    static ApprovalException alreadyApproved(String stage, String person, int missing) {
        return new ApprovalException("'" + person + "' has already approved stage '" + stage + "'; " + missing
                + " more approval" + (missing == 1 ? " is" : "s are") + " needed from other approvers");
    }

    static ApprovalException unknownStage(String stage) {
        return new ApprovalException("there is no stage '" + stage + "' in this run");
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
