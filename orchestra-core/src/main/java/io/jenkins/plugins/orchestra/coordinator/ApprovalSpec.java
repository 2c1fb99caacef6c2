package io.jenkins.plugins.orchestra.coordinator;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A gate in front of a stage: it starts only once enough of the named people approved it.
 *
 * @param approvers who may approve; empty means anyone who can reach the approval
 * @param quorum how many distinct approvers must approve
 * @param timeout how long to wait for the quorum, if the wait is bounded
 * @param onTimeout what a timed-out wait does to the stage
 * @param message what the approvers are asked
 */
public record ApprovalSpec(
        List<String> approvers, int quorum, Optional<Duration> timeout, OnTimeout onTimeout, String message) {

    public ApprovalSpec {
        Objects.requireNonNull(approvers, "approval.approvers");
        Objects.requireNonNull(timeout, "approval.timeout");
        Objects.requireNonNull(onTimeout, "approval.onTimeout");
        Problems problems = new Problems();
        Set<String> seen = new HashSet<>();
        for (String approver : approvers) {
            if (approver == null || approver.isBlank()) {
                problems.add("approval.approvers", "must not contain a blank name");
            } else if (!seen.add(approver)) {
                problems.add("approval.approvers", "names '" + approver + "' twice");
            }
        }
        if (quorum < 1) {
            problems.add("approval.quorum", "must be at least 1, was " + quorum);
        } else if (!approvers.isEmpty() && quorum > approvers.size()) {
            problems.add(
                    "approval.quorum",
                    "is " + quorum + " but only " + approvers.size() + " approver"
                            + (approvers.size() == 1 ? " is" : "s are") + " listed: " + String.join(", ", approvers));
        }
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
            problems.add("approval.timeout", "must be positive, was " + timeout.get());
        }
        problems.throwIfAny();
        approvers = List.copyOf(approvers);
        message = message == null || message.isBlank() ? "Proceed?" : message;
    }

    /** One approval from anyone, no time limit. */
    public static ApprovalSpec anyone() {
        return new ApprovalSpec(List.of(), 1, Optional.empty(), OnTimeout.REJECT, null);
    }

    /** Whether {@code person} may approve or reject. */
    public boolean allows(String person) {
        return approvers.isEmpty() || approvers.contains(person);
    }

    /** What a wait for approval that timed out does. */
    public enum OnTimeout {
        /** The stage fails, as if rejected (the default). */
        REJECT,
        /** The stage is skipped. */
        SKIP,
        /** The stage runs, as if approved. */
        APPROVE;

        public String userName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static OnTimeout fromUserName(String field, String text) {
            for (OnTimeout t : values()) {
                if (t.userName().equalsIgnoreCase(text.strip())) {
                    return t;
                }
            }
            throw InvalidPlanException.ofField(field, "must be reject, skip or approve, was '" + text + "'");
        }
    }
}
