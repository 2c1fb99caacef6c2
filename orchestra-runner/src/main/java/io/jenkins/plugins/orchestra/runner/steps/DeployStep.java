package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.deploy.DeployApproval;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.deploy.Deployer;
import io.jenkins.plugins.orchestra.deploy.TargetKinds;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy target: 'web', artifact: 'build/app.tar.gz', version: env.BUILD_ID, …}: hands the call to core's
 * {@link Deployer} with the runner's {@link StepHost}; a canary's approval is asked like {@code input}. Returns the
 * deploy's outputs (version, previousVersion, hosts and their results, duration).
 */
public final class DeployStep {
    private static final Deployer DEPLOYER = new Deployer(TargetKinds.defaults());

    private DeployStep() {}

    public static void register(PipelineRuntime runtime, RunnerStepHosts hosts, InputProvider input) {
        runtime.register("deploy", (call, rt) -> deploy(call, rt, hosts, input));
    }

    private static Object deploy(StepCall call, PipelineRuntime rt, RunnerStepHosts hosts, InputProvider input)
            throws InterruptedException {
        if (!call.positional().isEmpty() || call.body() != null) {
            throw new StepException("deploy takes named parameters only, such as deploy target: 'web', artifact:"
                    + " 'build/app.tar.gz', version: env.BUILD_ID" + call.at());
        }
        DeploySpec spec;
        try {
            spec = DeploySpec.parse(call.named());
        } catch (IllegalArgumentException e) {
            throw new StepException(e.getMessage() + call.at());
        }
        rt.console().pipeline(rt.context(), "deploy");
        String id = rt.context().stage() != null ? rt.context().stage() : "deploy";
        DeployApproval approval = question -> {
            rt.log(question);
            rt.log("Promote or Abort");
            InputProvider.Answer answer = input.ask(id, question, "Promote", List.of(), Map.of());
            return new DeployApproval.Decision(answer.proceed(), answer.submitter());
        };
        return DEPLOYER.deploy(spec, hosts.forCall(rt), approval).toOutputs();
    }
}
