package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import io.jenkins.plugins.orchestra.view.CoordinatorFeed;
import io.jenkins.plugins.orchestra.view.RunEvent;
import java.time.Instant;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What one {@code deploy}, {@code provision} or {@code notify} call ended with, as {@code build.xml} keeps it: strings
 * only (the result as JSON text), so that XStream reads it back whatever core's records become. The block and stage are
 * those of the {@code orchestrate} stage it ran in, or both {@code null} for a call outside every planned stage.
 */
@Restricted(NoExternalUse.class)
final class AutomationEntry {
    private long at;
    private String block;
    private String stage;
    private String step;
    /** What the step returned, as JSON; {@code null} when it failed. */
    private String result;

    private String error;

    AutomationEntry(long at, String block, String stage, String step, String result, String error) {
        this.at = at;
        this.block = block;
        this.stage = stage;
        this.step = step;
        this.result = result;
        this.error = error;
    }

    /** The event core's fold reads; Jenkins does not tell a step's line in the Jenkinsfile, so it is 0 (unknown). */
    RunEvent.AutomationRecorded event() {
        String key = block == null || stage == null ? null : CoordinatorFeed.stageKey(block, stage);
        Object value = result == null ? null : PlanJson.parse(result);
        return new RunEvent.AutomationRecorded(Instant.ofEpochMilli(at), key, step, 0, value, error);
    }
}
