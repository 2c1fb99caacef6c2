package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * {@code orchestraReport(run: id, stage: name, report: [outcome: …])}: a branch tells the coordinator how its command
 * ended. Quick and free of I/O but for saving the build, so it runs on the CPS VM thread.
 */
@Restricted(NoExternalUse.class)
public final class ReportStep extends Step {
    private final String block;
    private final String stage;
    /** Holds the exception of a failed stage: read at once, never saved, the execution being synchronous. */
    private final Map<?, ?> report;

    ReportStep(String block, String stage, Map<?, ?> report) {
        this.block = block;
        this.stage = stage;
        this.report = report;
    }

    @Override
    public StepExecution start(StepContext context) {
        Report parsed = new Report(report);
        return StepExecutions.synchronousVoid(context, c -> {
            TaskListener log = c.get(TaskListener.class);
            OrchestrationAction action = OrchestrationAction.of(c.get(Run.class));
            String comment = parsed.isAnswer() ? action.coordinators().takeComment(stage) : null;
            action.coordinators().live(block, log).report(stage, parsed, comment, log);
        });
    }

    @Extension
    public static final class DescriptorImpl extends HostStepDescriptor {
        public DescriptorImpl() {
            super("orchestraReport", "Report to the coordinator");
        }

        @Override
        public Step newInstance(Map<String, Object> arguments) {
            return new ReportStep(
                    string(arguments, "run"), string(arguments, "stage"), (Map<?, ?>) arguments.get("report"));
        }
    }
}
