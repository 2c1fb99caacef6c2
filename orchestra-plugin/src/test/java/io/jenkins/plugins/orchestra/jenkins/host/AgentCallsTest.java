package io.jenkins.plugins.orchestra.jenkins.host;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.jenkins.config.DeployTargetEntry;
import io.jenkins.plugins.orchestra.jenkins.config.OrchestraConfiguration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.StepExecutions;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.DataBoundConstructor;

@WithJenkins
class AgentCallsTest {
    private static final String TOKEN = "s3cr3t-token-value";

    @Test
    void runsTheWorkOnTheAgentWithCredentialsConfigurationAndTheSecretMasked(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(
                        CredentialsScope.GLOBAL, "token", "", hudson.util.Secret.fromString(TOKEN)));
        SystemCredentialsProvider.getInstance().save();
        OrchestraConfiguration.get().setTargets(List.of(new DeployTargetEntry("staging", "kind: local\n")));
        WorkflowJob p = r.createProject(WorkflowJob.class, "hosted");
        p.setDefinition(new CpsFlowDefinition(
                "node('remote') { withEnv(['ORCHESTRA_DRY_RUN=true']) { echo \"result ${hostedEcho()}\" } }", true));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("token is ****", b);
        r.assertLogNotContains(TOKEN, b);
        r.assertLogContains("job:hosted", b);
        r.assertLogContains("dryRun:true", b);
        r.assertLogContains("targets:[staging]", b);
    }

    @Test
    void failsWithOneLineNamingMissingCredentials(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = r.createProject(WorkflowJob.class, "hosted");
        p.setDefinition(new CpsFlowDefinition("node('remote') { hostedEcho() }", true));

        WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

        r.assertLogContains("Could not find credentials entry with ID 'token'", b);
        r.assertLogNotContains("CredentialsException", b);
    }

    /** Echoes what the agent's host knows, from the agent. */
    static final class EchoWork implements HostedWork {
        private static final long serialVersionUID = 1L;

        @Override
        public Map<String, Object> run(StepHost host) {
            StringCredential token = host.credentials().get("token", StringCredential.class);
            host.listener().info("token is " + token.secret().reveal());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("job", host.run().job());
            result.put("dryRun", host.dryRun());
            result.put("targets", List.copyOf(host.configured("targets").keySet()));
            return result;
        }

        @Override
        public Set<String> credentialIds() {
            return Set.of("token");
        }
    }

    public static final class HostedEchoStep extends Step {
        @DataBoundConstructor
        public HostedEchoStep() {}

        @Override
        public StepExecution start(StepContext context) {
            return StepExecutions.synchronousNonBlocking(context, c -> AgentCalls.run(c, new EchoWork()));
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public String getFunctionName() {
                return "hostedEcho";
            }

            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
            }
        }
    }
}
