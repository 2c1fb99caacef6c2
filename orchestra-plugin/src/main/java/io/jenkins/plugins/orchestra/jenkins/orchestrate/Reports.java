package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.AbortException;
import hudson.model.User;
import io.jenkins.plugins.orchestra.coordinator.Failure;
import io.jenkins.plugins.orchestra.coordinator.StageOutputs;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.TimeoutStepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.Rejection;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** How what a branch reports ({@code orchestraReport}) reads to the coordinator. */
@Restricted(NoExternalUse.class)
final class Reports {
    private Reports() {}

    /**
     * A stage body's exception as a failure: the {@code timeout} step's interruption is a timeout, any other
     * interruption (an abort, Orchestra stopping the stage) is an abort, an {@link AbortException} is an error with its
     * message alone, as Jenkins prints it; anything else as core reads it.
     */
    static Failure failureOf(Object error) {
        if (error instanceof FlowInterruptedException fie) {
            String why = fie.getCauses().stream()
                    .map(CauseOfInterruption::getShortDescription)
                    .collect(Collectors.joining("; "));
            boolean timedOut =
                    fie.getCauses().stream().anyMatch(TimeoutStepExecution.ExceededTimeout.class::isInstance);
            return timedOut ? Failure.timeout(why) : Failure.aborted(why);
        }
        if (error instanceof AbortException e) {
            return Failure.error(e.getMessage());
        }
        if (error instanceof Throwable t) {
            return Failure.of(t);
        }
        return Failure.error(String.valueOf(error));
    }

    /** Who rejected an approval in Jenkins' input form, if that is what ended it. */
    static Optional<String> rejecter(Object error) {
        if (error instanceof FlowInterruptedException fie) {
            for (CauseOfInterruption cause : fie.getCauses()) {
                if (cause instanceof Rejection r) {
                    User user = r.getUser();
                    return Optional.of(user == null ? "anonymous" : user.getId());
                }
            }
        }
        return Optional.empty();
    }

    /** A stage's published outputs, as the coordinator keeps them: strings, lists and maps as JSON text. */
    static Map<String, String> outputs(Object outputs) {
        return StageOutputs.of(outputs);
    }
}
