package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.RunSummary;
import io.jenkins.plugins.orchestra.coordinator.StageResult;
import io.jenkins.plugins.orchestra.coordinator.StageStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code orchestraFinish(run: id)}: prints the block's summary and ends it as the coordinator decided: the stages'
 * outputs by stage name, an {@link AbortException} naming the failed stages, an abort, or unstable when a failure
 * was ignored.
 */
@Restricted(NoExternalUse.class)
public final class FinishStep extends Step {
    private final String run;

    @DataBoundConstructor
    public FinishStep(String run) {
        this.run = run;
    }

    public String getRun() {
        return run;
    }

    @Override
    public StepExecution start(StepContext context) {
        return StepExecutions.synchronous(context, c -> {
            Run<?, ?> build = c.get(Run.class);
            RunResult result = OrchestrationAction.of(build)
                    .coordinators()
                    .live(run, c.get(TaskListener.class))
                    .result()
                    .orElseThrow(() -> new IllegalStateException("orchestrate ended before its coordinator did"));
            c.get(TaskListener.class)
                    .getLogger()
                    .println(RunSummary.format(result).stripTrailing());
            if (result.status() == RunStatus.ABORTED) {
                throw new FlowInterruptedException(
                        Result.ABORTED, new OrchestraInterruption("orchestrate was aborted"));
            }
            if (result.status() == RunStatus.FAILURE) {
                throw new AbortException("orchestrate failed: " + failed(result));
            }
            if (result.stages().stream().anyMatch(s -> s.note()
                    .filter(n -> n.startsWith("failed, ignored"))
                    .isPresent())) {
                c.get(FlowNode.class)
                        .addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage("a stage failed, ignored"));
                build.setResult(Result.UNSTABLE);
            }
            Map<String, Object> outputs = new LinkedHashMap<>();
            result.stages().forEach(s -> outputs.put(s.name(), new LinkedHashMap<>(s.outputs())));
            return outputs;
        });
    }

    private static String failed(RunResult result) {
        String failed = result.stages().stream()
                .filter(s -> s.status() == StageStatus.FAILED)
                .map(FinishStep::describe)
                .collect(Collectors.joining(", "));
        return failed.isEmpty() ? "a rollback failed" : failed;
    }

    private static String describe(StageResult s) {
        return "'" + s.name() + "' (" + s.failure().map(Object::toString).orElse("failed") + ")";
    }

    @Extension
    public static final class DescriptorImpl extends HostStepDescriptor {
        public DescriptorImpl() {
            super("orchestraFinish", "End an orchestrate block");
        }
    }
}
