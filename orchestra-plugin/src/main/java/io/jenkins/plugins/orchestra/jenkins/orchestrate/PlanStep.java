package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.coordinator.InvalidPlanException;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** {@code orchestraPlan(options: [:], stages: [...])}: parses an {@code orchestrate} block and starts it; its id. */
@Restricted(NoExternalUse.class)
public final class PlanStep extends Step {
    private final Map<?, ?> options;
    private final List<?> stages;

    PlanStep(Map<?, ?> options, List<?> stages) {
        this.options = options == null ? Map.of() : options;
        this.stages = stages == null ? List.of() : stages;
    }

    @Override
    public StepExecution start(StepContext context) {
        return StepExecutions.synchronous(context, c -> {
            try {
                return OrchestrationAction.of(c.get(Run.class))
                        .coordinators()
                        .start(options, stages, c.get(TaskListener.class));
            } catch (InvalidPlanException e) {
                throw new AbortException(e.getMessage());
            }
        });
    }

    @Extension
    public static final class DescriptorImpl extends HostStepDescriptor {
        public DescriptorImpl() {
            super("orchestraPlan", "Start an orchestrate block");
        }

        @Override
        public Step newInstance(Map<String, Object> arguments) {
            return new PlanStep((Map<?, ?>) arguments.get("options"), (List<?>) arguments.get("stages"));
        }
    }
}
