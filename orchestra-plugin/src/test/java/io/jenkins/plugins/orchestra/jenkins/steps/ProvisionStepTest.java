package io.jenkins.plugins.orchestra.jenkins.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.FormValidation;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code provision} in Pipeline with {@code tool: 'shell'}, which needs nothing installed but {@code sh}. Like every
 * synchronous non-blocking step it fails on resume after a controller restart: no restart test.
 */
@WithJenkins
class ProvisionStepTest {
    private static final String TOKEN = "s3cr3t-provision-token";

    @Test
    void smokes(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));

        WorkflowRun b = r.buildAndAssertSuccess(
                job(
                        r,
                        "node('remote') { def p = provision tool: 'shell',"
                                + " script: 'echo bucket=b1 >> \"$ORCHESTRA_OUTPUTS\"'; echo \"bucket ${p.bucket} changed ${p.changed}\" }"));

        r.assertLogContains("bucket b1 changed true", b);
    }

    @Test
    void masksTheSecretsItWasGiven(JenkinsRule r) throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "token", "", Secret.fromString(TOKEN)));
        SystemCredentialsProvider.getInstance().save();

        WorkflowRun b = r.buildAndAssertSuccess(job(
                r, "node { provision tool: 'shell', script: 'echo \"token=$TOKEN\"', secretEnv: [TOKEN: 'token'] }"));

        r.assertLogContains("token=****", b);
        r.assertLogNotContains(TOKEN, b);
    }

    @Test
    void configRoundTrip(JenkinsRule r) throws Exception {
        ProvisionStep step = new ProvisionStep("shell");
        step.setDir("infra");
        step.setScript("./provision.sh staging");
        step.setTimeout("30m");
        step.setDryRun(true);

        r.assertEqualDataBoundBeans(step, new StepConfigTester(r).configRoundTrip(step));
        new SnippetizerTester(r)
                .assertRoundTrip(
                        step,
                        "provision dir: 'infra', dryRun: true, script: './provision.sh staging', timeout: '30m',"
                                + " tool: 'shell'");
        SnippetizerTester.assertDocGeneration(ProvisionStep.class);
    }

    @Test
    void formChecksSayWhatCoreSays(JenkinsRule r) {
        ProvisionStep.DescriptorImpl d = r.jenkins.getDescriptorByType(ProvisionStep.DescriptorImpl.class);

        FormValidation timeout = d.doCheckTimeout("shell", "soon");
        assertEquals(FormValidation.Kind.ERROR, timeout.kind);
        assertTrue(timeout.getMessage().contains("timeout"), timeout.getMessage());
        assertEquals(FormValidation.Kind.OK, d.doCheckTimeout("shell", "30m").kind);
        assertEquals(FormValidation.Kind.OK, d.doCheckPlaybook("shell", "site.yml").kind, "another tool's field");
        assertEquals(FormValidation.Kind.ERROR, d.doCheckMode("terraform", "destroy-all").kind);
    }

    @Test
    void aBadArgumentFailsTheBuildWithCoresOneLine(JenkinsRule r) throws Exception {
        WorkflowRun b = r.assertBuildStatus(
                Result.FAILURE,
                job(r, "node { provision tool: 'ansibel', playbook: 'site.yml' }")
                        .scheduleBuild2(0));

        r.assertLogContains("provision: tool 'ansibel' is not one of ansible, shell, terraform, tofu", b);
        r.assertLogContains("(did you mean 'ansible'?)", b);
        r.assertLogNotContains("\tat ", b);
    }

    @Test
    void aFailingScriptFailsTheBuildWithItsExitCode(JenkinsRule r) throws Exception {
        WorkflowRun b = r.assertBuildStatus(
                Result.FAILURE,
                job(r, "node { provision tool: 'shell', script: 'exit 3' }").scheduleBuild2(0));

        r.assertLogContains("provision (shell): the script returned exit code 3", b);
    }

    private static WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "provisioned");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }
}
