package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The descriptor of a step that only the {@code orchestrate} glue calls, hidden among the advanced steps. Steps whose
 * arguments include a Groovy map, a list or an exception, which data binding cannot take, are built from the raw named
 * arguments by overriding {@link #newInstance(Map)}, which Pipeline then uses instead of data binding.
 */
@Restricted(NoExternalUse.class)
abstract class HostStepDescriptor extends StepDescriptor {
    private final String functionName;
    private final String displayName;

    HostStepDescriptor(String functionName, String displayName) {
        this.functionName = functionName;
        this.displayName = displayName;
    }

    @Override
    public final String getFunctionName() {
        return functionName;
    }

    @Override
    public final String getDisplayName() {
        return displayName + " (used by orchestrate)";
    }

    @Override
    public final boolean isAdvanced() {
        return true;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class, FlowNode.class);
    }

    /** Shown in the flow graph next to the step. */
    @Override
    public String argumentsToString(Map<String, Object> namedArgs) {
        Object stage = namedArgs.get("stage");
        return stage == null ? null : String.valueOf(stage);
    }

    static String string(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the glue passes '" + name + "'; it is missing");
        }
        return value.toString();
    }
}
