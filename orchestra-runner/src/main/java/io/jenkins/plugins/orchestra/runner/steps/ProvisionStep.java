package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.provision.ProvisionException;
import io.jenkins.plugins.orchestra.provision.ProvisionResult;
import io.jenkins.plugins.orchestra.provision.Provisioner;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import io.jenkins.plugins.orchestra.runner.script.StepException;
import java.util.LinkedHashMap;

/**
 * {@code provision tool: 'ansible', playbook: 'site.yml', inventory: 'hosts.ini'}: hands the call to core's {@link
 * Provisioner} with the step's host, and returns the tool's outputs as a map (inside {@code orchestrate}, the stage's
 * outputs). With a block, the block runs with the tool's environment ({@code TF_OUTPUT_name}) added.
 */
public final class ProvisionStep {
    private static final Provisioner PROVISIONER = Provisioner.withBuiltInTools();

    private ProvisionStep() {}

    public static void register(PipelineRuntime runtime, RunnerStepHosts hosts) {
        runtime.register("provision", (call, rt) -> provision(call, rt, hosts));
    }

    private static Object provision(StepCall call, PipelineRuntime rt, RunnerStepHosts hosts) throws Exception {
        if (!call.positional().isEmpty()) {
            throw new StepException("provision takes named arguments only: provision tool: 'ansible', playbook:"
                    + " 'site.yml'" + call.at());
        }
        try {
            PROVISIONER.validate(call.named());
        } catch (ProvisionException.InvalidArgument e) {
            throw new StepException(e.getMessage() + call.at());
        }
        rt.console().pipeline(rt.context(), "provision");
        ProvisionResult result = PROVISIONER.provision(call.named(), hosts.forCall(rt));
        if (call.body() != null) {
            rt.run(rt.context().withEnv(result.environment()), call.body());
        }
        return new LinkedHashMap<String, Object>(result.outputs());
    }
}
