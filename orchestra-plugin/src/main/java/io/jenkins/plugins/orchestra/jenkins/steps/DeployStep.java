package io.jenkins.plugins.orchestra.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.jenkins.host.AgentCalls;
import io.jenkins.plugins.orchestra.jenkins.orchestrate.Automations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code deploy target: 'staging', artifact: 'build/app.tar.gz', version: env.BUILD_ID, …}: core's {@code Deployer} on
 * the agent that holds the workspace. The parameters are the runner's, with the same values: those that take a
 * number or a text, or a text or a map ({@code batch: 2} or {@code '25%'}, {@code healthCheck: 'http://…'} or {@code
 * [url: …]}), are plain {@code Object}s that core reads, so one Jenkinsfile serves both hosts. The optional parameters
 * live in {@link DeployOptions}.
 */
@Restricted(NoExternalUse.class)
public final class DeployStep extends DeployOptions {
    private final Object target;

    @DataBoundConstructor
    public DeployStep(Object target) {
        this.target = StepArguments.value(target);
    }

    public Object getTarget() {
        return target;
    }

    /** The arguments as core's {@link DeploySpec#parse} reads them. */
    Map<String, Object> arguments() {
        LinkedHashMap<String, Object> arguments = StepArguments.arguments();
        StepArguments.put(arguments, "target", target);
        putOptions(arguments);
        return arguments;
    }

    @Override
    public StepExecution start(StepContext context) {
        Map<String, Object> arguments = arguments();
        return StepExecutions.synchronousNonBlocking(
                context, c -> Automations.recorded(c, "deploy", () -> AgentCalls.run(c, DeployWork.of(arguments))));
    }

    @Extension
    @Symbol("deploy")
    public static final class DescriptorImpl extends DeployForm {
        @Override
        public String getFunctionName() {
            return "deploy";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Deploy a release to the hosts of a target (Orchestra)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }
    }
}
