package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import jenkins.model.CauseOfInterruption;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** Orchestra stopped a stage: its timeout, a {@code failFast} halt, an aborted run, a withdrawn approval. */
@Restricted(NoExternalUse.class)
final class OrchestraInterruption extends CauseOfInterruption {
    private static final long serialVersionUID = 1L;

    private final String reason;

    OrchestraInterruption(String reason) {
        this.reason = reason;
    }

    @Override
    public String getShortDescription() {
        return "Orchestra: " + reason;
    }
}
