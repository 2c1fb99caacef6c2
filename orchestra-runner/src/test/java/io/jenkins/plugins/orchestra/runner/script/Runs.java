package io.jenkins.plugins.orchestra.runner.script;

import io.jenkins.plugins.orchestra.runner.library.LocalLibrary;
import io.jenkins.plugins.orchestra.runner.steps.BuiltInSteps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a Jenkinsfile in a workspace and keeps its log, for tests. */
final class Runs {
    record Run(JenkinsfileRunner.Outcome outcome, String log) {
        BuildResult result() {
            return outcome.result();
        }
    }

    private Runs() {}

    static Run run(Path workspace, String jenkinsfile) {
        return run(workspace, jenkinsfile, Map.of());
    }

    static Run run(Path workspace, String jenkinsfile, Map<String, String> params) {
        return run(workspace, jenkinsfile, params, InputProvider.unattended());
    }

    static Run run(Path workspace, String jenkinsfile, Map<String, String> params, InputProvider input) {
        return run(workspace, jenkinsfile, params, input, noCredentials());
    }

    static Run run(
            Path workspace,
            String jenkinsfile,
            Map<String, String> params,
            InputProvider input,
            io.jenkins.plugins.orchestra.host.CredentialStore credentials) {
        return run(workspace, jenkinsfile, params, input, credentials, List.of());
    }

    /** Runs with the shared libraries given, as {@code --library} gives them. */
    static Run run(Path workspace, String jenkinsfile, List<LocalLibrary> libraries) {
        return run(workspace, jenkinsfile, Map.of(), InputProvider.unattended(), noCredentials(), libraries);
    }

    private static io.jenkins.plugins.orchestra.host.CredentialStore noCredentials() {
        return id -> {
            throw io.jenkins.plugins.orchestra.host.CredentialsException.notFound(id, java.util.Set.of(), "");
        };
    }

    static Run run(
            Path workspace,
            String jenkinsfile,
            Map<String, String> params,
            InputProvider input,
            io.jenkins.plugins.orchestra.host.CredentialStore credentials,
            List<LocalLibrary> libraries) {
        io.jenkins.plugins.orchestra.host.SecretMasker masker = new io.jenkins.plugins.orchestra.host.SecretMasker();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BUILD_NUMBER", "7");
        env.put("BRANCH_NAME", "main");
        PipelineRuntime runtime = new PipelineRuntime(
                workspace,
                env,
                new Console(out, masker::mask),
                new CurrentBuild(7, Instant.now()),
                InstantSource.system());
        BuiltInSteps.registerAll(runtime, input, credentials, masker, workspace.resolve(".orchestra/runs/7"));
        JenkinsfileRunner.Outcome outcome =
                JenkinsfileRunner.run(JenkinsfileRunner.compile(jenkinsfile, libraries), runtime, params);
        return new Run(outcome, bytes.toString(StandardCharsets.UTF_8));
    }
}
