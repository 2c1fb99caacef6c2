package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.runner.declarative.interpreter.DeclarativeInterpreter;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;

/** Registers every built-in step of the local runner. */
public final class BuiltInSteps {
    private BuiltInSteps() {}

    public static void registerAll(
            PipelineRuntime runtime,
            InputProvider input,
            CredentialStore credentials,
            SecretMasker masker,
            java.nio.file.Path runDirectory) {
        BasicSteps.register(runtime);
        FileSteps.register(runtime);
        FlowSteps.register(runtime);
        ParallelStep.register(runtime);
        ShStep.register(runtime);
        InputStep.register(runtime, input);
        CredentialSteps.register(runtime, credentials, masker);
        ArtifactSteps.register(runtime, runDirectory);
        io.jenkins.plugins.orchestra.runner.orchestrate.OrchestrateSteps.register(runtime, runDirectory);
        LibrarySteps.register(runtime);
        DeclarativeInterpreter.register(runtime);
        RunnerStepHosts hosts = new RunnerStepHosts(credentials, masker);
        // automation steps (deploy, provision, notify) register here with `hosts`
        ProvisionStep.register(runtime, hosts);
        DeployStep.register(runtime, hosts, input);
        NotifyStep.register(runtime, hosts, runDirectory);
    }
}
