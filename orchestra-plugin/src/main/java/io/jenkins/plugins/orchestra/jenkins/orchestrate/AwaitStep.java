package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.Extension;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code orchestraAwait(run: id, stage: name)}: the stage's branch waits until the coordinator says what it does next,
 * and gets the command as a map.
 */
@Restricted(NoExternalUse.class)
public final class AwaitStep extends Step {
    private final String run;
    private final String stage;

    @DataBoundConstructor
    public AwaitStep(String run, String stage) {
        this.run = run;
        this.stage = stage;
    }

    public String getRun() {
        return run;
    }

    public String getStage() {
        return stage;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new AwaitExecution(context, run, stage);
    }

    @Extension
    public static final class DescriptorImpl extends HostStepDescriptor {
        public DescriptorImpl() {
            super("orchestraAwait", "Wait for the coordinator");
        }
    }
}
