package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.Extension;
import hudson.model.TaskListener;
import java.io.IOException;
import org.jenkinsci.plugins.pipeline.StageStatus;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.TagsAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code orchestraSkipped(run: id, stage: name, reason: why)}, called inside the real {@code stage} step of a stage
 * the coordinator skipped: says why in the log, and tags the stage (and its branch) as skipped the way Declarative tags
 * a stage whose {@code when} is false, so that Stage View and Pipeline Graph View show it skipped.
 */
@Restricted(NoExternalUse.class)
public final class SkippedStep extends Step {
    private final String run;
    private final String stage;
    private final String reason;

    @DataBoundConstructor
    public SkippedStep(String run, String stage, String reason) {
        this.run = run;
        this.stage = stage;
        this.reason = reason;
    }

    public String getRun() {
        return run;
    }

    public String getStage() {
        return stage;
    }

    public String getReason() {
        return reason;
    }

    @Override
    public StepExecution start(StepContext context) {
        return StepExecutions.synchronousVoid(context, c -> {
            c.get(TaskListener.class).getLogger().println("Stage \"" + stage + "\" skipped: " + reason);
            boolean stageTagged = false;
            for (BlockStartNode block : c.get(FlowNode.class).iterateEnclosingBlocks()) {
                boolean branch = block.getPersistentAction(ThreadNameAction.class) != null;
                if (!stageTagged && !branch && block.getPersistentAction(LabelAction.class) != null) {
                    tag(block);
                    stageTagged = true;
                } else if (branch) {
                    tag(block);
                    return;
                }
            }
        });
    }

    private static void tag(FlowNode node) throws IOException {
        TagsAction tags = node.getAction(TagsAction.class);
        if (tags == null) {
            tags = new TagsAction();
            tags.addTag(StageStatus.TAG_NAME, StageStatus.getSkippedForConditional());
            node.addAction(tags);
        } else if (tags.getTagValue(StageStatus.TAG_NAME) == null) {
            tags.addTag(StageStatus.TAG_NAME, StageStatus.getSkippedForConditional());
            node.save();
        }
    }

    @Extension
    public static final class DescriptorImpl extends HostStepDescriptor {
        public DescriptorImpl() {
            super("orchestraSkipped", "Mark a stage skipped");
        }
    }
}
