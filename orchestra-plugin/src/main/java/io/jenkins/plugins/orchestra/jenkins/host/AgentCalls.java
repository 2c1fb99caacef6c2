package io.jenkins.plugins.orchestra.jenkins.host;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.jenkins.config.OrchestraConfiguration;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Hands a step call's work to core on the agent that holds the workspace: the one line a step adapter needs, from
 * a non-blocking execution such as {@code StepExecutions.synchronousNonBlocking(context, c -> AgentCalls.run(c,
 * work))}. Credentials are resolved here, on the controller, and shipped with the call; stopping the step interrupts
 * the call, which remoting passes on to the agent.
 */
@Restricted(NoExternalUse.class)
public final class AgentCalls {
    /** Set to {@code true} (in the job's environment or with {@code withEnv}) for a dry run of deploy and provision. */
    public static final String DRY_RUN = "ORCHESTRA_DRY_RUN";

    private AgentCalls() {}

    /**
     * Runs {@code work} on the agent of the current {@code node} block and returns its result.
     *
     * @throws AbortException for an expected failure, with core's one-line message, or when there is no workspace
     */
    public static Map<String, Object> run(StepContext context, HostedWork work) throws Exception {
        FilePath workspace = context.get(FilePath.class);
        if (workspace == null) {
            throw new AbortException("this step needs a workspace: call it inside node { … }");
        }
        HostSpec spec = spec(context, work, workspace.getRemote());
        try {
            return workspace.act(new AgentCall(spec, work, context.get(TaskListener.class)));
        } catch (OrchestraException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * Runs {@code work} here, on the controller, for work that needs no workspace and must not hold an agent: network
     * calls that read the build's own files ({@code notify} keeps what it sent in the build's directory). Relative
     * paths in the work resolve against {@code directory}.
     *
     * @throws AbortException for an expected failure, with core's one-line message
     */
    public static Map<String, Object> runOnController(StepContext context, HostedWork work, Path directory)
            throws Exception {
        HostSpec spec = spec(context, work, directory.toString());
        try {
            return new AgentCall(spec, work, context.get(TaskListener.class)).call();
        } catch (OrchestraException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private static HostSpec spec(StepContext context, HostedWork work, String directory) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        EnvVars env = context.get(EnvVars.class);
        Map<String, String> environment = env == null ? Map.of() : env;
        return new HostSpec(
                directory,
                environment,
                CredentialShipping.resolve(run, work.credentialIds()),
                RunRefs.of(run),
                isDryRun(environment),
                OrchestraConfiguration.get().sections());
    }

    static boolean isDryRun(Map<String, String> environment) {
        String value = environment.get(DRY_RUN);
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }
}
