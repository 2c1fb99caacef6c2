package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.coordinator.Coordinator;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import io.jenkins.plugins.orchestra.jenkins.host.PlainValues;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What a branch reports through {@code orchestraReport}: an {@code outcome} ({@code success}, {@code failure},
 * {@code condition}, {@code approved}, {@code rejected}, {@code rolledBack}, {@code rollbackFailed}) and its values,
 * as the glue writes them. The {@code error} is the exception itself; it is read at once and never kept.
 */
@Restricted(NoExternalUse.class)
final class Report {
    private final String outcome;
    private final Map<?, ?> values;

    Report(Map<?, ?> values) {
        this.values = values == null ? Map.of() : values;
        this.outcome = String.valueOf(this.values.get("outcome"));
    }

    String outcome() {
        return outcome;
    }

    /** Whether it reports an answer to the stage's approval, which may come with a comment. */
    boolean isAnswer() {
        return outcome.equals("approved") || outcome.equals("rejected");
    }

    /**
     * Tells the coordinator; {@code ask} asks the stage's approvers again; {@code comment} is what the approver
     * wrote on the Orchestration page, or {@code null}.
     */
    void apply(Coordinator c, String stage, Consumer<String> ask, String comment) {
        Object error = values.get("error");
        switch (outcome) {
            case "success" -> c.stageSucceeded(stage, Reports.outputs(PlainValues.copy(values.get("outputs"))));
            case "failure" -> c.stageFailed(stage, Reports.failureOf(error));
            case "condition" ->
                c.conditionEvaluated(
                        stage, Boolean.TRUE.equals(values.get("passed")), String.valueOf(values.get("detail")));
            case "approved" ->
                approved(c, stage, String.valueOf(values.get("approver")), comment == null ? "" : comment, ask);
            case "rejected" -> rejected(c, stage, error, comment == null ? "rejected in Jenkins" : comment, ask);
            case "rolledBack" -> c.rollbackFinished(stage, Optional.empty());
            case "rollbackFailed" -> c.rollbackFinished(stage, Optional.of(Reports.failureOf(error)));
            default -> throw new IllegalArgumentException("unknown report '" + outcome + "' for stage '" + stage + "'");
        }
    }

    private static void approved(Coordinator c, String stage, String approver, String comment, Consumer<String> ask) {
        if (c.status(stage) != StageStatus.WAITING_FOR_APPROVAL) {
            return; // withdrawn meanwhile
        }
        try {
            c.approve(stage, approver, comment);
        } catch (OrchestraException e) {
            // not an approver after all, or one who approved already: the others are asked again below
        }
        if (c.status(stage) == StageStatus.WAITING_FOR_APPROVAL) {
            ask.accept(stage);
        }
    }

    private static void rejected(Coordinator c, String stage, Object error, String comment, Consumer<String> ask) {
        if (c.status(stage) != StageStatus.WAITING_FOR_APPROVAL) {
            return; // Orchestra withdrew the question itself
        }
        Optional<String> rejecter = Reports.rejecter(error);
        if (rejecter.isEmpty()) {
            c.abort("the approval of '" + stage + "' was interrupted: "
                    + Reports.failureOf(error).message());
            return;
        }
        try {
            c.reject(stage, rejecter.get(), comment);
        } catch (OrchestraException e) {
            ask.accept(stage); // somebody who may cancel the build but is not an approver: ask again
        }
    }
}
