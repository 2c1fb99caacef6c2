package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.model.Run;
import io.jenkins.plugins.orchestra.host.RunRef;
import io.jenkins.plugins.orchestra.jenkins.graph.FlowStages;
import io.jenkins.plugins.orchestra.notify.Outcome;
import io.jenkins.plugins.orchestra.notify.RunContext;
import java.util.List;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A build as core's {@link RunContext}: the cheap facts of the {@link Run} ({@link BuildFacts}), its stages and their
 * logs from its flow graph ({@link FlowStages}, {@link FlowLogs}), so that a message names the stage that failed and
 * shows the end of its log.
 */
@Restricted(NoExternalUse.class)
final class NotifyRun {
    private NotifyRun() {}

    static RunContext of(Run<?, ?> run, RunRef ref, Outcome status, String version, String target) {
        FlowExecution execution = run instanceof WorkflowRun workflow ? workflow.getExecution() : null;
        List<FlowStages.Found> stages = FlowStages.of(execution, status, System.currentTimeMillis());
        return new RunContext(
                ref,
                status,
                BuildFacts.previous(run),
                BuildFacts.duration(run),
                stages.stream().map(FlowStages.Found::stage).toList(),
                version,
                target,
                BuildFacts.changes(run),
                new FlowLogs(execution, stages, new BuildLogs(run)));
    }
}
